/** The docs name files that exist: every backticked repository path in README.md and ARCHITECTURE.md. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../cli/main';

const ROOT = join(__dirname, '..');
const TOP = ['compiler', 'lambdas', 'lib', 'local', 'web', 'cli', 'test', 'bench', 'bin', 'schema', 'fixtures'];
/** `lambdas/api/http.ts`, `compiler/model/`, `lib/`: a top-level folder, then plain path segments (no placeholders or globs). */
const PATH = new RegExp(`^(${TOP.join('|')})(/[A-Za-z0-9_.-]+)*/?$`);

/** Paths named in a doc; a path relative to the folder the text is about (`routes/<area>.ts`) does not start with a top-level folder and is not checked. */
const pathsIn = (doc: string) => [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!.replace(/[:#].*$/, '')).filter((p) => PATH.test(p));

it.each(['README.md', 'ARCHITECTURE.md'])('every repository path %s names exists', (doc) => {
  const paths = pathsIn(doc);
  expect(paths.length).toBeGreaterThan(5);
  // Build output (web/dist) is made by `npm run build:web`; a module may be named without `.ts`.
  expect(paths.filter((p) => !p.startsWith('web/dist/') && !existsSync(join(ROOT, p)) && !existsSync(join(ROOT, `${p}.ts`)))).toEqual([]);
});

it('the command line row of ARCHITECTURE.md lists every studio command', () => {
  const listed = /`studio ([a-z|-]+)`/.exec(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'))?.[1]?.split('|');
  expect(listed?.sort()).toEqual(Object.keys(COMMANDS).sort());
});

/**
 * The architecture rules of eslint.config.mjs refuse each wrong-way import (and console logging in lambdas/): probe files that
 * break one rule each, in a temporary copy of the layout, linted with the project's config.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
/** Probe file → its import, and the rule message it must get (null: allowed). */
const PROBES: Record<string, [string, RegExp | null]> = {
  'lambdas/shared/probe.ts': ["import { startStack } from '../../local/stack';", /never import local/],
  'lib/probe.ts': ["import { x } from '../local/sfn/engine';", /never import local/],
  'lambdas/runs/probe.ts': ["import { x } from '../../compiler/lower/report';", /through compiler\/index\.ts/],
  'cli/probe.ts': ["import { x } from '../compiler/tasks/registry';", /through compiler\/index\.ts/],
  // The runtime contract and the other top-level modules come through the index too (it re-exports them), in .tsx as well.
  'lambdas/tasks/probe2.ts': ["import { x } from '../../compiler/runtime-contract';", /through compiler\/index\.ts/],
  'web/console/src/probe.tsx': ["import { x } from '../../../compiler/graph';", /through compiler\/index\.ts/],
  'compiler/probe.ts': ["import { x } from '../lambdas/shared/config';", /nothing of the project outside compiler/],
  'compiler/lower/probe.ts': ["import { x } from '../../lib/stack';", /nothing of the project outside compiler/],
  'compiler/validate/probe2.ts': ["import jsonata from 'jsonata';", /only zod/],
  'lambdas/store/probe.ts': ["import { x } from '../reports/face';", /store must not import/],
  'lambdas/tasks/probe.ts': ["import type { x } from '../api/http';", /must not import api/],
  'lambdas/api/probe.ts': ["import { x } from '../reports/face';", /api must not import reports/],
  'lambdas/webhooks/probe.ts': ["const log = console.error;", /Unexpected console/],
  // Allowed: the compiler's index, its own sub-folders from inside, zod, shared modules.
  'lambdas/reports/probe.ts': ["import { x } from '../../compiler';\nimport { z } from '../shared/tokens';", null],
  'web/console/src/probe2.tsx': ["import { x } from '../../../compiler';", null],
  'compiler/lower/probe3.ts': ["import { z } from 'zod';\nimport { x } from '../tasks/registry';", null],
};

interface LintResult { filePath: string; messages: Array<{ ruleId: string | null; message: string }> }

let results: LintResult[];
beforeAll(async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'lint-probe-')));
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    copyFileSync(join(ROOT, 'eslint.config.mjs'), join(dir, 'eslint.config.mjs'));
    for (const [file, [code]] of Object.entries(PROBES)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), `${code}\nexport const probe = 1;\n`);
    }
    const run = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'eslint'), ['--format', 'json', '--rule', '@typescript-eslint/no-unused-vars: off', ...Object.keys(PROBES)], { cwd: dir })
      .catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '[]' }));
    results = (JSON.parse(run.stdout) as LintResult[]).map((r) => ({ ...r, filePath: r.filePath.slice(dir.length + 1) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it.each(Object.entries(PROBES))('%s', (file, [, expected]) => {
  const messages = results.find((r) => r.filePath === file)?.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-console') ?? [];
  if (expected) expect(messages).toEqual([expect.objectContaining({ message: expect.stringMatching(expected) })]);
  else expect(messages).toEqual([]);
});

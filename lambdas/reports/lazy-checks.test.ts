/**
 * The reports function loads a check's module on the check's first use (dispatch.ts): its cold
 * start, and every sandbox run (canned reports), load none of the report folders' code.
 * Measured in a Node process of its own, as the function starts (jest's registry is per file).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPORT_TYPES } from '../../compiler';

const ROOT = path.resolve(__dirname, '../..');

/** The files under lambdas/reports/<report type>/ that requiring `modules` loads, per folder. */
function loadedChecks(modules: string[]): string[] {
  const script = `${modules.map((m) => `require(${JSON.stringify(path.join(ROOT, m))});`).join('')}
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'bin/register.js'), '-e', script], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  const reports = path.join(ROOT, 'lambdas/reports');
  return [...new Set((JSON.parse(out) as string[])
    .filter((f) => f.startsWith(reports + path.sep))
    .map((f) => path.relative(reports, f).split(path.sep)[0]!)
    .filter((folder) => (REPORT_TYPES as readonly string[]).includes(folder)))].sort();
}

it('starting the reports function loads no check', () => {
  expect(loadedChecks(['lambdas/reports/handler.ts'])).toEqual([]);
});

it('a live check loads its own folder when it runs, not before', () => {
  // The document check's module, as dispatch.ts imports it on a document report's first run.
  expect(loadedChecks(['lambdas/reports/handler.ts', 'lambdas/reports/document_report/index.ts'])).toContain('document_report');
});

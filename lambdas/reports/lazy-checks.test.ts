/**
 * The reports function loads a check's module on the check's first use (dispatch.ts): its cold
 * start, and every sandbox run (canned reports), load none of the report folders' code.
 * Measured in a Node process of its own, as the function starts (jest's registry is per file).
 */
import * as path from 'node:path';
import { REPORT_TYPES } from '../../compiler';
import { modulesLoadedBy, ROOT } from '../../test/helpers/loaded-modules';

/** The files under lambdas/reports/<report type>/ that requiring `modules` loads, per folder. */
function loadedChecks(modules: string[]): string[] {
  const loaded = modulesLoadedBy(modules.map((m) => `require(${JSON.stringify(path.join(ROOT, m))})`).join(';'));
  const reports = path.join(ROOT, 'lambdas/reports');
  return [...new Set(loaded
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

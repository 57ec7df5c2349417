/** Report types are declared once, in the registry; everything keyed by report type follows it. */
import { FACE_CAPTURE_OF_VARIANT, FacialSimilarityReport, REGISTRY, REPORT_TYPES, reportUses, TASK_TYPES } from '../../compiler';
import { CANNED } from './sandbox/canned';
import { CHECKS } from './dispatch';

it('REPORT_TYPES are exactly the registry task types of kind report, and each has a live check and a canned sandbox report', () => {
  const reports = TASK_TYPES.filter((t) => REGISTRY[t].kind === 'report');
  expect([...REPORT_TYPES].sort()).toEqual([...reports].sort());
  expect(Object.keys(CHECKS).sort()).toEqual([...reports].sort());
  expect(Object.keys(CANNED).sort()).toEqual([...reports].sort());
  for (const t of REPORT_TYPES) expect(reportUses(t)).toEqual(REGISTRY[t].uses);
});

it('every facial similarity variant names the face capture it compares', () => {
  expect(Object.keys(FACE_CAPTURE_OF_VARIANT).sort()).toEqual([...FacialSimilarityReport.shape.variant.options].sort());
});

it('each report type lives in a folder of its own name; the other folders are named shared parts', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const folders = fs.readdirSync(__dirname, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  // face: the face engine both face reports use; providers: external report providers;
  // sandbox: canned sandbox reports; fixtures: test images; pdf: documents sent as PDF, read as images.
  const shared = ['face', 'providers', 'sandbox', 'fixtures', 'pdf'];
  expect(folders.filter((f) => !shared.includes(f)).sort()).toEqual([...REPORT_TYPES].sort());
});

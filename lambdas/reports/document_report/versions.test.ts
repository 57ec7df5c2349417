/**
 * document_report versions differ as the registry's update notes say: version 1 checks the MRZ,
 * expiry and age only; version 2 adds image quality and MRZ/printed-field consistency. The
 * live check honours the version the compiled workflow sends (`task_version`).
 */
import { availableUpdates, type ReportRequest } from '../../../compiler';
import { CHECKS } from '../dispatch';
import { FIXTURE_TODAY, makeDocument } from '../fixtures/documents';
import type { BreakdownArea, Media, ReportResult } from '../types';
import { closeOcr } from '.';

let uploads: Media[] = [];
jest.mock('../../store/media', () => ({
  ...jest.requireActual<object>('../../store/media'),
  loadMedia: async (id: string) => {
    const m = uploads.find((u) => u.id === id)!;
    return { bytes: m.bytes, meta: { applicant_id: 'app-1', content_type: m.contentType } };
  },
}));

beforeAll(async () => {
  // The printed date of birth differs from the MRZ: only a consistency check can see it.
  uploads = (await makeDocument('valid', 'passport', { printed: { birthDate: '1986-03-12' } })).images;
}, 30_000);
afterAll(closeOcr);

const run = (version: number): Promise<ReportResult> => {
  const req: ReportRequest = {
    kind: 'report', report: 'document_report', task_id: 'doc_report', task_version: version, config: {},
    run: { workflow_run_id: 'run-1', applicant_id: 'app-1', sandbox: false, applicant: {}, custom: {} },
    tasks: { document_capture: { task_id: 'doc', output: uploads.map((u) => ({ id: u.id })) } },
  };
  return CHECKS.document_report({ req, applicant: {}, now: FIXTURE_TODAY });
};
const integrity = (r: ReportResult) => Object.keys((r.breakdown.image_integrity as BreakdownArea).breakdown ?? {}).sort();

it('version 2 checks image quality and finds the printed field that disagrees with the MRZ (suspected)', async () => {
  const r = await run(2);
  expect(r).toMatchObject({ result: 'consider', sub_result: 'suspected', version: 2 });
  expect(r.breakdown).toHaveProperty('data_consistency');
  expect(integrity(r)).toContain('image_quality');
}, 60_000);

it('version 1 checks the MRZ, expiry and age only: no image quality, no consistency, so the same document is clear', async () => {
  const r = await run(1);
  expect(r).toMatchObject({ result: 'clear', sub_result: 'clear', version: 1 });
  expect(r.breakdown).not.toHaveProperty('data_consistency');
  expect(integrity(r)).not.toContain('image_quality');
  expect(r.breakdown).toHaveProperty('data_validation');
  expect(r.breakdown).toHaveProperty('age_validation');
}, 60_000);

it('the task update from version 1 states what version 2 adds', () => {
  const updates = availableUpdates({ name: 'w', start: 'd', tasks: [
    { id: 'd', type: 'document_capture', next: 'r' },
    { id: 'r', type: 'document_report', version: 1, variant: 'standard', processing: 'auto', next: 'a' },
    { id: 'a', type: 'result', outcome: 'approve', reasons: ['ok'] },
  ] } as Parameters<typeof availableUpdates>[0]);
  expect(updates).toEqual([{ task: 'r', type: 'document_report', from: 1, to: 2, notes: [expect.stringMatching(/^@2: Adds image_integrity\.image_quality .*data_consistency/)] }]);
});

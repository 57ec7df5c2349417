/**
 * Accepted documents: the document capture's `documents` reach the document report with the
 * capture's output (the compiled report request's `tasks.document_capture.config`), the check
 * judges the type and issuing country read off the document against them
 * (`image_integrity.breakdown.supported_document`), and a workflow's logic sends the end user
 * back with `unaccepted_document`.
 */
import type { ReportRequest } from '../../compiler';
import { documentReportConfig } from '../../lambdas/reports/dispatch';
import { checkDocument, closeOcr } from '../../lambdas/reports/document_report';
import { FIXTURE_TODAY, makeDocument } from '../../lambdas/reports/fixtures/documents';
import type { Media } from '../../lambdas/reports/types';
import { workflowEngine } from './harness';

const SUPPORTED = 'tasks.document_report.output.breakdown.image_integrity.breakdown.supported_document.result';
const definition = {
  name: 'Accepted documents', start: 'document',
  tasks: [
    { id: 'document', type: 'document_capture', documents: [{ type: 'passport', countries: ['GBR'] }], next: 'document_report' },
    { id: 'document_report', type: 'document_report', next: 'check' },
    { id: 'check', type: 'logic', branches: [
      { name: 'Unaccepted', when: { path: SUPPORTED, op: 'eq', value: 'consider' }, next: 'retry' },
      { name: 'Clear', when: { path: 'tasks.document_report.output.result', op: 'eq', value: 'clear' }, next: 'approve' },
    ], else: 'review' },
    { id: 'retry', type: 'retry', reasons: ['unaccepted_document'], target: 'document', max_retries: 1, limit_reached: 'decline' },
    { id: 'approve', type: 'result', outcome: 'approve' },
    { id: 'review', type: 'result', outcome: 'review' },
    { id: 'decline', type: 'result', outcome: 'decline', reasons: ['unaccepted_document'] },
  ],
};

const images = new Map<string, Media[]>();
beforeAll(async () => {
  images.set('gbr_passport', (await makeDocument('valid', 'passport')).images);
  images.set('prk_passport', (await makeDocument('unsupported_country', 'passport')).images);
  images.set('deu_id_card', (await makeDocument('valid', 'id_card')).images);
}, 60_000);
afterAll(closeOcr);

/** The report function: the real document check on the uploads the capture output names. */
async function documentReport(req: ReportRequest): Promise<unknown> {
  const [upload] = req.tasks.document_capture?.output as Array<{ id: string }>;
  return checkDocument({ images: images.get(upload?.id ?? '') ?? [], config: documentReportConfig(req), now: FIXTURE_TODAY });
}
const upload = (id: string) => [{ id, type: 'passport', side: 'front', issuing_country: 'GBR' }];

describe('accepted documents', () => {
  it('sends the capture’s accepted documents with its output, and a GBR passport passes', async () => {
    const w = workflowEngine(documentReport);
    const run = await w.start(definition);
    await w.complete('document', upload('gbr_passport'));
    expect(w.reports[0]?.tasks.document_capture).toEqual({
      task_id: 'document', output: upload('gbr_passport'), config: { documents: [{ countries: ['GBR'], type: 'passport' }] },
    });
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved', task_id: 'approve' });
  }, 60_000);

  it.each([
    ['a passport of another country', 'prk_passport', { document_type: 'passport', issuing_country: 'PRK' }],
    ['an ID card (another type)', 'deu_id_card', { document_type: 'national_identity_card', issuing_country: 'DEU' }],
  ])('%s is considered, and logic sends the end user back with unaccepted_document', async (_, id, read) => {
    const reports: unknown[] = [];
    const w = workflowEngine(async (req) => { const r = await documentReport(req); reports.push(r); return r; });
    const run = await w.start(definition);
    await w.complete('document', upload(id));
    expect(reports[0]).toMatchObject({
      result: 'consider', sub_result: 'rejected',
      breakdown: { image_integrity: { result: 'consider', breakdown: { supported_document: { result: 'consider', properties: read } } } },
    });
    const again = w.take('document');
    expect(again.retry).toMatchObject({ retry_task_id: 'retry', reasons: ['unaccepted_document'], attempt: 1 });
    await w.engine.sendTaskSuccess(again.token, JSON.stringify(upload('gbr_passport')));
    await w.engine.idle();
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved', task_id: 'approve' });
  }, 60_000);

  it('sends no config when the capture accepts every document', async () => {
    const w = workflowEngine(documentReport);
    const { documents: _, ...capture } = definition.tasks[0]!;
    const run = await w.start({ ...definition, tasks: [capture, ...definition.tasks.slice(1)] });
    await w.complete('document', upload('prk_passport'));
    expect(w.reports[0]?.tasks.document_capture).toEqual({ task_id: 'document', output: upload('prk_passport') });
    expect((await w.result(run.executionArn)).output).toMatchObject({ task_id: 'approve' });
  }, 60_000);
});

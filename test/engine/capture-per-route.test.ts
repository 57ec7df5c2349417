/**
 * "Preceded on every route" is judged route by route: a document capture on each route will do,
 * not one capture on all of them. The report then gets the capture that ran on this run's route
 * (the last in route order that ran), whose media the handler reads (`mediaIdsOf`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate, type ReportRequest } from '../../compiler';
import { mediaIdsOf } from '../../lambdas/reports/evidence';
import { report, workflowEngine } from './harness';

const perRoute = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/valid/capture_per_route.json'), 'utf8')) as unknown;
const doc = (id: string, country = 'GBR') => [{ id, type: 'passport', side: 'front', issuing_country: country }];
const feed = (req: ReportRequest | undefined) => ({ task: req?.tasks.document_capture?.task_id, media: req && mediaIdsOf(req, ['document_capture']) });

describe('a document capture on each route', () => {
  it('is valid; a route without one is still refused', () => {
    expect(validate(perRoute).problems).toEqual([]);
    const def = perRoute as { tasks: Array<{ id: string; next?: string }> };
    const bypass = { ...def, tasks: def.tasks.map((t) => (t.id === 'doc_any' ? { id: 'doc_any', type: 'face_capture_photo', next: 'checks' } : t)) };
    expect(validate(bypass).problems.map((p) => [p.code, p.task])).toEqual([['missing_prerequisite', 'dr'], ['missing_prerequisite', 'fs']]);
  });

  it.each([['GBR', 'doc_uk'], ['FRA', 'doc_any']])('a run for %s gets the media of %s into both reports', async (country, capture) => {
    const w = workflowEngine(() => report('clear'));
    const run = await w.start(perRoute, { custom: { country } });
    await w.complete(capture, doc(`media_${capture}`));
    await w.complete('selfie', [{ id: 'photo1' }]);
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved' });
    for (const id of ['dr', 'fs']) {
      expect(feed(w.reports.find((r) => r.task_id === id))).toEqual({ task: capture, media: [`media_${capture}`] });
    }
    const dr = w.reports.find((r) => r.task_id === 'dr')!;
    expect(dr.tasks.document_capture?.config).toEqual(capture === 'doc_uk' ? { documents: [{ type: 'passport', countries: ['GBR'] }] } : undefined);
  });
});

describe('a later capture on some routes', () => {
  const later = { name: 'x', input: { custom: { again: { type: 'boolean' } } }, start: 'doc', tasks: [
    { id: 'doc', type: 'document_capture', next: 'l' },
    { id: 'l', type: 'logic', branches: [{ when: { path: 'input.custom.again', op: 'eq', value: true }, next: 'doc_again' }], else: 'dr' },
    { id: 'doc_again', type: 'document_capture', next: 'dr' },
    { id: 'dr', type: 'document_report', next: 'ok' },
    { id: 'ok', type: 'result', outcome: 'approve' },
  ] };

  it.each([[true, 'doc_again'], [false, 'doc']])('again=%s: the report gets %s, the last capture that ran', async (again, capture) => {
    const w = workflowEngine(() => report('clear'));
    const run = await w.start(later, { custom: { again } });
    await w.complete('doc', doc('media_doc'));
    if (again) await w.complete('doc_again', doc('media_doc_again'));
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved' });
    expect(feed(w.reports.find((r) => r.task_id === 'dr'))).toEqual({ task: capture, media: [`media_${capture}`] });
  });
});

it('after a retry, a capture of the earlier pass that this pass skipped is not picked', async () => {
  const def = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/valid/capture_per_route_retry.json'), 'utf8')) as unknown;
  let n = 0;
  const w = workflowEngine(() => report(++n === 1 ? 'consider' : 'clear'));
  const run = await w.start(def);
  await w.complete('doc', doc('media_gbr'));
  await w.complete('doc_back', doc('media_back'));
  await w.complete('doc', doc('media_fra', 'FRA'));
  expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved' });
  expect(w.reports.filter((r) => r.task_id === 'dr').map(feed)).toEqual([
    { task: 'doc_back', media: ['media_back'] }, { task: 'doc', media: ['media_fra'] }]);
});

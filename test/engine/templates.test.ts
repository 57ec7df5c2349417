/** Every template runs end to end on the embedded engine and reaches each of its result tasks. */
import { findTemplate, type ReportRequest } from '../../compiler';
import { Clock, report, workflowEngine } from './harness';

const def = (name: string) => findTemplate(name)!.definition;
type Script = Partial<Record<string, 'clear' | 'consider' | object>>;
const scripted = (script: Script) => (req: ReportRequest) => {
  const r = script[req.task_id] ?? 'clear';
  return typeof r === 'string' ? report(r) : r;
};
const DOC = [{ id: 'doc1', type: 'passport', side: 'front', issuing_country: 'GBR' }];

describe('document_selfie_photo', () => {
  it.each([
    [{}, 'approve', 'approved'],
    [{ facial_similarity: 'consider' }, 'decline_face', 'declined'],
    [{ document_report: 'consider' }, 'review', 'review'],
  ] as const)('reports %j end in %s', async (script, resultTask, status) => {
    const w = workflowEngine(scripted(script));
    const run = await w.start(def('document_selfie_photo'));
    await w.complete('document', DOC);
    await w.complete('selfie', [{ id: 'photo1' }]);
    const r = await w.result(run.executionArn);
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({ status, task_id: resultTask });
    expect(JSON.parse(w.runs.items.get(`RUN#${run.id}|RUN`)!.result!)).toMatchObject({ status, task_id: resultTask });
    expect(w.events.map((e) => e.DetailType)).toEqual(['workflow_run.completed']);
    expect(JSON.parse(w.events[0]!.Detail!)).toMatchObject({ workflow_run_id: run.id, status });
    // The report handlers got the capture outputs (ids, never bytes), keyed by task type.
    const face = w.reports.find((q) => q.task_id === 'facial_similarity')!;
    expect(face.tasks).toEqual({ document_capture: { task_id: 'document', output: DOC }, face_capture_photo: { task_id: 'selfie', output: [{ id: 'photo1' }] } });
  });

  it('an end user who never finishes: the run ends abandoned when the capture times out', async () => {
    const w = workflowEngine(scripted({}));
    const run = await w.start(def('document_selfie_photo'));
    await w.complete('document', DOC);
    w.take('selfie');
    await w.runTimers(run.executionArn);
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'abandoned', task_id: 'selfie' });
  });
});

describe('document_motion_fallback', () => {
  it('a device without Motion (an empty Motion output, as the contract has it) falls back to a selfie photo', async () => {
    const w = workflowEngine(scripted({}));
    const run = await w.start(def('document_motion_fallback'));
    await w.complete('document', DOC);
    await w.complete('motion', []);
    await w.complete('selfie', [{ id: 'photo1' }]);
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved', task_id: 'approve' });
    expect(w.reports.map((r) => r.task_id)).toEqual(['document_report', 'photo_similarity']);
  });

  it.each([[{}, 'approve'], [{ motion_similarity: 'consider' }, 'review']] as const)('with Motion, reports %j end in %s', async (script, task) => {
    const w = workflowEngine(scripted(script));
    const run = await w.start(def('document_motion_fallback'));
    await w.complete('document', DOC);
    await w.complete('motion', [{ id: 'motion1' }]);
    expect((await w.result(run.executionArn)).output).toMatchObject({ task_id: task });
    expect(w.reports.map((r) => r.task_id)).toEqual(['document_report', 'motion_similarity']);
  });
});

describe('document_autofill_retry', () => {
  const expired = report('consider', { breakdown: { data_validation: { result: 'consider', breakdown: { expiry_date: { result: 'consider' } } } } });
  const extracted = { result: 'clear', extracted_data: { first_name: 'Jane', last_name: 'Doe', date_of_birth: '1990-01-02' } };

  it('clear: approved with the autofilled output', async () => {
    const w = workflowEngine(scripted({ autofill: extracted }));
    const run = await w.start(def('document_autofill_retry'));
    await w.complete('document', DOC);
    expect((await w.result(run.executionArn)).output).toEqual({
      status: 'approved', task_id: 'approve', reasons: ['document_clear'], output: { first_name: 'Jane', last_name: 'Doe', date_of_birth: '1990-01-02' },
    });
  });

  it('expired documents send the end user back, twice at most, then review_expired', async () => {
    const w = workflowEngine(scripted({ autofill: extracted, document_report: expired }));
    const run = await w.start(def('document_autofill_retry'));
    const first = w.take('document');
    expect(first.retry).toBeNull();
    await w.engine.sendTaskSuccess(first.token, JSON.stringify(DOC));
    await w.engine.idle();
    for (const attempt of [1, 2]) {
      const again = w.take('document');
      expect(again.retry).toEqual({ retry_task_id: 'retry_expired', reasons: ['expired_document'], attempt, max_retries: 2 });
      await w.engine.sendTaskSuccess(again.token, JSON.stringify(DOC));
      await w.engine.idle();
    }
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'review', task_id: 'review_expired' });
    expect(w.waiting).toHaveLength(0);
  });

  it('a consider that is not about expiry goes to review', async () => {
    const w = workflowEngine(scripted({ autofill: extracted, document_report: 'consider' }));
    const run = await w.start(def('document_autofill_retry'));
    await w.complete('document', DOC);
    expect((await w.result(run.executionArn)).output).toMatchObject({ task_id: 'review' });
  });
});

describe('us_profile_identity', () => {
  // Dates of birth from the engine's (virtual) clock, never from today's date.
  const today = new Date(new Clock().now());
  const yearsAgo = (years: number, days = 0) =>
    new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);
  it.each([
    ['adult', yearsAgo(36), {}, 'approve'],
    ['adult', yearsAgo(36), { identity: 'consider' }, 'review'],
    ['18 today', yearsAgo(18), {}, 'approve'],
    ['18 tomorrow', yearsAgo(18, 1), {}, 'decline_minor'],
  ] as const)('%s (dob %s) with %j ends in %s', async (_, dob, script, task) => {
    const w = workflowEngine(scripted(script));
    const run = await w.start(def('us_profile_identity'), { applicant: { first_name: 'A', last_name: 'B' } });
    await w.complete('profile', { first_name: 'A', last_name: 'B', dob, address: { country: 'USA' }, phone_number: '+15555550100', ssn: '123-45-6789' });
    expect((await w.result(run.executionArn)).output).toMatchObject({ task_id: task });
  });
});

describe('watchlist_risk_score', () => {
  it.each([
    [10, {}, 'approve', { risk_score: 10, segment: 'retail' }],
    [60, {}, 'review', { risk_score: 60 }],
    [10, { watchlist: 'consider' }, 'review', { risk_score: 10 }],
    [90, {}, 'decline', { risk_score: 90 }],
  ] as const)('score %d with %j ends in %s', async (score, script, task, output) => {
    const w = workflowEngine(scripted(script));
    const run = await w.start(def('watchlist_risk_score'), { applicant: { first_name: 'Ann', last_name: 'Lee' }, custom: { risk_tier: 'low' } });
    const sr = w.take('risk');
    expect(sr.kind).toBe('send_receive');
    // What it sends is named by path, read by the task function (lambdas/store/sources.ts), never carried by the execution.
    expect(sr).not.toHaveProperty('send');
    expect(sr.send_sources).toEqual({
      first_name: 'input.applicant.first_name', last_name: 'input.applicant.last_name', risk_tier: 'input.custom.risk_tier', watchlist_result: 'tasks.watchlist.output.result',
    });
    expect(sr.outputs).toEqual({ watchlist: expect.objectContaining({ result: 'watchlist' in script ? script.watchlist : 'clear' }) });
    expect(sr.keep).toEqual([['score'], ['segment']]);
    await w.engine.sendTaskSuccess(sr.token, JSON.stringify({ score, segment: 'retail' }));
    await w.engine.idle();
    expect((await w.result(run.executionArn)).output).toMatchObject({ task_id: task, output });
  });
});

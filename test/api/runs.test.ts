/** Workflow runs on the local stack: create (inputs, versions, errors), find, list with every filter, every status. */
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { runError } from '../../compiler';
import { clients } from '../../lambdas/shared/aws';
import { findEvents } from '../../lambdas/events/record';
import { createExecutionEventsHandler } from '../../lambdas/runs/execution-events';
import { getRun } from '../../lambdas/store/runs';
import { listRuns, ListRunsQuery } from '../../lambdas/runs/list';
import { readsOf } from '../helpers/dynamo-reads';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e, type Run } from '../e2e/helpers';
import { ASK, CAPTURE, PARALLEL, WITH_INPUTS } from '../e2e/workflows';

let stack: TestStack;
let t: E2e;
let ask: string;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  ask = await t.workflow(ASK);
}, 120_000);
afterAll(() => stack.stop());

const RUN_FIELDS = ['applicant_id', 'created_at', 'customer_user_id', 'dashboard_url', 'error', 'id', 'link', 'output', 'reasons', 'sdk_token',
  'status', 'tags', 'updated_at', 'workflow_id', 'workflow_version_id'];
type ErrorBody = { error: { type: string; message: string; fields: Record<string, string[]> } };

describe('POST /v3.6/workflow_runs', () => {
  it('creates a run with exactly the WorkflowRun fields and starts it on the live version', async () => {
    const applicant = await t.applicant();
    const link = { completed_redirect_url: 'https://example.com/done', expires_at: '2030-01-01T00:00:00Z', language: 'en_US' };
    const res = await t.call<Run>('POST', '/v3.6/workflow_runs', {
      workflow_id: ask, applicant_id: applicant, custom_data: { tier: 'gold' }, tags: ['vip', 'eu'], customer_user_id: 'cu-1', link,
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(RUN_FIELDS);
    expect(res.body).toMatchObject({
      applicant_id: applicant, workflow_id: ask, workflow_version_id: 1, status: 'processing', output: null, error: null, reasons: [],
      tags: ['vip', 'eu'], customer_user_id: 'cu-1',
      link: { ...link, url: expect.stringMatching(new RegExp(`^${stack.url}/capture/${res.body.id}#link=[\\w-]+\\.[\\w-]+$`)), expired_redirect_url: null },
    });
    expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(typeof res.body.sdk_token).toBe('string');
    const found = await t.call<Run>('GET', `/v3.6/workflow_runs/${res.body.id}`, undefined, res.body.sdk_token ?? '');
    expect(found.status).toBe(200);
    expect(await t.until(res.body.id, ['awaiting_client_input'])).toMatchObject({ id: res.body.id });
    expect((await getRun(res.body.id))?.execution_arn).toContain(res.body.id);
  });

  it('takes null for the fields Onfido\'s spec marks nullable (tags, link fields) as absent', async () => {
    const res = await t.call<Run>('POST', '/v3.6/workflow_runs', {
      workflow_id: ask, applicant_id: await t.applicant(), custom_data: { tier: 'gold' }, tags: null,
      link: { completed_redirect_url: null, expired_redirect_url: null, expires_at: null, language: null },
    });
    expect([res.status, res.status === 201 ? null : res.body]).toEqual([201, null]);
    expect(res.body).toMatchObject({ tags: [], link: { completed_redirect_url: null, expired_redirect_url: null, expires_at: null } });
  });

  it('refuses a workflow without an active version (422), an unknown workflow or applicant (404), bad bodies (400/422)', async () => {
    const applicant = await t.applicant();
    const wf = await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Not active' });
    const inactive = await t.call<ErrorBody>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant });
    expect(inactive).toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { workflow_id: ['has no active version'] } } } });
    const noWf = await t.call<ErrorBody>('POST', '/v3.6/workflow_runs', { workflow_id: 'nope', applicant_id: applicant });
    expect(noWf).toMatchObject({ status: 404, body: { error: { type: 'resource_not_found', message: 'Could not find the following resource: Workflow with id=nope' } } });
    const noApplicant = await t.call<ErrorBody>('POST', '/v3.6/workflow_runs', { workflow_id: ask, applicant_id: 'ghost' });
    expect(noApplicant).toMatchObject({ status: 404, body: { error: { message: 'Could not find the following resource: Applicant with id=ghost' } } });
    const missing = await t.call<ErrorBody>('POST', '/v3.6/workflow_runs', { applicant_id: applicant });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.workflow_id).toBeDefined();
    const raw = await stack.api('/v3.6/workflow_runs', { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(raw.status).toBe(400);
  });

  it('names every missing or mistyped configured input (422) and passes the inputs to the execution', async () => {
    const wf = await t.workflow(WITH_INPUTS);
    const noEmail = await t.applicant();
    const bad = await t.call<ErrorBody>('POST', '/v3.6/workflow_runs', { workflow_id: wf, applicant_id: noEmail, custom_data: { age: 'old', since: 'yesterday' } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['applicant.email', 'custom_data.age', 'custom_data.since', 'custom_data.tier']);
    const ok = await t.applicant({ email: 'jane@example.com' });
    const run = await t.startRun(wf, ok, { custom_data: { tier: 'gold', age: 40, since: '2024-01-01T10:00:00Z' } });
    expect(await t.until(run.id, ['approved'])).toMatchObject({ reasons: ['done'] });
  });

  it('marks the run error when the execution cannot start: never a half-started run', async () => {
    const applicant = await t.applicant();
    const saved = process.env.SFN_ENDPOINT;
    const { resetClients } = await import('../../lambdas/shared/aws');
    const { resetConfig } = await import('../../lambdas/shared/config');
    process.env.SFN_ENDPOINT = 'http://127.0.0.1:9'; resetConfig(); resetClients();
    try {
      const res = await t.call<ErrorBody>('POST', '/v3.6/workflow_runs', { workflow_id: ask, applicant_id: applicant, custom_data: { tier: 'x' } });
      expect(res).toMatchObject({ status: 500, body: { error: { type: 'internal_server_error' } } });
    } finally {
      process.env.SFN_ENDPOINT = saved; resetConfig(); resetClients();
    }
    const runs = await t.call<Run[]>('GET', `/v3.6/workflow_runs?applicant_id=${applicant}`);
    expect(runs.body).toHaveLength(1);
    expect(runs.body[0]).toMatchObject({ status: 'error', error: { type: 'execution_not_started' } });
  });
});

describe('GET /v3.6/workflow_runs/{id}', () => {
  it('404s unknown runs and runs of another applicant for an SDK token', async () => {
    expect((await t.call<ErrorBody>('GET', '/v3.6/workflow_runs/nope')).body.error.message).toBe('Could not find the following resource: WorkflowRun with id=nope');
    const run = await t.startRun(ask, await t.applicant(), { custom_data: { tier: 'a' } });
    const other = await t.sdkToken(await t.applicant());
    expect((await t.call('GET', `/v3.6/workflow_runs/${run.id}`, undefined, other)).status).toBe(404);
    expect((await t.call('GET', '/v3.6/workflow_runs', undefined, other)).status).toBe(401);
  });
});

describe('statuses', () => {
  it('awaiting_input wins over awaiting_client_input in parallel branches, then the remaining wait shows', async () => {
    const wf = await t.workflow(PARALLEL);
    const applicant = await t.applicant();
    const sdk = await t.sdkToken(applicant);
    const run = await t.startRun(wf, applicant);
    await t.until(run.id, ['awaiting_input']);
    await t.until(run.id, ['awaiting_input']);
    expect((await t.tasks(run.id)).map((x) => x.task_def_id).sort()).toEqual(['check', 'document_capture']);
    const doc = await t.waitingTask(run.id, 'doc');
    const id = await t.upload('documents', applicant, sdk, { type: 'passport' });
    expect((await t.complete(run.id, doc.id, [{ id }], sdk)).status).toBe(200);
    expect((await t.run(run.id)).status).toBe('awaiting_client_input');
    const check = await t.waitingTask(run.id, 'ask');
    expect((await t.complete(run.id, check.id, {})).status).toBe(200);
    expect(await t.until(run.id, ['approved'])).toMatchObject({ status: 'approved' });
  });

  it('error: an execution stopped without recording an end (status-change event), with a listed type and its message', async () => {
    const run = await t.startRun(ask, await t.applicant(), { custom_data: { tier: 'a' } });
    await t.until(run.id, ['awaiting_client_input']);
    const arn = (await getRun(run.id))?.execution_arn;
    await clients().sfn.send(new StopExecutionCommand({ executionArn: arn, error: 'Operator.Stop', cause: 'stopped by a test' }));
    await stack.flushExecutionEvents();
    const end = await t.until(run.id, ['error']);
    expect(end.error).toEqual(runError('execution_aborted')); // the stop's error and cause go to the log
    expect(end.sdk_token).toBeNull();
    // Integrators hear of it as of any end: workflow_run.completed, as the state machine sends it (recorded for webhooks and resend).
    const [completed] = await findEvents(run.id, 'workflow_run.completed');
    expect(completed?.event.detail).toEqual({ workflow_run_id: run.id, applicant_id: end.applicant_id, status: 'error', result: { status: 'error', error: runError('execution_aborted') } });
    // The same status change again (EventBridge delivers at least once) announces nothing more.
    const again = await createExecutionEventsHandler()({ 'detail-type': 'Step Functions Execution Status Change', detail: { executionArn: arn, name: run.id, status: 'ABORTED' } });
    expect(again).toEqual({ run_id: run.id, marked: false });
    expect((await findEvents(run.id, 'workflow_run.completed')).map((e) => e.event.id)).toEqual([completed!.event.id]);
  });

  it('an execution a purge stopped (error Purged) ends error without an announcement: the integrator deleted it', async () => {
    const run = await t.startRun(ask, await t.applicant(), { custom_data: { tier: 'a' } });
    await t.until(run.id, ['awaiting_client_input']);
    await clients().sfn.send(new StopExecutionCommand({ executionArn: (await getRun(run.id))?.execution_arn, error: 'Purged', cause: 'a purge' }));
    await stack.flushExecutionEvents();
    expect(await t.until(run.id, ['error'])).toMatchObject({ error: runError('execution_aborted') });
    expect(await findEvents(run.id, 'workflow_run.completed')).toEqual([]);
  });

  it('a run keeps the version it started on after a new activation', async () => {
    const wf = await t.workflow(CAPTURE());
    const applicant = await t.applicant();
    const sdk = await t.sdkToken(applicant);
    const old = await t.startRun(wf, applicant);
    await t.until(old.id, ['awaiting_input']);
    const v2 = await t.newVersion(wf, { ...ASK, name: 'Second' });
    expect(v2).toBe(2);
    const doc = await t.waitingTask(old.id, 'doc');
    const id = await t.upload('documents', applicant, sdk, { type: 'passport' });
    expect((await t.complete(old.id, doc.id, [{ id }], sdk)).status).toBe(200);
    expect(await t.until(old.id, ['approved'])).toMatchObject({ workflow_version_id: 1, reasons: ['done'] });
    const fresh = await t.startRun(wf, applicant, { custom_data: { tier: 'b' } });
    expect(fresh.workflow_version_id).toBe(2);
    expect(await t.until(fresh.id, ['awaiting_client_input'])).toMatchObject({ workflow_version_id: 2 });
  });
});

describe('GET /v3.6/workflow_runs', () => {
  let applicant: string;
  const ids: string[] = [];
  beforeAll(async () => {
    applicant = await t.applicant();
    for (let i = 0; i < 23; i++) {
      const tags = i % 2 === 0 ? ['even', `n${i}`] : ['odd'];
      ids.push((await t.startRun(ask, applicant, { custom_data: { tier: 't' }, tags })).id);
    }
    await t.until(ids[ids.length - 1]!, ['awaiting_client_input']);
    const last = await t.waitingTask(ids[0]!, 'ask');
    expect((await t.complete(ids[0]!, last.id, { score: 5 })).status).toBe(200);
    await t.until(ids[0]!, ['approved']);
  }, 120_000);
  const list = async (query: string) => {
    const res = await t.call<Run[]>('GET', `/v3.6/workflow_runs?${query}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    return res.body;
  };
  const mine = (runs: Run[]) => runs.map((r) => r.id).filter((id) => ids.includes(id));

  it('pages the applicant\'s runs newest first (20 a page), or oldest first with sort=asc', async () => {
    const page1 = await list(`applicant_id=${applicant}`);
    const page2 = await list(`applicant_id=${applicant}&page=2`);
    expect(page1.map((r) => r.id)).toEqual([...ids].reverse().slice(0, 20));
    expect(page2.map((r) => r.id)).toEqual([...ids].reverse().slice(20));
    expect((await list(`applicant_id=${applicant}&sort=asc`)).map((r) => r.id)).toEqual(ids.slice(0, 20));
  });
  it('filters by status (one or several), tags, and creation time', async () => {
    expect(mine(await list(`applicant_id=${applicant}&status=approved`))).toEqual([ids[0]]);
    const both = await list('status=approved,awaiting_client_input&sort=asc&page=1');
    expect(both.every((r) => ['approved', 'awaiting_client_input'].includes(r.status))).toBe(true);
    expect(mine(await list(`applicant_id=${applicant}&tags=even,n4`))).toEqual([ids[4]]);
    expect(mine(await list(`applicant_id=${applicant}&tags=odd`))).toHaveLength(11);
    const first = (await t.run(ids[0]!)).created_at;
    const before = new Date(Date.parse(first) - 1000).toISOString();
    const after = new Date(Date.parse(first) + 3_600_000).toISOString();
    expect(mine(await list(`applicant_id=${applicant}&created_at_gt=${before}&created_at_lt=${after}`))).toHaveLength(20);
    expect(await list(`applicant_id=${applicant}&created_at_gt=${after}`)).toEqual([]);
    expect(await list(`applicant_id=${applicant}&created_at_lt=${before}`)).toEqual([]);
    const all = await list('status=awaiting_client_input');
    expect(all.every((r) => r.status === 'awaiting_client_input')).toBe(true);
    expect((await list('')).length).toBe(20);
  });
  /** A page of listRuns, with its Queries and the items they read (filtered out or not). */
  const listCountingReads = async (query: Record<string, string>) => {
    const reads = await readsOf(() => listRuns(ListRunsQuery.parse(query), 'sandbox'));
    return { runs: reads.value, queries: reads.queries, scanned: reads.itemsQueried };
  };
  it('reads only the runs a page needs, more per Query while filters drop some', async () => {
    // Every run of the environment (more than 20): one Query of 20.
    expect(await listCountingReads({})).toMatchObject({ runs: expect.any(Array), queries: 1, scanned: 20 });
    // Page 2 of the applicant's 23 runs needs 40: it reads the 23 there are.
    const page2 = await listCountingReads({ applicant_id: applicant, page: '2' });
    expect({ runs: page2.runs.length, queries: page2.queries, scanned: page2.scanned }).toEqual({ runs: 3, queries: 1, scanned: 23 });
    // 11 of the 23 are tagged odd: 20 read first, then up to 40 more (there are 3).
    const odd = await listCountingReads({ applicant_id: applicant, tags: 'odd' });
    expect({ runs: odd.runs.length, queries: odd.queries, scanned: odd.scanned }).toEqual({ runs: 11, queries: 2, scanned: 23 });
  });
  it('refuses bad filters with 422', async () => {
    const res = await t.call<ErrorBody>('GET', '/v3.6/workflow_runs?status=done&sort=up&created_at_gt=yesterday');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['created_at_gt', 'sort', 'status.0']);
  });
  it('answers a status repeated 150 times once, and a page past the deepest with 422, never a 5xx', async () => {
    const applicant = await t.applicant();
    const many = await t.call<unknown[]>('GET', `/v3.6/workflow_runs?applicant_id=${applicant}&${Array(150).fill('status=approved').join('&')}`);
    expect([many.status, many.body]).toEqual([200, []]);
    for (const page of ['10001', '200000000', '9007199254740993']) {
      const deep = await t.call<ErrorBody>('GET', `/v3.6/workflow_runs?page=${page}`);
      expect([page, deep.status, Object.keys(deep.body.error.fields)]).toEqual([page, 422, ['page']]);
    }
    expect((await t.call('GET', '/v3.6/workflow_runs?page=10000')).status).toBe(200);
  });
});



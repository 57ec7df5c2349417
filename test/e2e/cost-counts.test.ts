/**
 * The cost model counts what a run really does: a real local run of a workflow with a report,
 * its state transitions counted in the engine's history (every state entered, Parallel branches
 * too) and its events on the local bus, equal to what lib/cost.ts counts from the compiled ASL
 * (`emitted`), and the Lambda invocations the machine makes (reports, tasks) and the run's evidence
 * function equal `invocations`. Exact: no tolerance. One webhook subscribed to every event (the
 * model's assumption) on a real receiver on 127.0.0.1: it receives one delivery per event, the
 * webhooks function runs once per event (invocations counted per function by
 * lambdas/shared/aws-calls.ts) and its DynamoDB requests are those the model counts.
 */
import { COUNT_TOLERANCE, emitted, invocations, requests, routeTo, type RequestCounts } from '../../lib/cost';
import { awsCallTallies, resetAwsCalls } from '../../lambdas/shared/aws-calls';
import type { PutEventsResult } from '../../local/events';
import { startTestStack, type TestStack } from '../helpers/stack';
import { startReceiver, type Receiver } from '../webhooks/helpers';

let stack: TestStack;
let receiver: Receiver;
const events: Array<{ DetailType?: string; Detail?: string }> = [];
beforeAll(async () => {
  stack = await startTestStack();
  receiver = await startReceiver();
  expect((await call('POST', '/v3.6/webhooks', { url: receiver.url })).status).toBe(201);
  const put = stack.bus.putEvents.bind(stack.bus);
  stack.bus.putEvents = (entries: unknown[]): Promise<PutEventsResult> => {
    events.push(...(entries as typeof events));
    return put(entries);
  };
}, 120_000);
afterAll(async () => { await receiver?.close(); await stack?.stop(); });

const call = <T>(method: string, path: string, json?: unknown) => stack.apiJson<T>(path, { method, ...(json !== undefined ? { json } : {}) });

it('transitions and events of a run with two reports in parallel branches equal the estimate\'s', async () => {
  const definition = { name: 'Screen', start: 'both', tasks: [
    { id: 'both', type: 'parallel', branches: [{ start: 'watch' }, { start: 'device' }], next: 'done' },
    { id: 'watch', type: 'watchlist_report', next: null },
    { id: 'device', type: 'watchlist_report', next: null },
    { id: 'done', type: 'result', outcome: 'approve' },
  ] };
  const route = routeTo(definition, ['done']);
  expect(route).toBeDefined();
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Screen' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition })).status).toBe(201);
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  await stack.engine.idle();
  resetAwsCalls();
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31' });
  const run = await call<{ id: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(run.status).toBe(201);
  await stack.flushExecutionEvents();
  await stack.bus.idle();
  expect((await call<{ status: string }>('GET', `/v3.6/workflow_runs/${run.body.id}`)).body.status).toBe('approved');
  const tallies = awsCallTallies();
  const measured: RequestCounts = Object.fromEntries(Object.entries(tallies).map(([fn, t]) => [fn, { wru: t.wru, rru: t.rru, s3Puts: t.s3Puts, s3Gets: t.s3Gets }]));
  const model = requests(route!);
  const report = JSON.stringify(Object.keys({ ...model, ...measured }).sort().map((fn) => ({ fn, model: model[fn], measured: measured[fn], operations: tallies[fn]?.operations })), null, 1);
  for (const fn of new Set([...Object.keys(model), ...Object.keys(measured)])) {
    for (const kind of ['wru', 'rru', 's3Puts', 's3Gets'] as const) {
      const m = model[fn]?.[kind] ?? 0, x = measured[fn]?.[kind] ?? 0;
      if (Math.abs(m - x) > Math.max(1, COUNT_TOLERANCE * x)) throw new Error(`${fn} ${kind}: the model counts ${m}, the run made ${x}\n${report}`);
    }
  }

  const [execution] = (await stack.engine.list({})).filter((e) => e.executionArn.endsWith(`:${run.body.id}`));
  const history = await stack.engine.history(execution!.executionArn);
  const transitions = history.filter((h) => h.type.endsWith('StateEntered')).length;
  const ofRun = events.filter((e) => JSON.parse(e.Detail ?? '{}').workflow_run_id === run.body.id);
  expect({ transitions, events: ofRun.length }).toEqual(emitted(route!));
  const lambdaTasks = history.filter((h) => h.type === 'TaskScheduled')
    .map((h) => h.taskScheduledEventDetails as { resourceType: string; resource: string }).filter((d) => d.resourceType === 'lambda');
  const { reports, tasks, evidence } = invocations(route!);
  expect({
    reports: lambdaTasks.filter((d) => d.resource === 'invoke').length, tasks: lambdaTasks.filter((d) => d.resource === 'invoke.waitForTaskToken').length,
    evidence: ofRun.filter((e) => e.DetailType === 'workflow_run_evidence_folder.created').length,
  }).toEqual({ reports, tasks, evidence });
  expect(reports).toBe(2);
  const delivered = receiver.received.map((r) => (JSON.parse(r.body) as { payload: { action: string } }).payload.action);
  expect(delivered.sort()).toEqual(ofRun.map((e) => e.DetailType).sort());
  // Every function's invocations but the API's (its calls per run are an assumption, ASSUMPTIONS.apiCallsFixed).
  const { api: _api, ...modelled } = invocations(route!);
  expect(Object.fromEntries(Object.keys(modelled).map((fn) => [fn, tallies[fn]?.invocations ?? 0]))).toEqual(modelled);
  expect(ofRun.map((e) => e.DetailType).sort()).toEqual(['workflow_run.completed', 'workflow_run_evidence_folder.created', 'workflow_task.completed', 'workflow_task.completed', 'workflow_task.started', 'workflow_task.started']);
}, 120_000);

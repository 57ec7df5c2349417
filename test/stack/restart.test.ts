/**
 * The whole local stack restarted on the same data folder: a run waiting for the integrator is
 * still waiting and finishes when its task is completed; a capture whose timeout expired while
 * the stack was down ends the run abandoned when it comes back; a run whose creation was cut
 * short (written, never started) is started; a trial run so cut short is started on its own
 * version of the trial machine (its draft), not on the workflow's active version.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, emit } from '../../compiler';
import { executionArnOf } from '../../lambdas/runs/start';
import { findTrialVersion, trialMachineOf } from '../../lambdas/runs/trial';
import { compileContext } from '../../lambdas/workflows/compile';
import { machineName, publishVersion } from '../../lambdas/workflows/publish';
import { getRun, putRun, RunLink } from '../../lambdas/store/runs';
import { getVersion } from '../../lambdas/store/workflows';
import { startStack, type Stack } from '../../local/stack';

class Clock { t = Date.parse('2026-11-25T12:00:00.000Z'); now() { return this.t; } }
const TOKEN = 'api_sandbox.restart-test-token-0123456789';

async function call<T = Record<string, unknown>>(stack: Stack, method: string, path: string, json?: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method, headers: { authorization: `Token token=${stack.apiToken}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}
async function statusOf(stack: Stack, runId: string, want: string) {
  for (let i = 0; i < 300; i++) {
    await stack.flushExecutionEvents();
    const run = await call<{ status: string }>(stack, 'GET', `/v3.6/workflow_runs/${runId}`);
    if (run.body.status === want) return want;
    await new Promise((r) => setImmediate(r));
  }
  return (await call<{ status: string }>(stack, 'GET', `/v3.6/workflow_runs/${runId}`)).body.status;
}

let stack: Stack | undefined;
afterEach(async () => { await stack?.stop(); stack = undefined; });

it('a run waiting on a Send/Receive task survives a restart and finishes after it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-restart-'));
  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN });
  const wf = await call<{ id: string }>(stack, 'POST', '/v3.6/workflows', { name: 'Risk', template: 'watchlist_risk_score' });
  expect((await call(stack, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(stack, 'POST', '/v3.6/applicants', { first_name: 'Ann', last_name: 'Lee', dob: '1988-04-02' });
  const run = await call<{ id: string }>(stack, 'POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id, custom_data: { risk_tier: 'low' } });
  expect(await statusOf(stack, run.body.id, 'awaiting_client_input')).toBe('awaiting_client_input');
  await stack.stop();

  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN });
  expect(await statusOf(stack, run.body.id, 'awaiting_client_input')).toBe('awaiting_client_input');
  const tasks = await call<Array<{ id: string; task_def_id: string }>>(stack, 'GET', `/v3.6/workflow_runs/${run.body.id}/tasks`);
  const risk = tasks.body.find((t) => t.task_def_id === 'risk_score')!;
  expect((await call(stack, 'POST', `/v3.6/workflow_runs/${run.body.id}/tasks/${risk.id}/complete`, { data: { score: 5 } })).status).toBe(200);
  expect(await statusOf(stack, run.body.id, 'approved')).toBe('approved');
}, 180_000);

it('a capture timeout that expired while the stack was down ends the run abandoned on start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-restart-'));
  const clock = new Clock();
  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN, clock });
  const definition = {
    name: 'Quick capture', start: 'document',
    tasks: [{ id: 'document', type: 'document_capture', timeout_seconds: 600, next: 'done' }, { id: 'done', type: 'result', outcome: 'approve' }],
  };
  const wf = await call<{ id: string }>(stack, 'POST', '/v3.6/workflows', { name: 'Quick' });
  expect((await call(stack, 'POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition })).status).toBe(201);
  expect((await call(stack, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(stack, 'POST', '/v3.6/applicants', { first_name: 'Bo', last_name: 'Ek' });
  const run = await call<{ id: string }>(stack, 'POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(await statusOf(stack, run.body.id, 'awaiting_input')).toBe('awaiting_input');
  await stack.stop();

  clock.t += 3600 * 1000; // an hour passes while nothing runs
  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN, clock });
  await stack.engine.fireDueTimers();
  expect(await statusOf(stack, run.body.id, 'abandoned')).toBe('abandoned');
}, 180_000);

it('a run written but never started (a crash between the two) is started on the next start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-restart-'));
  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN });
  const wf = await call<{ id: string }>(stack, 'POST', '/v3.6/workflows', { name: 'Risk', template: 'watchlist_risk_score' });
  expect((await call(stack, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(stack, 'POST', '/v3.6/applicants', { first_name: 'Ann', last_name: 'Lee', dob: '1988-04-02' });
  // What createRun has done when the process dies before StartExecution: the run item only,
  // written with the ARN its execution will have (runs/start.ts), or without one (older runs).
  const base = {
    environment: 'sandbox' as const, applicant_id: applicant.body.id, workflow_id: wf.body.id, workflow_version_id: 1,
    tags: [], customer_user_id: null, link: RunLink.parse({}), custom_data: { risk_tier: 'low' }, created_at: new Date(Date.now() - 1000).toISOString(),
  };
  const orphan = await putRun({ id: 'orphan-run-0001', ...base });
  const versionArn = (await getVersion(wf.body.id, 1, 'sandbox'))!.state_machine_version_arn!;
  const predicted = await putRun({ id: 'orphan-run-0002', ...base, execution_arn: executionArnOf(versionArn, 'orphan-run-0002')! });
  await stack.stop();

  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN });
  expect(await statusOf(stack, orphan.id, 'awaiting_client_input')).toBe('awaiting_client_input');
  expect(await statusOf(stack, predicted.id, 'awaiting_client_input')).toBe('awaiting_client_input');
}, 180_000);

it('a trial run written but never started is started on its trial version (the draft), not the active version', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-restart-'));
  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN });
  // The active version waits for the integrator; the draft tried approves at once.
  const wf = await call<{ id: string }>(stack, 'POST', '/v3.6/workflows', { name: 'Risk', template: 'watchlist_risk_score' });
  expect((await call(stack, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(stack, 'POST', '/v3.6/applicants', { first_name: 'Sam', last_name: 'Ple' });
  const draft = { name: 'Draft', start: 'done', tasks: [{ id: 'done', type: 'result', outcome: 'approve' }] };
  const compiled = compile(draft, compileContext());
  if (!compiled.ok) throw new Error('the draft does not compile');
  // What createTrialRun has done when the process dies before StartExecution: the draft published, the run written.
  const published = await publishVersion(trialMachineOf(wf.body.id), emit(compiled.asl), 'trial run trial-orphan-01', true);
  const run = {
    environment: 'sandbox' as const, applicant_id: applicant.body.id, workflow_id: wf.body.id, workflow_version_id: 0, trial: true,
    tags: [], customer_user_id: null, link: RunLink.parse({}), custom_data: {}, created_at: new Date(Date.now() - 1000).toISOString(),
  };
  await putRun({ id: 'trial-orphan-01', ...run, execution_arn: executionArnOf(published.stateMachineVersionArn, 'trial-orphan-01')! });
  // A trial whose version is gone (its draft with it) cannot start: it ends `error`, never stays processing.
  await putRun({ id: 'trial-orphan-02', ...run });
  await stack.stop();

  stack = await startStack({ dataDir, port: 0, apiToken: TOKEN });
  expect(await statusOf(stack, 'trial-orphan-01', 'approved')).toBe('approved');
  const started = await call<{ trial?: boolean }>(stack, 'GET', '/v3.6/workflow_runs/trial-orphan-01');
  expect(started.body.trial).toBe(true);
  // Started on the trial machine, whose version is then deleted like any trial's.
  expect((await getRun('trial-orphan-01'))?.execution_arn).toContain(`:execution:${machineName(trialMachineOf(wf.body.id))}:trial-orphan-01`);
  expect(await findTrialVersion(wf.body.id, 'trial-orphan-01')).toBeUndefined();
  expect(await statusOf(stack, 'trial-orphan-02', 'error')).toBe('error');
}, 180_000);

/**
 * The whole local stack restarted on the same data folder: a run waiting for the integrator is
 * still waiting and finishes when its task is completed; a capture whose timeout expired while
 * the stack was down ends the run abandoned when it comes back; a run whose creation was cut
 * short (written, never started) is started; a trial run so cut short is started on its own
 * version of the trial machine (its draft), not on the workflow's active version; a version
 * activated by an older compiler is recompiled on start (lambdas/workflows/upgrade.ts): new runs
 * start on its current compiled form, a run started before keeps its own definition and finishes.
 * The five cases are set up on one stack, which is stopped and started again once on the same
 * data folder (a stack's DynamoDB Local is a JVM start: one restart for all, not one each), with
 * one injected clock that moves an hour while the stack is down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStateMachineForExecutionCommand } from '@aws-sdk/client-sfn';
import { compile, emit } from '../../compiler';
import { clients } from '../../lambdas/shared/aws';
import { executionArnOf } from '../../lambdas/runs/start';
import { findTrialVersion, trialMachineOf } from '../../lambdas/runs/trial';
import { compileContext } from '../../lambdas/workflows/compile';
import { machineName, publishVersion } from '../../lambdas/workflows/publish';
import { getRun, putRun, RunLink } from '../../lambdas/store/runs';
import { getVersion } from '../../lambdas/store/workflows';
import { startStack, type Stack } from '../../local/stack';
import { commandLineNaming } from '../helpers/processes';
import { activatedBeforeUpgrade as activateStale, retriesStorage } from '../helpers/stale-machine';

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

const clock = new Clock();
const dataDir = mkdtempSync(join(tmpdir(), 'studio-restart-'));
// A short-lived stack: DynamoDB Local's JVM without its optimizing compiler (starts on less CPU).
const start = () => startStack({ dataDir, port: 0, apiToken: TOKEN, clock, quickStart: true });
let stack: Stack | undefined;
afterAll(async () => { await stack?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

/** A run waiting on a Send/Receive task (the integrator's risk score). */
async function waitingRun(s: Stack) {
  const wf = await call<{ id: string }>(s, 'POST', '/v3.6/workflows', { name: 'Risk', template: 'watchlist_risk_score' });
  expect((await call(s, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(s, 'POST', '/v3.6/applicants', { first_name: 'Ann', last_name: 'Lee', dob: '1988-04-02' });
  const run = await call<{ id: string }>(s, 'POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id, custom_data: { risk_tier: 'low' } });
  expect(await statusOf(s, run.body.id, 'awaiting_client_input')).toBe('awaiting_client_input');
  return { workflowId: wf.body.id, applicantId: applicant.body.id, runId: run.body.id };
}

/** A run waiting on a capture whose timeout is 10 minutes. */
async function captureRun(s: Stack) {
  const definition = {
    name: 'Quick capture', start: 'document',
    tasks: [{ id: 'document', type: 'document_capture', timeout_seconds: 600, next: 'done' }, { id: 'done', type: 'result', outcome: 'approve' }],
  };
  const wf = await call<{ id: string }>(s, 'POST', '/v3.6/workflows', { name: 'Quick' });
  expect((await call(s, 'POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition })).status).toBe(201);
  expect((await call(s, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(s, 'POST', '/v3.6/applicants', { first_name: 'Bo', last_name: 'Ek' });
  const run = await call<{ id: string }>(s, 'POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(await statusOf(s, run.body.id, 'awaiting_input')).toBe('awaiting_input');
  return run.body.id;
}

/** What createRun has done when the process dies before StartExecution: the run item only,
 *  written with the ARN its execution will have (runs/start.ts), or without one (older runs). */
async function orphanedRuns(risk: { workflowId: string; applicantId: string }) {
  const base = {
    environment: 'sandbox' as const, applicant_id: risk.applicantId, workflow_id: risk.workflowId, workflow_version_id: 1,
    tags: [], customer_user_id: null, link: RunLink.parse({}), custom_data: { risk_tier: 'low' }, created_at: new Date(clock.now() - 1000).toISOString(),
  };
  const orphan = await putRun({ id: 'orphan-run-0001', ...base });
  const versionArn = (await getVersion(risk.workflowId, 1, 'sandbox'))!.state_machine_version_arn!;
  const predicted = await putRun({ id: 'orphan-run-0002', ...base, execution_arn: executionArnOf(versionArn, 'orphan-run-0002')! });
  return [orphan.id, predicted.id];
}

/** What createTrialRun has done when the process dies before StartExecution: the draft published, the run written.
 *  The workflow's active version waits for the integrator; the draft tried approves at once. */
async function orphanedTrials(s: Stack) {
  const wf = await call<{ id: string }>(s, 'POST', '/v3.6/workflows', { name: 'Risk', template: 'watchlist_risk_score' });
  expect((await call(s, 'POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>(s, 'POST', '/v3.6/applicants', { first_name: 'Sam', last_name: 'Ple' });
  const draft = { name: 'Draft', start: 'done', tasks: [{ id: 'done', type: 'result', outcome: 'approve' }] };
  const compiled = compile(draft, compileContext());
  if (!compiled.ok) throw new Error('the draft does not compile');
  const published = await publishVersion(trialMachineOf(wf.body.id), emit(compiled.asl), 'trial run trial-orphan-01', true);
  const run = {
    environment: 'sandbox' as const, applicant_id: applicant.body.id, workflow_id: wf.body.id, workflow_version_id: 0, trial: true,
    tags: [], customer_user_id: null, link: RunLink.parse({}), custom_data: {}, created_at: new Date(clock.now() - 1000).toISOString(),
  };
  await putRun({ id: 'trial-orphan-01', ...run, execution_arn: executionArnOf(published.stateMachineVersionArn, 'trial-orphan-01')! });
  // A trial whose version is gone (its draft with it) cannot start: it ends `error`, never stays processing.
  await putRun({ id: 'trial-orphan-02', ...run });
  return wf.body.id;
}

const ASK = { name: 'Ask', start: 'ask', tasks: [{ id: 'ask', type: 'send_receive', task_def_id: 'risk', task_def_version: '1', next: 'done' }, { id: 'done', type: 'result', outcome: 'approve' }] };
/** A version activated before an upgrade of the compiler (its machine without the waits' storage retry), with a run waiting on it. */
async function activatedBeforeUpgrade(s: Stack) {
  const wf = await call<{ id: string }>(s, 'POST', '/v3.6/workflows', { name: 'Old compiler' });
  expect((await call(s, 'POST', `/v3.6/workflows/${wf.body.id}/versions`, { definition: ASK })).status).toBe(201);
  const stale = await activateStale(wf.body.id, 1, ASK);
  const applicant = await call<{ id: string }>(s, 'POST', '/v3.6/applicants', { first_name: 'Old', last_name: 'Run' });
  const run = await call<{ id: string }>(s, 'POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(await statusOf(s, run.body.id, 'awaiting_client_input')).toBe('awaiting_client_input');
  return { workflowId: wf.body.id, applicantId: applicant.body.id, runId: run.body.id, stale };
}
const definitionOf = async (runId: string) =>
  (await clients().sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: (await getRun(runId))!.execution_arn! }))).definition;

let waiting: Awaited<ReturnType<typeof waitingRun>>;
let upgraded: Awaited<ReturnType<typeof activatedBeforeUpgrade>>;
let capture: string;
let orphans: string[];
let trialWorkflow: string;
beforeAll(async () => {
  stack = await start();
  waiting = await waitingRun(stack);
  capture = await captureRun(stack);
  orphans = await orphanedRuns(waiting);
  trialWorkflow = await orphanedTrials(stack);
  upgraded = await activatedBeforeUpgrade(stack);
  await stack.stop();
  stack = undefined;
  clock.t += 3600 * 1000; // an hour passes while nothing runs
  stack = await start();
}, 180_000);

it('the stack on disk started with quickStart runs DynamoDB Local\'s JVM with its quick compiler only', () => {
  const java = commandLineNaming(join(dataDir, 'dynamodb'));
  expect(java).toContain('-dbPath');
  expect(java).toContain('-XX:TieredStopAtLevel=1');
});

it('a run waiting on a Send/Receive task survives a restart and finishes after it', async () => {
  const s = stack!;
  expect(await statusOf(s, waiting.runId, 'awaiting_client_input')).toBe('awaiting_client_input');
  const tasks = await call<Array<{ id: string; task_def_id: string }>>(s, 'GET', `/v3.6/workflow_runs/${waiting.runId}/tasks`);
  const risk = tasks.body.find((t) => t.task_def_id === 'risk_score')!;
  expect((await call(s, 'POST', `/v3.6/workflow_runs/${waiting.runId}/tasks/${risk.id}/complete`, { data: { score: 5 } })).status).toBe(200);
  expect(await statusOf(s, waiting.runId, 'approved')).toBe('approved');
}, 60_000);

it('a capture timeout that expired while the stack was down ends the run abandoned on start', async () => {
  await stack!.engine.fireDueTimers();
  expect(await statusOf(stack!, capture, 'abandoned')).toBe('abandoned');
}, 60_000);

it('a run written but never started (a crash between the two) is started on the next start', async () => {
  for (const id of orphans) expect(await statusOf(stack!, id, 'awaiting_client_input')).toBe('awaiting_client_input');
}, 60_000);

it('a trial run written but never started is started on its trial version (the draft), not the active version', async () => {
  const s = stack!;
  expect(await statusOf(s, 'trial-orphan-01', 'approved')).toBe('approved');
  const started = await call<{ trial?: boolean }>(s, 'GET', '/v3.6/workflow_runs/trial-orphan-01');
  expect(started.body.trial).toBe(true);
  // Started on the trial machine, whose version is then deleted like any trial's.
  expect((await getRun('trial-orphan-01'))?.execution_arn).toContain(`:execution:${machineName(trialMachineOf(trialWorkflow))}:trial-orphan-01`);
  expect(await findTrialVersion(trialWorkflow, 'trial-orphan-01')).toBeUndefined();
  expect(await statusOf(s, 'trial-orphan-02', 'error')).toBe('error');
}, 60_000);

it('a version activated by an older compiler is recompiled on start: new runs use its current form, a run started before keeps its own', async () => {
  const s = stack!;
  const version = (await getVersion(upgraded.workflowId, 1, 'sandbox'))!;
  expect(version.state_machine_version_arn).not.toBe(upgraded.stale);
  const run = await call<{ id: string }>(s, 'POST', '/v3.6/workflow_runs', { workflow_id: upgraded.workflowId, applicant_id: upgraded.applicantId });
  expect(await statusOf(s, run.body.id, 'awaiting_client_input')).toBe('awaiting_client_input');
  expect(retriesStorage(await definitionOf(run.body.id))).toBe(true);
  expect(retriesStorage(await definitionOf(upgraded.runId))).toBe(false);
  for (const id of [upgraded.runId, run.body.id]) {
    const tasks = await call<Array<{ id: string }>>(s, 'GET', `/v3.6/workflow_runs/${id}/tasks`);
    expect((await call(s, 'POST', `/v3.6/workflow_runs/${id}/tasks/${tasks.body[0]!.id}/complete`, { data: {} })).status).toBe(200);
    expect(await statusOf(s, id, 'approved')).toBe('approved');
  }
}, 60_000);

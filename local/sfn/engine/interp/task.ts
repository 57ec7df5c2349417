import type { StateDef } from '../asl/definition';
import { StatesError, StatesErrors } from '../asl/errors';
import type { Json } from '../asl/json';
import { NOT_TRUNCATED, type StepCtx } from './ctx';
import type { Dialect } from './dialect';
import { complete, completeNow, dialectOf, failState, guarded, json } from './run';
import { argsSync, finishSync, taskTimeoutsSync } from './jsonata-dialect';
import { NOT_SYNC } from '../asl/jsonata';
import { languageOf } from '../asl/program';
import type { TaskSnap, ThreadSnap } from './snapshot';

const resourceInfos = new Map<string, { resourceType: string; resource: string; lambdaArn: boolean }>();

/** How a Resource shows in history: `arn:aws:states:::lambda:invoke.waitForTaskToken` → lambda / invoke.waitForTaskToken. */
export function resourceInfo(resource: string): { resourceType: string; resource: string; lambdaArn: boolean } {
  let info = resourceInfos.get(resource);
  if (!info) {
    const m = /^arn:aws[\w-]*:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(resource);
    info = m ? { resourceType: m[1] ?? '', resource: m[2] ?? '', lambdaArn: false }
      : { resourceType: 'lambda', resource, lambdaArn: /^arn:aws[\w-]*:lambda:/.test(resource) };
    if (resourceInfos.size > 1000) resourceInfos.clear();
    resourceInfos.set(resource, info);
  }
  return info;
}

/** Enters a Task: arguments, timeouts, then the invocation effect. Without promises when all is simple JSONata. */
export function startTask(x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect): Promise<void> | undefined {
  const resource = st.Resource;
  if (typeof resource !== 'string') throw new StatesError(StatesErrors.Runtime, `Task state '${t.state}' has no Resource`);
  if (languageOf(x.program, st) !== 'JSONata') return startTaskAsync(x, t, st, d, resource, false);
  const token = resource.endsWith('.waitForTaskToken') ? x.env.newToken() : undefined;
  const args = argsSync(x, t, st, token);
  const limits = taskTimeoutsSync(st);
  if (args === NOT_SYNC || limits === undefined) return startTaskAsync(x, t, st, d, resource, true, token);
  schedule(x, t, resource, t.input, token, args, limits.timeout, limits.heartbeat);
  return undefined;
}

async function startTaskAsync(x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect, resource: string, haveToken: boolean, token?: string): Promise<void> {
  const eff = await d.effectiveInput(x, t, st);
  if (!haveToken) token = resource.endsWith('.waitForTaskToken') ? x.env.newToken() : undefined;
  const args = await d.args(x, t, st, eff, token);
  const { timeout, heartbeat } = await d.taskTimeouts(x, t, st, eff);
  schedule(x, t, resource, eff, token, args, timeout, heartbeat);
}

function schedule(x: StepCtx, t: ThreadSnap, resource: string, eff: Json, token: string | undefined, args: Json, timeout: number | undefined, heartbeat: number | undefined): void {
  const task: TaskSnap = { resource, args, attempt: x.snap.nextTimerId++, token, timeoutSeconds: timeout, heartbeatSeconds: heartbeat, effectiveInput: eff };
  t.task = task;
  t.phase = 'task';
  const info = resourceInfo(resource);
  if (info.lambdaArn) {
    const d: Record<string, unknown> = { input: json(args), inputDetails: NOT_TRUNCATED, resource };
    if (timeout !== undefined) d.timeoutInSeconds = timeout;
    x.emit(t, 'LambdaFunctionScheduled', d);
    x.emit(t, 'LambdaFunctionStarted');
  } else {
    const d: Record<string, unknown> = { resource: info.resource, resourceType: info.resourceType, region: x.env.region, parameters: json(args) };
    if (timeout !== undefined) d.timeoutInSeconds = timeout;
    if (heartbeat !== undefined) d.heartbeatInSeconds = heartbeat;
    x.emit(t, 'TaskScheduled', d);
    x.emit(t, 'TaskStarted', { resource: info.resource, resourceType: info.resourceType });
  }
  x.effects.push({ t: 'invoke', thread: t.id, attempt: task.attempt, resource, args, token, state: t.state });
  if (timeout !== undefined || heartbeat !== undefined) {
    const now = x.env.now();
    if (timeout !== undefined) x.addTimer('taskTimeout', t.id, now + timeout * 1000, task.attempt);
    if (heartbeat !== undefined) x.addTimer('heartbeat', t.id, now + heartbeat * 1000, task.attempt);
  }
}

function current(t: ThreadSnap | undefined, attempt: number): t is ThreadSnap & { task: TaskSnap } {
  return !!t && t.phase === 'task' && t.task?.attempt === attempt;
}

function ended(x: StepCtx, t: ThreadSnap & { task: TaskSnap }): void {
  x.clearTimers(t.id, ['taskTimeout', 'heartbeat']);
  if (t.task.token) x.deadTokens.push(t.task.token);
  t.phase = 'ready';
}

/** `text`, when given, is the JSON of `output` (the integration had it already). */
export function taskSucceeded(x: StepCtx, t: ThreadSnap | undefined, attempt: number, output: Json, text?: string): Promise<void> | undefined {
  if (!current(t, attempt)) return;
  ended(x, t);
  const st = x.stateOf(t);
  const info = resourceInfo(t.task.resource);
  x.emit(t, info.lambdaArn ? 'LambdaFunctionSucceeded' : 'TaskSucceeded', omit({
    resource: info.lambdaArn ? undefined : info.resource, resourceType: info.lambdaArn ? undefined : info.resourceType,
    output: text ?? json(output), outputDetails: NOT_TRUNCATED }));
  const eff = t.task.effectiveInput;
  const fast = languageOf(x.program, st) === 'JSONata' ? finishSync(x, t, st, output) : undefined;
  if (fast) return completeNow(x, t, st, fast);
  return guarded(x, t, st, async () => complete(x, t, st, await dialectOf(x, st).finish(x, t, st, eff, output)));
}

export function taskSubmitted(x: StepCtx, t: ThreadSnap | undefined, attempt: number, output: Json, text?: string): void {
  if (!current(t, attempt)) return;
  t.task.submitted = true;
  const info = resourceInfo(t.task.resource);
  x.emit(t, 'TaskSubmitted', { resource: info.resource, resourceType: info.resourceType, output: text ?? json(output), outputDetails: NOT_TRUNCATED });
}

export async function taskFailed(x: StepCtx, t: ThreadSnap | undefined, attempt: number, error?: string, cause?: string): Promise<void> {
  if (!current(t, attempt)) return;
  ended(x, t);
  const info = resourceInfo(t.task.resource);
  x.emit(t, info.lambdaArn ? 'LambdaFunctionFailed' : 'TaskFailed', omit({ error, cause,
    resource: info.lambdaArn ? undefined : info.resource, resourceType: info.lambdaArn ? undefined : info.resourceType }));
  await failState(x, t, x.stateOf(t), error ?? '', cause);
}

export async function taskTimedOut(x: StepCtx, t: ThreadSnap | undefined, attempt: number, heartbeat: boolean): Promise<void> {
  if (!current(t, attempt)) return;
  const token = t.task.token;
  ended(x, t);
  if (token) x.snap.timedOutTokens.push(token);
  const info = resourceInfo(t.task.resource);
  const cause = heartbeat ? 'The task heartbeat timed out' : undefined;
  x.emit(t, info.lambdaArn ? 'LambdaFunctionTimedOut' : 'TaskTimedOut', omit({ error: StatesErrors.Timeout, cause,
    resource: info.lambdaArn ? undefined : info.resource, resourceType: info.lambdaArn ? undefined : info.resourceType }));
  await failState(x, t, x.stateOf(t), StatesErrors.Timeout, cause);
}

export function taskHeartbeat(x: StepCtx, t: ThreadSnap | undefined, attempt: number): void {
  if (!current(t, attempt) || t.task.heartbeatSeconds === undefined) return;
  x.clearTimers(t.id, ['heartbeat']);
  x.addTimer('heartbeat', t.id, x.env.now() + t.task.heartbeatSeconds * 1000, attempt);
}

export function omit(o: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r;
}

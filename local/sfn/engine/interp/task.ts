import type { StateDef } from '../asl/definition';
import { StatesError, StatesErrors } from '../asl/errors';
import type { Json } from '../asl/json';
import type { StepCtx } from './ctx';
import type { Dialect } from './dialect';
import { complete, dialectOf, failState, guarded, json } from './run';
import type { TaskSnap, ThreadSnap } from './snapshot';

/** How a Resource shows in history: `arn:aws:states:::lambda:invoke.waitForTaskToken` → lambda / invoke.waitForTaskToken. */
export function resourceInfo(resource: string): { resourceType: string; resource: string; lambdaArn: boolean } {
  const m = /^arn:aws[\w-]*:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(resource);
  if (m) return { resourceType: m[1] ?? '', resource: m[2] ?? '', lambdaArn: false };
  return { resourceType: 'lambda', resource, lambdaArn: /^arn:aws[\w-]*:lambda:/.test(resource) };
}

export async function startTask(x: StepCtx, t: ThreadSnap, st: StateDef, d: Dialect): Promise<void> {
  const resource = st.Resource;
  if (typeof resource !== 'string') throw new StatesError(StatesErrors.Runtime, `Task state '${t.state}' has no Resource`);
  const eff = await d.effectiveInput(x, t, st);
  const token = resource.endsWith('.waitForTaskToken') ? x.env.newToken() : undefined;
  const args = await d.args(x, t, st, eff, token);
  const { timeout, heartbeat } = await d.taskTimeouts(x, t, st, eff);
  const task: TaskSnap = { resource, args, attempt: x.snap.nextTimerId++, token, timeoutSeconds: timeout, heartbeatSeconds: heartbeat, effectiveInput: eff };
  t.task = task;
  t.phase = 'task';
  const info = resourceInfo(resource);
  if (info.lambdaArn) {
    x.emit(t, 'LambdaFunctionScheduled', omit({ input: json(args), inputDetails: { truncated: false }, resource, timeoutInSeconds: timeout }));
    x.emit(t, 'LambdaFunctionStarted');
  } else {
    x.emit(t, 'TaskScheduled', omit({ resource: info.resource, resourceType: info.resourceType, region: x.env.region, parameters: json(args), timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat }));
    x.emit(t, 'TaskStarted', { resource: info.resource, resourceType: info.resourceType });
  }
  x.effects.push({ t: 'invoke', thread: t.id, attempt: task.attempt, resource, args, token, state: t.state });
  const now = x.env.now();
  if (timeout !== undefined) x.addTimer('taskTimeout', t.id, now + timeout * 1000, task.attempt);
  if (heartbeat !== undefined) x.addTimer('heartbeat', t.id, now + heartbeat * 1000, task.attempt);
}

function current(t: ThreadSnap | undefined, attempt: number): t is ThreadSnap & { task: TaskSnap } {
  return !!t && t.phase === 'task' && t.task?.attempt === attempt;
}

function ended(x: StepCtx, t: ThreadSnap & { task: TaskSnap }): void {
  x.clearTimers(t.id, ['taskTimeout', 'heartbeat']);
  if (t.task.token) x.deadTokens.push(t.task.token);
  t.phase = 'ready';
}

export async function taskSucceeded(x: StepCtx, t: ThreadSnap | undefined, attempt: number, output: Json): Promise<void> {
  if (!current(t, attempt)) return;
  ended(x, t);
  const st = x.stateOf(t);
  const info = resourceInfo(t.task.resource);
  x.emit(t, info.lambdaArn ? 'LambdaFunctionSucceeded' : 'TaskSucceeded', omit({
    resource: info.lambdaArn ? undefined : info.resource, resourceType: info.lambdaArn ? undefined : info.resourceType,
    output: json(output), outputDetails: { truncated: false } }));
  const eff = t.task.effectiveInput;
  await guarded(x, t, st, async () => complete(x, t, st, await dialectOf(x, st).finish(x, t, st, eff, output)));
}

export function taskSubmitted(x: StepCtx, t: ThreadSnap | undefined, attempt: number, output: Json): void {
  if (!current(t, attempt)) return;
  t.task.submitted = true;
  const info = resourceInfo(t.task.resource);
  x.emit(t, 'TaskSubmitted', { resource: info.resource, resourceType: info.resourceType, output: json(output), outputDetails: { truncated: false } });
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

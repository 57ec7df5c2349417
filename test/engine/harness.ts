/**
 * Runs compiled workflows on the embedded engine with a virtual clock: a task Lambda that
 * records waiting tasks, a report Lambda answering from a script, an event bus that keeps what
 * it receives, and a runs table that applies the compiled conditional update as DynamoDB would.
 */
import { ConditionalCheckFailedException, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { compile, LOCAL_CONTEXT, notEndedCondition, type ReportRequest, type TaskRequest } from '../../compiler';
import type { ExecutionRecord, LambdaHandler } from '../../local/sfn/contract';
import { createEngine, type PutEventsEntry, type SfnEngine } from '../../local/sfn/engine';

export class Clock { t = Date.parse('2026-11-25T12:00:00.000Z'); now() { return this.t; } }

type Attr = { S?: string };
/** The run items, and an UpdateItem that honours `attribute_exists(pk) AND NOT (#status IN (...))`. */
export class RunsTable {
  readonly items = new Map<string, Record<string, string>>();
  client(): DynamoDBClient {
    return { send: async (cmd: unknown) => this.update(cmd) } as unknown as DynamoDBClient;
  }
  private async update(cmd: unknown) {
    if (!(cmd instanceof UpdateItemCommand)) throw new Error('only UpdateItem is used by compiled workflows');
    const input = cmd.input;
    const key = `${(input.Key!.pk as Attr).S}|${(input.Key!.sk as Attr).S}`;
    const item = this.items.get(key);
    const values = input.ExpressionAttributeValues as Record<string, Attr>;
    const terminal = Object.keys(notEndedCondition().values).map((k) => values[k]?.S);
    if (!item || terminal.includes(item.status)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    item.status = values[':status']!.S!;
    item.result = values[':result']!.S!;
    item.completed_at = values[':now']!.S!;
    return { $metadata: {} };
  }
}

export interface Waiting { request: TaskRequest }

/** `timers: 'auto'` fires timers by themselves, after their delays in real time (with a `clock` that follows it): a
 *  test whose report Lambda is still running when its task times out needs it, since `fireDueTimers` first waits
 *  for running Lambdas. */
export function workflowEngine(scriptReport: (req: ReportRequest) => unknown,
  opts: { timers?: 'auto'; clock?: { now(): number }; random?: () => number } = {}) {
  const clock = new Clock();
  const runs = new RunsTable();
  const events: PutEventsEntry[] = [];
  const waiting: Waiting[] = [];
  const reports: ReportRequest[] = [];
  const tasks: LambdaHandler = async (event) => { waiting.push({ request: event as TaskRequest }); return { accepted: true }; };
  const reportFn: LambdaHandler = async (event) => { reports.push(event as ReportRequest); return scriptReport(event as ReportRequest); };
  const engine: SfnEngine = createEngine({
    clock, ...opts, dynamodb: runs.client(), lambdas: { 'studio-tasks': tasks, 'studio-reports': reportFn },
    eventBus: { putEvents: async (entries) => { events.push(...entries); return { Entries: entries.map((_, i) => ({ EventId: `e${events.length + i}` })), FailedEntryCount: 0 }; } },
  });
  let seq = 0;
  async function start(definition: unknown, runInput: { applicant?: object; custom?: object } = {}) {
    const c = compile(definition, LOCAL_CONTEXT);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const id = `run${++seq}`;
    runs.items.set(`RUN#${id}|RUN`, { status: 'processing' });
    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:wf:${id}`;
    await engine.start({
      executionArn, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:wf', name: id, definition: c.json,
      input: JSON.stringify({ workflow_run_id: id, applicant_id: 'app1', sandbox: true, applicant: runInput.applicant ?? {}, custom: runInput.custom ?? {} }),
    });
    await engine.idle();
    return { id, executionArn };
  }
  /** Takes the waiting task with this id (fails if it is not waiting). */
  function take(taskId: string): TaskRequest {
    const i = waiting.findIndex((w) => w.request.task_id === taskId);
    if (i < 0) throw new Error(`task ${taskId} is not waiting; waiting: ${waiting.map((w) => w.request.task_id).join(', ') || 'none'}`);
    return waiting.splice(i, 1)[0]!.request;
  }
  async function complete(taskId: string, output: unknown) {
    await engine.sendTaskSuccess(take(taskId).token, JSON.stringify(output));
    await engine.idle();
  }
  /** Moves the virtual clock to the next timer until none is left or the execution ended. */
  async function runTimers(executionArn: string, limit = 50) {
    for (let i = 0; i < limit; i++) {
      const due = engine.nextTimerDue();
      if (due === undefined || (await describe(executionArn)).status !== 'RUNNING') return;
      clock.t = Math.max(clock.t, due);
      await engine.fireDueTimers();
      await engine.idle();
    }
  }
  const describe = async (arn: string) => (await engine.describe(arn)) as ExecutionRecord;
  const result = async (arn: string) => {
    const r = await describe(arn);
    return { status: r.status, output: r.output ? JSON.parse(r.output) as { status: string; task_id: string; reasons?: string[]; output?: Record<string, unknown>; error?: unknown } : undefined };
  };
  return { engine, clock, runs, events, waiting, reports, start, take, complete, runTimers, describe, result };
}

export const report = (result: 'clear' | 'consider', extra: object = {}) => ({ result, breakdown: {}, properties: {}, ...extra });

/**
 * Runs conformance cases through the public API, as a user of `studio sfn-local` would:
 * @aws-sdk/client-sfn over HTTP on 127.0.0.1 calls CreateStateMachine, StartExecution,
 * DescribeExecution and GetExecutionHistory on the local service (control plane + engine).
 * The only thing the runner does behind the API is move the engine's virtual clock to the next
 * timer when an execution waits, so Wait states and timeouts take no real time; the engine's
 * randomness is seeded, so a run is reproducible.
 */
import * as sdk from '@aws-sdk/client-sfn';
import { jsonEqual } from '../engine/asl/json';
import { createEngine, seededRandom } from '../engine';
import { ControlPlane, createSfnServer } from '../service';
import type { ConformanceCase } from './case';

export interface CaseResult { name: string; language: string; pass: boolean; diffs: string[] }

/** What the comparison needs of an execution (DescribeExecution's fields). */
export interface Outcome { status?: string; output?: string; error?: string; cause?: string }

export interface ApiRunner {
  run(c: ConformanceCase): Promise<CaseResult>;
  close(): Promise<void>;
}

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/conformance`;
const MAX_TIMER_ROUNDS = 10_000;
const TERMINAL_EVENT: Record<string, string> = {
  SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted',
};

export async function openApiRunner(): Promise<ApiRunner> {
  let now = Date.parse('2024-01-01T00:00:00.000Z');
  const clock = { now: () => now };
  // A seeded source: runs are reproducible (jitter, $random(), $uuid(), States.UUID).
  const engine = createEngine({ clock, accountId: ACCOUNT, timers: 'manual', random: seededRandom(2024) });
  const controlPlane = await ControlPlane.open({ clock, accountId: ACCOUNT });
  const server = await createSfnServer({ engine, controlPlane, host: '127.0.0.1', port: 0 });
  const client = new sdk.SFNClient({
    endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1, disableHostPrefix: true,
  });
  let count = 0;

  async function history(executionArn: string): Promise<sdk.HistoryEvent[]> {
    const events: sdk.HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new sdk.GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  async function execute(c: ConformanceCase): Promise<string[]> {
    const name = `case-${++count}`;
    let stateMachineArn: string | undefined;
    try {
      const type = c['stateMachineType'] === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
      ({ stateMachineArn } = await client.send(new sdk.CreateStateMachineCommand({ name, definition: JSON.stringify(c.definition), roleArn: ROLE, type })));
    } catch (e) {
      return [`CreateStateMachine refused the definition: ${(e as Error).name}: ${(e as Error).message}`];
    }
    const { executionArn } = await client.send(new sdk.StartExecutionCommand({ stateMachineArn, name: 'case', input: JSON.stringify(c.input) }));
    if (!executionArn) return ['StartExecution returned no executionArn'];
    let described = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    for (let i = 0; i < MAX_TIMER_ROUNDS && described.status === 'RUNNING'; i++) {
      await engine.idle();
      described = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
      const due = engine.nextTimerDue();
      if (described.status !== 'RUNNING' || due === undefined) break;
      now = Math.max(now, due);
      await engine.fireDueTimers();
    }
    if (described.status === 'RUNNING') await client.send(new sdk.StopExecutionCommand({ executionArn, error: 'Conformance.Stuck' }));
    return [...compare(c, described), ...checkHistory(described, await history(executionArn))];
  }

  return {
    async run(c) {
      try {
        const diffs = await execute(c);
        return { name: c.name, language: c.queryLanguage, pass: diffs.length === 0, diffs };
      } catch (e) {
        return { name: c.name, language: c.queryLanguage, pass: false, diffs: [`API call failed: ${(e as Error).name}: ${(e as Error).message}`] };
      }
    },
    async close() {
      client.destroy();
      await server.close();
      await engine.close();
    },
  };
}

/** The history ends with the event of the execution's status, carrying the same output or error. */
function checkHistory(d: Outcome, events: sdk.HistoryEvent[]): string[] {
  const last = events[events.length - 1];
  const expected = d.status ? TERMINAL_EVENT[d.status] : undefined;
  if (!events.length || events[0]?.type !== 'ExecutionStarted') return ['history does not start with ExecutionStarted'];
  if (!expected || last?.type !== expected) return [`history ends with ${last?.type ?? 'nothing'}, expected ${expected ?? '?'}`];
  if (d.status === 'SUCCEEDED' && last.executionSucceededEventDetails?.output !== d.output) return ['history output differs from DescribeExecution'];
  if (d.status === 'FAILED' && last.executionFailedEventDetails?.error !== d.error) return ['history error differs from DescribeExecution'];
  return [];
}

/** Compares as the corpus README says: output deeply, error/cause exactly, absent keys stay absent. */
export function compare(c: ConformanceCase, a: Outcome): string[] {
  const x = c.expected;
  const diffs: string[] = [];
  if (a.status !== x.status) diffs.push(`status: expected ${x.status}, got ${a.status}${a.error ? ` (${a.error}: ${a.cause})` : ''}`);
  if (x.status === 'SUCCEEDED' && a.status === 'SUCCEEDED') {
    const out = a.output === undefined ? undefined : JSON.parse(a.output);
    if (!jsonEqual(out, x.output)) diffs.push(`output: expected ${JSON.stringify(x.output)}, got ${a.output}`);
  }
  if (x.status !== 'SUCCEEDED' && a.status === x.status) {
    if (x.error !== a.error) diffs.push(`error: expected ${JSON.stringify(x.error)}, got ${JSON.stringify(a.error)}`);
    if (x.causeJson !== undefined) {
      let parsed: unknown;
      try { parsed = a.cause === undefined ? undefined : JSON.parse(a.cause); } catch { parsed = a.cause; }
      if (!jsonEqual(parsed, x.causeJson)) diffs.push(`cause: expected JSON ${JSON.stringify(x.causeJson)}, got ${JSON.stringify(a.cause)}`);
    } else if (x.cause !== a.cause) diffs.push(`cause: expected ${JSON.stringify(x.cause)}, got ${JSON.stringify(a.cause)}`);
  }
  return diffs;
}

import type { ExecutionRecord } from '../contract';
import { createEngine } from '../engine';
import { jsonEqual } from '../engine/asl/json';
import type { ConformanceCase } from './case';

export interface CaseResult { name: string; language: string; pass: boolean; diffs: string[]; actual?: ExecutionRecord }

const ACCOUNT = '123456789012';
const MAX_TIMER_ROUNDS = 10_000;

/** Runs one case on a fresh in-memory engine with a virtual clock: waits and timeouts take no time. */
export async function runCase(c: ConformanceCase): Promise<CaseResult> {
  let now = Date.parse('2024-01-01T00:00:00.000Z');
  const engine = createEngine({ clock: { now: () => now }, accountId: ACCOUNT });
  const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:conformance`;
  const arn = `arn:aws:states:us-east-1:${ACCOUNT}:execution:conformance:case`;
  try {
    await engine.start({ executionArn: arn, stateMachineArn: machine, name: 'case', definition: JSON.stringify(c.definition),
      input: JSON.stringify(c.input), roleArn: `arn:aws:iam::${ACCOUNT}:role/conformance` });
    for (let i = 0; i < MAX_TIMER_ROUNDS; i++) {
      await engine.idle();
      const r = await engine.describe(arn);
      if (!r || r.status !== 'RUNNING') break;
      const due = engine.nextTimerDue();
      if (due === undefined) break;
      now = Math.max(now, due);
      await engine.fireDueTimers();
    }
    const actual = await engine.describe(arn);
    const diffs = actual ? compare(c, actual) : ['execution vanished'];
    return { name: c.name, language: c.queryLanguage, pass: diffs.length === 0, diffs, actual };
  } catch (e) {
    return { name: c.name, language: c.queryLanguage, pass: false, diffs: [`engine threw ${(e as Error).name}: ${(e as Error).message}`] };
  } finally {
    await engine.close();
  }
}

/** Compares as the corpus README says: output deeply, error/cause exactly, absent keys stay absent. */
export function compare(c: ConformanceCase, a: ExecutionRecord): string[] {
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

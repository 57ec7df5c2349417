/**
 * An idle sweep is cheap: once the one-off walks are done (on a new table the first sweep finds
 * nothing to walk), the sweep reads their cursors no more (lambdas/store/walks.ts) and makes only
 * the requests that find due work: the due purges, the review events to send again, the decided
 * reports to resume, the runs whose start a crash cut short (runs/resume.ts, from its cursor, which
 * the process keeps once read). `npm start` sweeps every 5 seconds.
 */
import { sweep } from '../../lambdas/lifecycle/sweep';
import { awsCallTallies, resetAwsCalls } from '../../lambdas/shared/aws-calls';
import { forgetFinishedWalks } from '../../lambdas/store/walks';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

let now = Date.parse('2031-03-04T05:06:07Z');
/** The DynamoDB requests of one sweep, by operation; each sweep 5 seconds after the last, as `npm start`'s. */
async function requestsOfSweep(): Promise<Record<string, number>> {
  resetAwsCalls();
  now += 5000;
  await sweep(new Date(now));
  const out: Record<string, number> = {};
  for (const t of Object.values(awsCallTallies())) for (const [op, n] of Object.entries(t.operations)) out[op] = (out[op] ?? 0) + n;
  return out;
}

it('after the walks are done, a sweep makes 4 queries and reads no cursor', async () => {
  const first = await requestsOfSweep();
  // The walks' cursors (earlier deletions, index statuses, name keys and status keys, per environment; earlier reviews, once): read,
  // then marked done; and the cursor of the runs left unstarted, read once (nothing to walk: nothing written).
  expect(first.GetItemCommand).toBe(10);
  expect(first.PutItemCommand).toBe(9);
  expect(await requestsOfSweep()).toEqual({ QueryCommand: 4 });
  expect(await requestsOfSweep()).toEqual({ QueryCommand: 4 });
  // What it saves: a process that has not seen them done reads the 9 cursors (done: no walk, no write).
  forgetFinishedWalks();
  expect(await requestsOfSweep()).toEqual({ GetItemCommand: 9, QueryCommand: 4 });
});

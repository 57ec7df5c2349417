/**
 * DynamoDB round trips, counted per API request. A middleware on the DynamoDB client counts
 * every `send` (one round trip; the SDK's own retries of it are not counted) and attributes it,
 * through AsyncLocalStorage, to the API request that made it (`withRequestScope`, labelled with
 * the route). Everything made outside a request goes to `BACKGROUND`: in a process that runs
 * the whole stack (`npm start`, tests, the benchmark) that is the work a request triggers
 * asynchronously (the task Lambda, execution events, webhook delivery, the engine's writes).
 * The tallies are per process, read by the benchmark and tests; in Lambda they cost a counter.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const BACKGROUND = 'background';

export interface Tally {
  /** Requests finished under this label (0 for BACKGROUND). */
  requests: number;
  /** DynamoDB round trips made under this label. */
  dynamodb: number;
  /** Round trips by operation (`GetItemCommand`...). */
  operations: Record<string, number>;
}

interface Scope { label: string; dynamodb: number }

const scope = new AsyncLocalStorage<Scope>();
const tallies = new Map<string, Tally>();
const counted = new WeakSet<object>();

function tallyOf(label: string): Tally {
  let t = tallies.get(label);
  if (!t) tallies.set(label, t = { requests: 0, dynamodb: 0, operations: {} });
  return t;
}

function record(operation: string): void {
  const s = scope.getStore();
  if (s) s.dynamodb++;
  const t = tallyOf(s?.label ?? BACKGROUND);
  t.dynamodb++;
  t.operations[operation] = (t.operations[operation] ?? 0) + 1;
}

/** Counts the round trips of `client` (and of document clients made from it, which share its middleware); once per client. */
export function countRoundTrips<C extends DynamoDBClient>(client: C): C {
  if (counted.has(client)) return client;
  counted.add(client);
  client.middlewareStack.add((next, context) => async (args) => {
    record(context.commandName ?? 'unknown');
    return next(args);
  }, { step: 'initialize', name: 'studioRoundTrips' });
  return client;
}

/** Runs one request in its own scope; `label` may be set once the route is known (`labelRequest`). */
export async function withRequestScope<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const s: Scope = { label, dynamodb: 0 };
  try {
    return await scope.run(s, fn);
  } finally {
    tallyOf(s.label).requests++;
  }
}

/** Names the current request (e.g. `POST /v3.6/workflow_runs`); call it before its first round trip. */
export function labelRequest(label: string): void {
  const s = scope.getStore();
  if (s) s.label = label;
}

/** Round trips made so far by the current request (0 outside one). */
export const requestRoundTrips = () => scope.getStore()?.dynamodb ?? 0;

/** A copy of the tallies by label. */
export function roundTripTallies(): Record<string, Tally> {
  return Object.fromEntries([...tallies].map(([k, t]) => [k, { ...t, operations: { ...t.operations } }]));
}

/** Forgets the tallies (benchmark phases, tests). */
export const resetRoundTrips = () => { tallies.clear(); };

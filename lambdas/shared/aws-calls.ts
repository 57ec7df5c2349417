/**
 * DynamoDB and S3 requests counted per function, for the cost model's test (test/e2e/cost-counts):
 * a middleware on the clients (shared/aws.ts) counts every `send` (the SDK's own retries of it
 * are not counted, nor the URLs it presigns) under the function whose invocation made it (`withFunctionScope`, set by the
 * local stack around each handler call; `background` outside any), and the invocations of each function. DynamoDB requests are also
 * counted in capacity units as on-demand bills them for items of at most 1 KB (writes) and 4 KB
 * (reads): a write 1 WRU per item (2 in a transaction), a read 0.5 RRU eventually consistent, 1
 * strongly consistent, 2 in a transaction; a Query or Scan as one read (it bills 0.5 per 4 KB
 * returned: the runs' queries return a few small items).
 * S3 requests are counted by price class: PUT, COPY, POST, LIST (and multipart calls) as `s3Puts`,
 * GET, HEAD and the rest as `s3Gets`. Per process; in Lambda it costs a counter.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const NO_FUNCTION = 'background';
/** `invocations`: the function's handler calls (`withFunctionScope`), whether or not they made a request. */
export interface AwsCallTally { invocations: number; dynamodb: number; wru: number; rru: number; s3Puts: number; s3Gets: number; operations: Record<string, number> }

const scope = new AsyncLocalStorage<string>();
const tallies = new Map<string, AwsCallTally>();
const counted = new WeakSet<object>();

const S3_PUT_CLASS = /^(Put|Copy|Post|List|CreateMultipartUpload|UploadPart|CompleteMultipartUpload)/;

type Input = Record<string, unknown>;
const size = (v: unknown) => (Array.isArray(v) ? v.length : 0);
function units(operation: string, input: Input): { wru: number; rru: number } {
  const consistent = input.ConsistentRead === true ? 1 : 0.5;
  switch (operation) {
    case 'PutItemCommand': case 'UpdateItemCommand': case 'DeleteItemCommand': return { wru: 1, rru: 0 };
    case 'TransactWriteItemsCommand': return { wru: 2 * size(input.TransactItems), rru: 0 };
    case 'BatchWriteItemCommand': return { wru: Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce((n, l) => n + size(l), 0), rru: 0 };
    case 'GetItemCommand': return { wru: 0, rru: consistent };
    case 'TransactGetItemsCommand': return { wru: 0, rru: 2 * size(input.TransactItems) };
    case 'BatchGetItemCommand': return { wru: 0, rru: Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: unknown[] }>).reduce((n, r) => n + 0.5 * size(r.Keys), 0) };
    case 'QueryCommand': case 'ScanCommand': return { wru: 0, rru: consistent };
    case 'BatchExecuteStatementCommand': {
      // Each statement as the single-item call it stands for: a write 1 WRU, a read as a GetItem.
      const statements = (input.Statements ?? []) as Array<{ Statement?: string; ConsistentRead?: boolean }>;
      return statements.reduce((u, st) => (/^\s*select\b/i.test(st.Statement ?? '')
        ? { ...u, rru: u.rru + (st.ConsistentRead ? 1 : 0.5) } : { ...u, wru: u.wru + 1 }), { wru: 0, rru: 0 });
    }
    default: return { wru: 0, rru: 0 };
  }
}

function tallyOf(label: string): AwsCallTally {
  let t = tallies.get(label);
  if (!t) tallies.set(label, t = { invocations: 0, dynamodb: 0, wru: 0, rru: 0, s3Puts: 0, s3Gets: 0, operations: {} });
  return t;
}

/** Counts the requests of a DynamoDB or S3 client under the current function (or always under `label`); once per client. */
export function countAwsCalls<C extends { middlewareStack: { add: (...a: never[]) => unknown } }>(client: C, service: 'dynamodb' | 's3', label?: string): C {
  if (counted.has(client)) return client;
  counted.add(client);
  const stack = client.middlewareStack as unknown as { add(m: (next: (a: { input: Input }) => Promise<unknown>, ctx: { commandName?: string }) => (a: { input: Input }) => Promise<unknown>, o: object): void };
  stack.add((next, context) => async (args) => {
    const operation = context.commandName ?? 'unknown';
    const t = tallyOf(label ?? scope.getStore() ?? NO_FUNCTION);
    const count = () => {
      t.operations[operation] = (t.operations[operation] ?? 0) + 1;
      if (service === 's3') {
        if (S3_PUT_CLASS.test(operation)) t.s3Puts++; else t.s3Gets++;
      } else {
        const u = units(operation, args.input);
        t.dynamodb++; t.wru += u.wru; t.rru += u.rru;
      }
    };
    // A presigned URL (getSignedUrl runs the command's stack, then stops before sending) is no request.
    const out = await next(args).catch((e: unknown) => { count(); throw e; });
    if (!(typeof out === 'object' && out !== null && 'presigned' in ((out as { output?: object }).output ?? {}))) count();
    return out;
  }, { step: 'initialize', name: 'studioAwsCalls' });
  return client;
}

/** Runs one invocation of `fn` (a function key) so that it and its requests are counted under it. */
export const withFunctionScope = <T>(fn: string, run: () => Promise<T>): Promise<T> => { tallyOf(fn).invocations++; return scope.run(fn, run); };

export function awsCallTallies(): Record<string, AwsCallTally> {
  return Object.fromEntries([...tallies].map(([k, t]) => [k, { ...t, operations: { ...t.operations } }]));
}
export const resetAwsCalls = () => { tallies.clear(); };

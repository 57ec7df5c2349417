/**
 * The CPU floor of DynamoDB Local: `npm run bench:dynamodb`.
 * DynamoDB Local with its data on disk and the JVM flags of `npm start` (local/stack/dynamodb.ts),
 * the product's table and indexes (ensureTable), 10 concurrent clients. Each round drives
 * BENCH_CALLS (default 3,000) calls of each kind shaped like the product's: a PutItem of a run
 * (every index key set), a GetItem, a conditional UpdateItem moving the run to another status
 * (its by_status entry moves), a TransactWriteItems of two puts. It prints, per call, the CPU ms
 * of DynamoDB Local's JVM (its JIT compiler's share apart) and of this process (the AWS SDK
 * client: signing, serialising, parsing), per round: the JIT share fades as its hot paths are
 * compiled, so the last round is the steady state.
 * Last, what the steady state means for `bench:api`'s target: the CPU that the DynamoDB calls of
 * one create take by themselves, and the creates/s that alone allows on this machine's cores,
 * for the calls a create makes today (BENCH_CALLS_PER_CREATE, default 8: 2 by the API handler
 * and 6 by the work it triggers, as `bench:api` counts them) and for 3 (a bare minimum: the
 * handler's write, the execution start's read, the first task's record).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDb } from '../local/stack/dynamodb';
import { cpuNow, cpuSince } from './cpu';

const TABLE = 'studio-bench';
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PER_CREATE = Number(process.env.BENCH_CALLS_PER_CREATE ?? 8);
const CONCURRENCY = 10;

const key = (i: number) => ({ pk: { S: `RUN#bench-${i}` }, sk: { S: 'RUN' } });
const run = (i: number, sk = 'RUN'): Record<string, AttributeValue> => ({
  ...key(i), sk: { S: sk }, gsi1pk: { S: 'RUNS#sandbox' }, gsi1sk: { S: `2026-12-01T00:00:00.000Z#bench-${i}` },
  gsi2pk: { S: `APPLICANT#a-${i % 97}#RUNS` }, gsi2sk: { S: `2026-12-01T00:00:00.000Z#bench-${i}` }, status: { S: 'processing' },
  workflow_id: { S: 'wf-1' }, link: { M: { url: { S: `http://127.0.0.1/capture/${i}` }, completed_redirect_url: { NULL: true } } }, payload: { S: 'x'.repeat(600) },
});

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dynamodb-'));
  const db = await startDynamoDb({ dataDir: dir, quickStart: false });
  const c = db.client();
  try {
    await ensureTable(c, TABLE);
    const kinds: Record<string, (i: number) => Promise<unknown>> = {
      PutItem: (i) => c.send(new PutItemCommand({ TableName: TABLE, Item: run(i) })),
      GetItem: (i) => c.send(new GetItemCommand({ TableName: TABLE, Key: key(i) })),
      'UpdateItem (conditional)': (i) => c.send(new UpdateItemCommand({
        TableName: TABLE, Key: key(i), UpdateExpression: 'SET #s = :to', ConditionExpression: '#s = :from',
        ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':to': { S: 'approved' }, ':from': { S: 'processing' } },
      })),
      'TransactWriteItems (2 puts)': (i) => c.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: run(i, 'TASK#a') } }, { Put: { TableName: TABLE, Item: run(i, 'TASK#b') } }] })),
    };
    console.log(`DynamoDB Local on disk, ${CONCURRENCY} clients, ${CALLS} calls per kind and round, load average ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores\n`);
    console.log('| round | call | calls/s | CPU ms / call: DynamoDB Local (of it JIT) | + this process (SDK) |\n|---:|---|---:|---:|---:|');
    let last: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      last = [];
      for (const [name, call] of Object.entries(kinds)) {
        const before = cpuNow();
        const t0 = performance.now();
        let next = 0;
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < CALLS) await call(round * 1_000_000 + next++); }));
        const seconds = (performance.now() - t0) / 1000;
        const cpu = cpuSince(before);
        last.push((cpu.children + cpu.node) / CALLS);
        console.log(`| ${round} | ${name} | ${Math.round(CALLS / seconds)} | ${(cpu.children / CALLS).toFixed(2)} (${(cpu.childrenJit / CALLS).toFixed(2)}) | ${(cpu.node / CALLS).toFixed(2)} |`);
      }
    }
    const perCall = last.reduce((s, v) => s + v, 0) / last.length;
    const budget = cpus().length * 1000;
    console.log(`\nSteady state (round ${ROUNDS}): ${perCall.toFixed(2)} CPU ms per call on average over the four kinds (DynamoDB Local and SDK together).`);
    for (const n of [PER_CREATE, 3]) {
      console.log(`${n} calls per create: ${(n * perCall).toFixed(1)} CPU ms, at most ${Math.floor(budget / (n * perCall))} creates/s on ${cpus().length} cores from the DynamoDB calls alone (150/s allows ${(budget / 150).toFixed(1)} ms per create for everything).`);
    }
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });

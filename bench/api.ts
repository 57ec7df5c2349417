/**
 * API benchmark on the local stack: `npm run bench:api`.
 * autocannon (10 connections) against GET run, list runs, create run and complete task (a
 * Send/Receive task waiting in each of N runs), through the local gateway; then DynamoDB
 * Local's raw GetItem latency, and the ratio of API GET run p50 to GetItem p50 (the API's
 * overhead over one storage read). DynamoDB Local runs with its data on disk, as `npm start`.
 * Each endpoint is first driven for BENCH_WARMUP_SECONDS (default 3; 0 to skip) and one run is
 * completed, not measured: the first requests load and transpile the Lambda modules, the first
 * end makes the evidence signing key, and DynamoDB Local's JVM compiles its hot paths (for
 * longer than the warm-up: the JIT column), which is start-up cost, not throughput.
 * For each endpoint it also prints the DynamoDB round trips per request made by the API handler
 * and, apart, those of the work the requests triggered asynchronously (execution start, task
 * Lambda, execution events, webhooks; counted until the engine is idle), per request
 * (lambdas/shared/round-trips.ts).
 * And the CPU time per request of this process (stack and autocannon) and of DynamoDB Local
 * (bench/cpu.ts), request and triggered work included: a figure a busy machine does not skew;
 * of DynamoDB Local's, the part its JIT compiler spent (fades once its hot paths are compiled);
 * and the req/s those CPU figures allow at most on this machine's cores, were nothing else running.
 * BENCH_PROFILE=<folder> also writes a CPU profile of this process per endpoint there and prints
 * the functions with the most self time (bench/profile.ts).
 * Last, the console's results search on BENCH_RESULTS_RUNS runs (default 100,000; 0 skips it)
 * seeded directly in the table (bench/results-search.ts): p50/p95 per kind of search.
 * BENCH_ONLY=results runs only that last part, with DynamoDB Local in memory (seeding is then
 * minutes; e.g. `BENCH_ONLY=results BENCH_RESULTS_RUNS=10000 npm run bench:api`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { clients } from '../lambdas/shared/aws';
import { awsCallTallies, resetAwsCalls } from '../lambdas/shared/aws-calls';
import { BACKGROUND, resetRoundTrips, roundTripTallies, type Tally } from '../lambdas/shared/round-trips';
import { keys } from '../lambdas/store/table';
import { startStack } from '../local/stack';
import { client, type Client } from '../local/stack/client';
import { cpuNow, cpuSince } from './cpu';
import { profileWhile } from './profile';
import { benchSearch, seedRuns } from './results-search';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 200);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const RESULTS_RUNS = Number(process.env.BENCH_RESULTS_RUNS ?? 100_000);
const ONLY_RESULTS = process.env.BENCH_ONLY === 'results';
const PROFILE_DIR = process.env.BENCH_PROFILE;

const WORKFLOW = {
  name: 'bench', start: 'risk',
  tasks: [
    { id: 'risk', type: 'send_receive', task_def_id: 'risk_score', task_def_version: '1', timeout_seconds: 3600, receive: { score: { format: 'number', required: true } }, next: 'done' },
    { id: 'done', type: 'result', outcome: 'approve', reasons: ['bench'] },
  ],
};

interface Row { name: string; rps: number; p50: number; p99: number; errors: number; requests?: number; api?: number; triggered?: number; cpuNode?: number; cpuDb?: number; cpuDbJit?: number; ops?: string; byFunction?: string }

async function cannon(name: string, opts: autocannon.Options): Promise<Row> {
  const r = await autocannon({ connections: CONNECTIONS, ...opts });
  const errors = r.errors + r.timeouts + r.non2xx;
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors };
}

/** Drives `opts` after a reset of the round-trip tallies; adds the DynamoDB round trips per request of route `label` and of the background. */
async function measured(name: string, label: string, opts: autocannon.Options, idle: () => Promise<void>): Promise<Row> {
  await idle();
  resetRoundTrips();
  resetAwsCalls();
  const stop = await profileWhile(PROFILE_DIR, name);
  const cpu = cpuNow();
  const row = await cannon(name, opts);
  await idle();
  const used = cpuSince(cpu);
  await stop();
  const tallies = roundTripTallies();
  const requests = tallies[label]?.requests ?? 0;
  const per = (n: number | undefined) => (requests ? (n ?? 0) / requests : 0);
  const ops = (t: Tally | undefined) => Object.entries(t?.operations ?? {}).map(([op, n]) => `${op.replace(/Command$/, '')} ${per(n).toFixed(2)}`).join(', ');
  return {
    ...row, requests, api: per(tallies[label]?.dynamodb), triggered: per(tallies[BACKGROUND]?.dynamodb), cpuNode: per(used.node), cpuDb: per(used.children), cpuDbJit: per(used.childrenJit),
    ops: `API: ${ops(tallies[label])}; triggered: ${ops(tallies[BACKGROUND])}`,
    byFunction: Object.entries(awsCallTallies()).filter(([, t]) => t.dynamodb + t.s3Puts + t.s3Gets > 0).sort(([, a], [, b]) => b.dynamodb - a.dynamodb)
      .map(([fn, t]) => `${fn} ${per(t.dynamodb).toFixed(2)} (${Object.entries(t.operations)
        .map(([op, n]) => `${op.replace(/Command$/, '')} ${per(n).toFixed(2)}`).join(', ')})`).join('; '),
  };
}

async function setup(api: Client): Promise<{ workflowId: string; applicantId: string }> {
  const wf = await api.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'bench' });
  const v = await api.call<{ version: number; problems: unknown[] }>('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: WORKFLOW });
  if (v.problems.length) throw new Error(`bench workflow: ${JSON.stringify(v.problems)}`);
  await api.call('POST', `/v3.6/workflows/${wf.id}/versions/${v.version}/activate`);
  const a = await api.call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Bench', last_name: 'Mark' });
  return { workflowId: wf.id, applicantId: a.id };
}

/** N runs, each with its Send/Receive task waiting: the bodies of the complete-task benchmark. */
async function waitingTasks(api: Client, body: string, n: number): Promise<string[]> {
  const runs: string[] = [];
  for (let i = 0; i < n; i++) runs.push((await api.call<{ id: string }>('POST', '/v3.6/workflow_runs', JSON.parse(body))).id);
  const paths: string[] = [];
  for (const id of runs) {
    for (let tries = 0; tries < 200; tries++) {
      const tasks = await api.call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${id}/tasks`);
      if (tasks[0]) { paths.push(`/v3.6/workflow_runs/${id}/tasks/${tasks[0].id}/complete`); break; }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return paths;
}

async function getItemLatency(runId: string, n = 2000): Promise<{ p50: number; p99: number }> {
  const { dynamodb } = clients();
  const Key = { pk: { S: keys.run(runId).pk }, sk: { S: keys.run(runId).sk } };
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await dynamodb.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key }));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n * 0.5)]!, p99: times[Math.floor(n * 0.99)]! };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-api-'));
  // The search part alone runs DynamoDB Local in memory: seeding a disk table is bound by its
  // writes (about 60 items/s at a load average of 27), in memory it takes minutes. No timed
  // lifecycle sweep (purges, retention): its reads run every few seconds whatever the load and would
  // be counted as triggered by the requests.
  const stack = await startStack(ONLY_RESULTS ? { dataDir: dir, inMemory: true, lifecycleIntervalMs: 0 } : { dataDir: dir, lifecycleIntervalMs: 0 });
  try {
    if (!ONLY_RESULTS) await apiBench(stack);
    if (RESULTS_RUNS > 0) {
      const t0 = Date.now();
      const seeded = await seedRuns(RESULTS_RUNS);
      console.log(`\nResults search: ${RESULTS_RUNS} runs seeded in the table in ${((Date.now() - t0) / 1000).toFixed(0)} s (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${cpus().length} cores)`);
      await benchSearch(stack.url, stack.apiToken, seeded);
      console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    }
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function apiBench(stack: Awaited<ReturnType<typeof startStack>>): Promise<void> {
  const api = client(stack.url, stack.apiToken);
  const { workflowId, applicantId } = await setup(api);
  const headers = { authorization: `Token token=${stack.apiToken}`, 'content-type': 'application/json' };
  const createBody = JSON.stringify({ workflow_id: workflowId, applicant_id: applicantId });
  const run = await api.call<{ id: string }>('POST', '/v3.6/workflow_runs', JSON.parse(createBody));
  if (WARMUP_S > 0) {
    const warm = { headers, duration: WARMUP_S / 3 };
    await cannon('warm-up', { ...warm, url: `${stack.url}/v3.6/workflow_runs/${run.id}` });
    await cannon('warm-up', { ...warm, url: `${stack.url}/v3.6/workflow_runs` });
    await cannon('warm-up', { ...warm, url: `${stack.url}/v3.6/workflow_runs`, method: 'POST', body: createBody });
    // One completed run: a run's first end loads the evidence modules and makes the evidence signing key (an RSA key, once per data folder).
    for (const p of await waitingTasks(api, createBody, 1)) await api.call('POST', p, { data: { score: 10 } });
    await stack.flushExecutionEvents();
  }
  const rows: Row[] = [];
  const idle = () => stack.flushExecutionEvents();
  rows.push(await measured('GET /workflow_runs/{id}', 'GET /v3.6/workflow_runs/{id}', { url: `${stack.url}/v3.6/workflow_runs/${run.id}`, headers, duration: DURATION_S }, idle));
  rows.push(await measured('GET /workflow_runs', 'GET /v3.6/workflow_runs', { url: `${stack.url}/v3.6/workflow_runs`, headers, duration: DURATION_S }, idle));
  rows.push(await measured('POST /workflow_runs', 'POST /v3.6/workflow_runs', { url: `${stack.url}/v3.6/workflow_runs`, method: 'POST', headers, body: createBody, duration: DURATION_S }, idle));
  const paths = await waitingTasks(api, createBody, COMPLETIONS);
  let next = 0;
  rows.push(await measured('POST …/tasks/{id}/complete', 'POST /v3.6/workflow_runs/{id}/tasks/{task_id}/complete', {
    url: stack.url, method: 'POST', headers, amount: paths.length,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]!, body: JSON.stringify({ data: { score: 10 } }) }) }],
  }, idle));
  const ddb = await getItemLatency(run.id);
  console.log(`API on the local stack (${CONNECTIONS} connections, ${DURATION_S} s each after ${WARMUP_S} s of warm-up; complete task: ${paths.length} tasks)`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${cpus().length} cores); CPU ms / request: of this process (stack and autocannon) and of DynamoDB Local, request and triggered work included`);
  console.log(`| request | req/s | p50 ms | p99 ms | errors | DynamoDB calls / request (API) | + triggered / request | CPU ms / request: Node | DynamoDB Local (of it JIT) | req/s the CPU allows on ${cpus().length} cores |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  const fixed = (n: number | undefined, d = 2) => (n === undefined ? '' : n.toFixed(d));
  const ceiling = (r: Row) => { const ms = (r.cpuNode ?? 0) + (r.cpuDb ?? 0); return ms > 0 ? (cpus().length * 1000 / ms).toFixed(0) : ''; };
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${fixed(r.api)} | ${fixed(r.triggered)} | ${fixed(r.cpuNode, 1)} | ${fixed(r.cpuDb, 1)} (${fixed(r.cpuDbJit, 1)}) | ${ceiling(r)} |`);
  console.log('\nDynamoDB operations per request:');
  for (const r of rows) console.log(`- ${r.name}: ${r.ops}`);
  console.log('\nDynamoDB calls per request by function (of the API and of the functions its requests triggered; `background`: outside any function, e.g. the state machine\'s own DynamoDB tasks), with every DynamoDB and S3 operation:');
  for (const r of rows) console.log(`- ${r.name}: ${r.byFunction}`);
  console.log(`\nDynamoDB Local GetItem (sequential): p50 ${ddb.p50.toFixed(2)} ms, p99 ${ddb.p99.toFixed(2)} ms`);
  const single = await cannon('GET /workflow_runs/{id} (1 connection)', { url: `${stack.url}/v3.6/workflow_runs/${run.id}`, headers, duration: 3, connections: 1 });
  console.log(`GET run with 1 connection: p50 ${single.p50} ms → ${(single.p50 / ddb.p50).toFixed(1)}× a raw GetItem (p50)`);
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });

/**
 * The console's results search on many runs (part of `npm run bench:api`): BENCH_RESULTS_RUNS
 * (default 100,000) runs, their applicants and their search index items written directly in the
 * table (the same items the API writes: store/run-index.ts, with each run's status) by BatchWriteItem, 25 items a call,
 * BENCH_SEED_CONCURRENCY (default 16) calls at once, made as they are sent; then searches of every kind through
 * the API (`GET /v3.6/studio/results`), one at a time, each kind with varied values; prints p50
 * and p95 per kind and overall (target: p95 < 300 ms).
 */
import { loadavg } from 'node:os';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../lambdas/shared/aws';
import { config } from '../lambdas/shared/config';
import { runIndexItems, reportIndexItems } from '../lambdas/store/run-index';
import { createdKey, keys } from '../lambdas/store/table';

const FIRST = ['Ana', 'Ben', 'Chloé', 'David', 'Élodie', 'Farid', 'Greta', 'Hugo', 'Inès', 'Jonas', 'Karin', 'Liam', 'María', 'Noah', 'Olga', 'Pedro',
  'Quinn', 'Rosa', 'Søren', 'Tara', 'Umar', 'Vera', 'Wen', 'Xavier', 'Yara', 'Zoë'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ber', 'dan', 'gor', 'hal', 'mon', 'stra', 'wel', 'zin'];
const STATUSES = [['approved', 60], ['declined', 15], ['review', 10], ['abandoned', 10], ['awaiting_input', 5]] as const;
const TAGS = ['vip', 'eu', 'us', 'partner', 'retry'];

/** A small deterministic generator (mulberry32), so every bench seeds the same table. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Seeded { emails: string[]; names: Array<[string, string]>; workflows: string[]; start: number; end: number }

function pickStatus(r: number): string {
  let acc = 0;
  for (const [s, w] of STATUSES) { acc += w / 100; if (r < acc) return s; }
  return 'approved';
}

/** Sends one BatchWriteItem of at most 25 puts, again with what DynamoDB left unprocessed. */
async function writeBatch(items: Array<Record<string, unknown>>): Promise<void> {
  const table = config().TABLE_NAME;
  let pending: Array<Record<string, unknown>> = items.map((Item) => ({ PutRequest: { Item } }));
  for (let round = 0; pending.length > 0; round++) {
    if (round === 10) throw new Error(`BatchWriteItem left ${pending.length} request(s) unprocessed`);
    if (round > 0) await new Promise((r) => setTimeout(r, 50 * round));
    const res = await clients().doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (res.UnprocessedItems?.[table] ?? []) as Array<Record<string, unknown>>;
  }
}

/** Writes `n` runs (with applicants and index items) of environment sandbox over the year before `end`. */
export async function seedRuns(n: number, end = Date.parse('2026-06-01T00:00:00Z'), concurrency = Number(process.env.BENCH_SEED_CONCURRENCY ?? 16)): Promise<Seeded> {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const workflows = Array.from({ length: 20 }, (_, i) => `bench-workflow-${i}`);
  const start = end - 365 * 86_400_000;
  const seeded: Seeded = { emails: [], names: [], workflows, start, end };
  const itemsOf = (i: number): Array<Record<string, unknown>> => {
    const first = pick(FIRST);
    const last = `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}`.replace(/^./, (c) => c.toUpperCase());
    const email = `${first}.${last}.${i}@example.com`.toLowerCase();
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const applicantId = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    const created_at = new Date(start + Math.floor(rnd() * (end - start))).toISOString();
    const status = pickStatus(rnd());
    const workflow_id = pick(workflows);
    const tags = rnd() < 0.3 ? [pick(TAGS)] : [];
    const result = rnd() < 0.2 ? 'consider' : 'clear';
    const run = { id, environment: 'sandbox' as const, workflow_id, tags, created_at };
    const sortKey = createdKey(created_at, id);
    if (i % 997 === 0) { seeded.emails.push(email); seeded.names.push([first, last]); }
    return [
      { ...keys.applicant(applicantId), id: applicantId, environment: 'sandbox', first_name: first, last_name: last, email, created_at },
      {
        ...keys.run(id), ...run, applicant_id: applicantId, workflow_version_id: 1, status, customer_user_id: null, link: {}, custom_data: {},
        task_seq: 0, updated_at: created_at, reports: new Set(['document_report', `document_report#${result}`]),
        gsi1pk: keys.runs('sandbox'), gsi1sk: sortKey, gsi2pk: keys.runsOfApplicant(applicantId), gsi2sk: sortKey,
      },
      ...runIndexItems({ ...run, status }, { first_name: first, last_name: last, email }),
      ...reportIndexItems({ ...run, status }, 'document_report', result),
    ];
  };
  // Every run seeded has its full-name keys: the one-off walk that adds them to older runs is done.
  await clients().doc.send(new PutCommand({ TableName: config().TABLE_NAME, Item: { ...keys.resultsNameKeysBackfill('sandbox'), done: true } }));
  // Batches of 25 made as the writers ask for them (the items of 100,000 runs are not all held at once).
  let nextRun = 0;
  let buffer: Array<Record<string, unknown>> = [];
  let written = 0;
  const started = Date.now();
  const nextBatch = (): Array<Record<string, unknown>> | undefined => {
    while (buffer.length < 25 && nextRun < n) buffer.push(...itemsOf(nextRun++));
    if (buffer.length === 0) return undefined;
    const batch = buffer.slice(0, 25);
    buffer = buffer.slice(25);
    return batch;
  };
  let lastReport = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let batch = nextBatch(); batch; batch = nextBatch()) {
      await writeBatch(batch);
      written += batch.length;
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        console.log(`  seeding: ${nextRun} of ${n} runs, ${written} items, ${(written / ((Date.now() - started) / 1000)).toFixed(0)} items/s, load average ${loadavg()[0]!.toFixed(1)}`);
      }
    }
  }));
  return seeded;
}

/** The searches of the bench, by kind; `next` pages are asked for with the first page's `next`. */
export function searches(s: Seeded, rnd = random(7)): Array<[string, () => string]> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const day = () => new Date(s.start + Math.floor(rnd() * 360) * 86_400_000).toISOString().slice(0, 10);
  return [
    ['all, newest first', () => ''],
    ['email', () => `q=${encodeURIComponent(pick(s.emails))}`],
    ['name prefix (2 letters)', () => `q=${encodeURIComponent(pick(s.names)[0].slice(0, 2))}`],
    ['last name prefix (5 letters)', () => `q=${encodeURIComponent(pick(s.names)[1].slice(0, 5))}`],
    ['full name prefix', () => { const [f, l] = pick(s.names); return `q=${encodeURIComponent(`${f} ${l.slice(0, 3)}`)}`; }],
    ['status review', () => 'status=review'],
    ['statuses review + declined, a workflow', () => `status=review,declined&workflow_id=${pick(s.workflows)}`],
    ['report type + result consider', () => 'report_type=document_report&report_result=consider'],
    ['tag + status approved', () => `tags=${pick(TAGS)}&status=approved`],
    ['one week, oldest first', () => { const d = day(); return `from=${d}&to=${new Date(Date.parse(d) + 7 * 86_400_000).toISOString()}&sort=asc`; }],
    ['name prefix + status review', () => `q=${encodeURIComponent(pick(s.names)[0].slice(0, 3))}&status=review`],
  ];
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** Runs every search `times` times (and its second page), prints p50/p95 per kind and overall; returns the overall p95. */
export async function benchSearch(url: string, token: string, s: Seeded, times = 20): Promise<number> {
  const all: number[] = [];
  const rows: string[] = [];
  const get = async (query: string) => {
    const t = performance.now();
    const res = await fetch(`${url}/v3.6/studio/results?${query}`, { headers: { authorization: `Token token=${token}` } });
    const body = (await res.json()) as { results?: unknown[]; next?: string | null };
    if (!res.ok) throw new Error(`results search ${query}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  for (const [name, query] of searches(s)) {
    const times1: number[] = [];
    let found = 0;
    for (let i = 0; i < times; i++) {
      const q = query();
      const first = await get(q);
      times1.push(first.ms);
      found += first.body.results?.length ?? 0;
      if (first.body.next) times1.push((await get(`${q}${q ? '&' : ''}after=${encodeURIComponent(first.body.next)}`)).ms);
    }
    all.push(...times1);
    rows.push(`| ${name} | ${times1.length} | ${(found / times).toFixed(1)} | ${percentile(times1, 0.5).toFixed(1)} | ${percentile(times1, 0.95).toFixed(1)} |`);
  }
  console.log('| search | requests | runs / page | p50 ms | p95 ms |\n|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  const p95 = percentile(all, 0.95);
  console.log(`results search over all kinds: p50 ${percentile(all, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < 300 ms)`);
  return p95;
}

/**
 * Listing runs, always by Query: runs of an applicant on gsi2, runs with given statuses on
 * by_env_status (`<environment>#<status>`, one query per status, merged: store/status-key.ts;
 * by_status until the walk giving older runs that key is done), otherwise every run of the
 * environment on gsi1. Dates bound the sort key (`<created_at>#<id>`); the other filters are
 * filter expressions, the status too (a run ended by a machine compiled before `env_status` is
 * under its last live status's key until the evidence function moves it).
 * The builder's trial runs (runs/trial.ts) are never listed: integrators did not create them.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { RunItem, RunStatus, type Environment } from '../store/runs';
import { statusSources } from '../store/status-key';
import { keys } from '../store/table';

export const PAGE_SIZE = 20;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO 8601 date or date-time' })
  .transform((s) => new Date(s).toISOString());
const commaList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Deepest page: each page reads every run before it (DynamoDB has no offset); older runs are reached with `created_at_lt`. */
export const MAX_PAGE = 10_000;

export const ListRunsQuery = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE, `at most ${MAX_PAGE}: filter with created_at_lt to reach older runs`).default(1),
  status: commaList.pipe(z.array(RunStatus)).transform((s) => [...new Set(s)]).optional(),
  created_at_gt: isoDate.optional(),
  created_at_lt: isoDate.optional(),
  sort: z.enum(['asc', 'desc']).default('desc'),
  applicant_id: z.string().min(1).max(100).optional(),
  /** Onfido's limit: a run has at most 30 tags, so a filter of more can match nothing (and would not fit a query). */
  tags: commaList.pipe(z.array(z.string().max(128)).max(30, 'at most 30 tags')).optional(),
});
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

interface Source { index: string; pk: string; value: string; sk: string }

async function sources(q: ListRunsQuery, env: Environment): Promise<Source[]> {
  if (q.applicant_id) return [{ index: 'gsi2', pk: 'gsi2pk', value: keys.runsOfApplicant(q.applicant_id), sk: 'gsi2sk' }];
  if (q.status?.length) return (await statusSources(env, q.status)).map((s) => ({ ...s, sk: 'gsi1sk' }));
  return [{ index: 'gsi1', pk: 'gsi1pk', value: keys.runs(env), sk: 'gsi1sk' }];
}

/** Most items a Query after the first asks for while filters drop items (tags), unless the page still needs more. */
const MAX_LIMIT = 1000;

/**
 * Up to `need` runs of one source, in the requested order. Each Query asks for no more than it
 * still needs (`Limit`: without one a Query reads up to 1 MB, every run of the environment, to give
 * a page of 20); when filters drop items, each further Query asks for twice as many as the last.
 */
async function querySource(src: Source, q: ListRunsQuery, env: Environment, need: number): Promise<Array<{ key: string; run: RunItem }>> {
  const names: Record<string, string> = { '#pk': src.pk, '#env': 'environment', '#itemsk': 'sk' };
  const values: Record<string, unknown> = { ':pk': src.value, ':env': env, ':run': 'RUN' };
  const keyCond = ['#pk = :pk'];
  if (q.created_at_gt || q.created_at_lt) names['#sk'] = src.sk;
  // Sort keys are `<ISO time>#<id>`: after X means past every key of time X; before X, below it.
  if (q.created_at_gt && q.created_at_lt) { keyCond.push('#sk BETWEEN :gt AND :lt'); values[':gt'] = `${q.created_at_gt}#\uffff`; values[':lt'] = q.created_at_lt; }
  else if (q.created_at_gt) { keyCond.push('#sk > :gt'); values[':gt'] = `${q.created_at_gt}#\uffff`; }
  else if (q.created_at_lt) { keyCond.push('#sk < :lt'); values[':lt'] = q.created_at_lt; }
  names['#trial'] = 'trial';
  const filters = ['#env = :env', '#itemsk = :run', 'attribute_not_exists(#trial)'];
  // A status key names the status, but not always the run's status now (see above); by_status's own key is that status.
  if (q.status?.length && src.pk !== 'status') {
    names['#status'] = 'status';
    filters.push(`#status IN (${q.status.map((s, i) => { values[`:s${i}`] = s; return `:s${i}`; }).join(', ')})`);
  }
  (q.tags ?? []).forEach((t, i) => { names['#tags'] = 'tags'; values[`:t${i}`] = t; filters.push(`contains(#tags, :t${i})`); });
  const found: Array<{ key: string; run: RunItem }> = [];
  let start: Record<string, unknown> | undefined;
  let limit = need;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: src.index, ScanIndexForward: q.sort === 'asc', ExclusiveStartKey: start, Limit: limit,
      KeyConditionExpression: keyCond.join(' AND '), FilterExpression: filters.join(' AND '),
      ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    }));
    for (const item of res.Items ?? []) found.push({ key: String(item[src.sk]), run: RunItem.parse(item) });
    start = res.LastEvaluatedKey;
    limit = Math.max(need - found.length, Math.min(2 * limit, MAX_LIMIT));
  } while (start && found.length < need);
  return found;
}

/** One page of runs (PAGE_SIZE), newest first unless `sort=asc`. */
export async function listRuns(q: ListRunsQuery, env: Environment): Promise<RunItem[]> {
  if (q.created_at_gt && q.created_at_lt && q.created_at_gt >= q.created_at_lt) return [];
  const need = q.page * PAGE_SIZE;
  const all = (await Promise.all((await sources(q, env)).map((s) => querySource(s, q, env, need)))).flat();
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  all.sort((a, b) => (q.sort === 'asc' ? cmp(a.key, b.key) : cmp(b.key, a.key)));
  return all.slice(need - PAGE_SIZE, need).map((x) => x.run);
}

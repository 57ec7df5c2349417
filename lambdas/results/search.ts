/**
 * Searching runs, always by Query on one key chosen for the most selective part of the search
 * (never a Scan): a run id is a GetItem (with the runs of an applicant of that id on gsi2); an
 * email, a name prefix (the key of its first word and 3 letters of the second: `zoe ang`
 * for `Zoë Ångstr`, filtered on the names beyond), a report type (+ result), a tag or a workflow read their index key
 * (store/run-index.ts), at least 100 a Query, and then their runs in BatchGets sized by what the
 * page still misses (stopping once it is full, so a page reads about the runs it needs); statuses
 * alone read the environment's `by_env_status` (one query per status, merged; `by_status` until
 * the walk giving older runs that key is done: store/status-key.ts); only a search with no filter
 * reads the environment's runs on gsi1.
 * Index items carry their run's status (`live` until it ended), workflow and trial marker
 * (store/index-status.ts), so status, workflow and trial filters are a FilterExpression on the
 * index items: a rare status with a name prefix reads the index items past it, not their runs.
 * Every key sorts by `<created_at>#<id>`, so dates and paging (`after`) bound the sort key and
 * the order is the runs' date order; every filter is checked again on the runs read.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { getMany } from '../store/paging';
import { indexStatus, LIVE, NAME_KEY_WORDS, nameKey, normalizeName, reportTerms, resultsKey } from '../store/run-index';
import { getRun, RunItem, type Environment } from '../store/runs';
import { statusSources, type StatusSource } from '../store/status-key';
import { createdKey, keys } from '../store/table';
import { nameKeysReady } from './index-backfill';
import { searchTerm, type ResultsQuery, type SearchTerm } from './query';

interface Filter { expression: string; names: Record<string, string>; values: Record<string, unknown> }
interface Source {
  index: string; pk: string; value: string;
  /** Index items name a run (`run_id`); run items are the runs. */
  items: 'index' | 'runs';
  filter?: Filter;
}
interface Found { key: string; run: RunItem }

/** Index items a search's first Query reads at least. */
const INDEX_PAGE = 100;

const gsi1 = (value: string, items: Source['items'] = 'index'): Source => ({ index: 'gsi1', pk: 'gsi1pk', value, items });

/** A name prefix reads its key (store/run-index.ts nameKey), with a filter on the names when it is longer. */
function namePrefixSource(env: Environment, text: string, words: number): Source {
  const name = normalizeName(text);
  const key = nameKey(name, words);
  const src = gsi1(resultsKey(env, `NAME#${key}`));
  if (name === key) return src;
  return {
    ...src,
    filter: {
      expression: 'begins_with(#f, :n) OR begins_with(#l, :n) OR begins_with(#full, :n)',
      names: { '#f': 'n_first', '#l': 'n_last', '#full': 'n_full' }, values: { ':n': name },
    },
  };
}

/** The keys to read, most selective first; several only for several statuses (merged: `byStatus`, store/status-key.ts statusSources). */
export function sources(q: ResultsQuery, term: SearchTerm, env: Environment, nameWords = NAME_KEY_WORDS, byStatus: readonly StatusSource[] = []): Source[] {
  if (term.kind === 'id') return [{ index: 'gsi2', pk: 'gsi2pk', value: keys.runsOfApplicant(term.value), items: 'runs' }];
  if (term.kind === 'email') return [gsi1(resultsKey(env, `EMAIL#${term.value}`))];
  if (term.kind === 'name') return [namePrefixSource(env, term.value, nameWords)];
  if (q.report_type) {
    const [byType, byResult] = reportTerms(q.report_type, q.report_result ?? '');
    return [gsi1(resultsKey(env, (q.report_result ? byResult : byType) ?? ''))];
  }
  if (q.tags?.[0]) return [gsi1(resultsKey(env, `TAG#${q.tags[0]}`))];
  if (q.workflow_id) return [gsi1(resultsKey(env, `WORKFLOW#${q.workflow_id}`))];
  if (q.status?.length) return byStatus.map((s) => ({ ...s, items: 'runs' }));
  return [gsi1(keys.runs(env), 'runs')];
}

/**
 * The search's status, workflow and trial filters on index items. An item's `live` may belong to
 * a run that has just ended (its end is copied on the items after the state machine wrote it),
 * so `live` items are read for any status; items without `run_status` (written before it
 * existed, until the lifecycle sweep's backfill) pass.
 */
export function indexFilter(q: ResultsQuery): Filter | undefined {
  const conds: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  if (q.status?.length) {
    const statuses = [...new Set([LIVE, ...q.status.map(indexStatus)])];
    names['#rs'] = 'run_status';
    conds.push(`#rs IN (${statuses.map((st, i) => { values[`:rs${i}`] = st; return `:rs${i}`; }).join(', ')})`);
  }
  if (q.workflow_id) { names['#wf'] = 'workflow_id'; values[':wf'] = q.workflow_id; conds.push('#wf = :wf'); }
  if (q.trials !== 'include') {
    names['#trial'] = 'trial';
    if (q.trials === 'only') { values[':trial'] = true; conds.push('#trial = :trial'); } else conds.push('attribute_not_exists(#trial)');
  }
  if (conds.length === 0) return undefined;
  names['#rs'] = 'run_status';
  // AND binds before OR (DynamoDB refuses redundant parentheses).
  return { expression: `attribute_not_exists(#rs) OR ${conds.join(' AND ')}`, names, values };
}

const both = (a: Filter | undefined, b: Filter | undefined): Filter | undefined => (!a || !b ? a ?? b : {
  expression: `(${a.expression}) AND (${b.expression})`, names: { ...a.names, ...b.names }, values: { ...a.values, ...b.values },
});

/** Whether a run read from a source meets every filter (the source's own key included: cheap, and safe). */
export function matches(run: RunItem, q: ResultsQuery, env: Environment): boolean {
  if (run.environment !== env) return false;
  if (q.trials === 'exclude' ? run.trial === true : q.trials === 'only' && run.trial !== true) return false;
  if (q.status?.length && !q.status.includes(run.status)) return false;
  if (q.workflow_id && run.workflow_id !== q.workflow_id) return false;
  if (q.tags?.some((t) => !run.tags.includes(t))) return false;
  if (q.report_type && !(run.reports ?? []).includes(q.report_result ? `${q.report_type}#${q.report_result}` : q.report_type)) return false;
  if (q.from && run.created_at < q.from) return false;
  if (q.to && run.created_at >= q.to) return false;
  return true;
}

/** The sort-key window: `lo` inclusive, `hi` exclusive (dates, and the previous page's last key). */
function window(q: ResultsQuery): { lo?: string; hi?: string } {
  const after = q.after;
  const lo = [q.from, q.sort === 'asc' && after ? `${after}\u0000` : undefined].filter((x): x is string => !!x).sort().pop();
  const hi = [q.to, q.sort === 'desc' ? after : undefined].filter((x): x is string => !!x).sort()[0];
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

/**
 * Reads the runs named by index items in the index's order, in BatchGets sized by what is still
 * missing and by how many of the runs read so far matched (`read` before, `matched()` now), and
 * stops once nothing is missing: a page needs few runs, so the index items past it are not read.
 * Returns how many runs it read.
 */
async function readRuns(ids: string[], missing: () => number, readBefore: number, matched: () => number, keep: (item: Record<string, unknown>) => void): Promise<number> {
  let read = 0;
  for (let i = 0; i < ids.length && missing() > 0;) {
    const seen = readBefore + read;
    const share = seen > 0 ? Math.max(matched() / seen, 0.05) : 1;
    const n = Math.min(100, Math.max(missing(), Math.ceil(missing() / share)));
    const chunk = ids.slice(i, i + n);
    (await getMany(chunk.map((id) => keys.run(id)))).forEach(keep);
    i += chunk.length;
    read += chunk.length;
  }
  return read;
}

/** Up to `need` matching runs of one source, in the requested order. */
async function readSource(src: Source, q: ResultsQuery, env: Environment, need: number): Promise<Found[]> {
  const sk = src.index === 'gsi2' ? 'gsi2sk' : 'gsi1sk';
  const names: Record<string, string> = { '#pk': src.pk, ...src.filter?.names };
  const values: Record<string, unknown> = { ':pk': src.value, ...src.filter?.values };
  const { lo, hi } = window(q);
  const cond = ['#pk = :pk'];
  if (lo || hi) names['#sk'] = sk;
  if (lo && hi) { cond.push('#sk BETWEEN :lo AND :hi'); values[':lo'] = lo; values[':hi'] = hi; }
  else if (lo) { cond.push('#sk >= :lo'); values[':lo'] = lo; }
  else if (hi) { cond.push('#sk < :hi'); values[':hi'] = hi; }
  const found: Found[] = [];
  let read = 0;
  let start: Record<string, unknown> | undefined;
  // Index items are small, and their runs are read only as the page needs them (readRuns): a
  // bigger first Query saves round trips when filters are checked on the runs or the index item.
  let limit = src.items === 'index' ? Math.max(need + 1, INDEX_PAGE) : need + 1;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: src.index, ScanIndexForward: q.sort === 'asc', ExclusiveStartKey: start, Limit: limit,
      KeyConditionExpression: cond.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values,
      ...(src.filter ? { FilterExpression: src.filter.expression } : {}),
    }));
    const items = (res.Items ?? []).filter((i) => i[sk] !== hi && (src.items === 'index' || i.sk === 'RUN'));
    const keep = (item: Record<string, unknown>) => {
      const run = RunItem.parse(item);
      if (matches(run, q, env)) found.push({ key: createdKey(run.created_at, run.id), run });
    };
    if (src.items === 'runs') items.forEach(keep);
    else read += await readRuns(items.map((i) => String(i.run_id)), () => need - found.length, read, () => found.length, keep);
    if (found.length >= need) break;
    start = res.LastEvaluatedKey;
    limit = Math.min(limit * 2, 400);
  } while (start && found.length < need);
  return found.slice(0, need);
}

export interface SearchPage { runs: RunItem[]; next: string | null }

/** One page of runs matching the search, newest first unless `sort=asc`. */
export async function searchRuns(q: ResultsQuery, env: Environment): Promise<SearchPage> {
  const term = searchTerm(q.q);
  const need = q.limit + 1;
  const onIndex = indexFilter(q);
  // Runs indexed before full names had keys have them once the backfill is done: until then a
  // name of several words reads its first word's key.
  const words = term.kind === 'name' && normalizeName(term.value).includes(' ') && !(await nameKeysReady(env)) ? 1 : NAME_KEY_WORDS;
  const byStatus = q.status?.length ? await statusSources(env, q.status) : [];
  const reads = sources(q, term, env, words, byStatus).map((s) => readSource(s.items === 'index' ? { ...s, filter: both(s.filter, onIndex) } : s, q, env, need));
  if (term.kind === 'id') {
    reads.push(getRun(term.value).then((run) => {
      const { lo, hi } = window(q);
      const key = run ? createdKey(run.created_at, run.id) : '';
      return run && matches(run, q, env) && (!lo || key >= lo) && (!hi || key < hi) ? [{ key, run }] : [];
    }));
  }
  const all = (await Promise.all(reads)).flat();
  const unique = [...new Map(all.map((f) => [f.run.id, f])).values()];
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  unique.sort((a, b) => (q.sort === 'asc' ? cmp(a.key, b.key) : cmp(b.key, a.key)));
  const page = unique.slice(0, q.limit);
  return { runs: page.map((f) => f.run), next: unique.length > q.limit ? page[page.length - 1]?.key ?? null : null };
}

/**
 * Search index of workflow runs (the console's results): small items, one per search term of a
 * run, in the run's own index partition `RUNINDEX#<run id>` and in gsi1 under
 * `RESULTS#<env>#<term>` sorted like the runs (`<created_at>#<id>`), so each search is a Query
 * on one key in date order, paged and bounded by dates on the sort key. Terms:
 *  - `EMAIL#<email, lower case>`;
 *  - `NAME#<k>` for the name key (nameKey) of every prefix of the first, the last and the full
 *    name (normalized: lower case, accents removed): its first word and up to 3 letters of the
 *    second, so `a`, `an`, `ang` of the last name `Ångström` and `zoe a`, `zoe an`, `zoe ang` of
 *    `Zoë Ångström` (9 keys a run when the last name is one word, whatever the first name, at
 *    most 12; 6 before the full name's were added). The item keeps the three normalized
 *    names so a longer prefix reads its key with a `begins_with` filter: a full-name prefix
 *    reads the items of that first name and last-name start, not every name of 3 letters;
 *  - `WORKFLOW#<id>`, `TAG#<tag>`;
 *  - `REPORT#<type>` and `REPORT#<type>#<result>`, written when a report is stored.
 * Every item also carries what the search filters on: the run's `run_status` (`live` until it
 * ends), `workflow_id` and `trial` (store/index-status.ts keeps the status true).
 * Written with the run in one transaction (store/runs.ts); name and email terms again when the
 * applicant changes (results/reindex.ts).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { RUN_END_STATUSES } from '../../compiler';
import { createdKey } from './table';

export const NAME_KEY_LENGTH = 3;
/** Words of a name keyed: a longer prefix reads the key of its first NAME_KEY_WORDS words. */
export const NAME_KEY_WORDS = 2;

/** Lower case, accents removed, spaces collapsed: what names are compared as. */
export const normalizeName = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export interface IndexedRun {
  id: string; environment: string; workflow_id: string; tags: readonly string[]; created_at: string;
  /** The run's status (a new run's: absent, `live`). */
  status?: string; trial?: boolean | undefined;
}
export interface IndexedApplicant { first_name?: string | undefined; last_name?: string | undefined; email?: string | undefined }
export type IndexItem = Record<string, unknown> & { pk: string; sk: string; gsi1pk: string; gsi1sk: string; run_id: string };

export const indexKey = (runId: string) => `RUNINDEX#${runId}`;
export const resultsKey = (env: string, term: string) => `RESULTS#${env}#${term}`;

/** An index item's `run_status`: the run's end status once it has ended, `live` before. */
export const LIVE = 'live';
export const indexStatus = (status: string | undefined) => (status && (RUN_END_STATUSES as readonly string[]).includes(status) ? status : LIVE);

export interface NameFields { n_first: string; n_last: string; n_full: string }
export function nameFields(a: IndexedApplicant): NameFields {
  const first = normalizeName(a.first_name ?? '');
  const last = normalizeName(a.last_name ?? '');
  return { n_first: first, n_last: last, n_full: normalizeName(`${first} ${last}`) };
}

/**
 * The index key of a normalized name prefix: its words up to the NAME_KEY_WORDS-th and at most
 * NAME_KEY_LENGTH letters of the last of them (`zoe ang` for `zoe angstr`, `ang` for `angstr`,
 * `mary ann` for `mary ann smi`).
 * `words` lower keys only a prefix's first words (the keys written before full names had theirs).
 */
export function nameKey(prefix: string, words = NAME_KEY_WORDS): string {
  let start = 0;
  for (let w = 1; w < words; w++) {
    const space = prefix.indexOf(' ', start);
    if (space < 0) break;
    start = space + 1;
  }
  return prefix.slice(0, start + NAME_KEY_LENGTH);
}

/** The keys of every prefix of a normalized name (at most NAME_KEY_LENGTH × NAME_KEY_WORDS). */
function nameKeys(name: string): string[] {
  const out = new Set<string>();
  for (let n = 1; n <= name.length; n++) {
    const prefix = name.slice(0, n).trimEnd();
    if (prefix) out.add(nameKey(prefix));
  }
  return [...out];
}

/** The terms of the applicant's name and email (the part that changes with the applicant). */
export function applicantTerms(a: IndexedApplicant): string[] {
  const { n_first, n_last, n_full } = nameFields(a);
  // The first name's keys are the full name's too (it begins the full name).
  const prefixes = new Set([n_first, n_last, n_full].flatMap(nameKeys));
  return [...(a.email ? [`EMAIL#${a.email.toLowerCase()}`] : []), ...[...prefixes].map((p) => `NAME#${p}`)];
}

type RunOfItem = Omit<IndexedRun, 'tags'>;
const item = (run: RunOfItem, term: string, extra: Record<string, unknown> = {}): IndexItem => ({
  pk: indexKey(run.id), sk: term, gsi1pk: resultsKey(run.environment, term), gsi1sk: createdKey(run.created_at, run.id), run_id: run.id,
  run_status: indexStatus(run.status), workflow_id: run.workflow_id, ...(run.trial ? { trial: true } : {}), ...extra,
});

/** The name and email items of the applicant's current terms. */
export function applicantIndexItems(run: RunOfItem, applicant: IndexedApplicant): IndexItem[] {
  const names = nameFields(applicant);
  return applicantTerms(applicant).map((t) => item(run, t, t.startsWith('NAME#') ? { ...names } : {}));
}

/** The index items of a new run (every term but the reports'). */
export function runIndexItems(run: IndexedRun, applicant: IndexedApplicant): IndexItem[] {
  return [
    ...applicantIndexItems(run, applicant),
    item(run, `WORKFLOW#${run.workflow_id}`),
    ...[...new Set(run.tags)].map((t) => item(run, `TAG#${t}`)),
  ];
}

export const reportTerms = (type: string, result: string) => [`REPORT#${type}`, `REPORT#${type}#${result}`];
export const reportIndexItems = (run: RunOfItem, type: string, result: string) =>
  reportTerms(type, result).map((t) => item(run, t));

/** Writes items (any number) in batches of 25, again for what DynamoDB leaves unprocessed. */
export async function writeItems(puts: ReadonlyArray<Record<string, unknown>>, deletes: ReadonlyArray<{ pk: string; sk: string }> = []): Promise<void> {
  const table = config().TABLE_NAME;
  const requests: Array<Record<string, unknown>> = [
    ...deletes.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })), ...puts.map((i) => ({ PutRequest: { Item: i } })),
  ];
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let round = 0; pending.length > 0; round++) {
      if (round === 8) throw new Error(`BatchWriteItem left ${pending.length} request(s) unprocessed`);
      const res = await clients().doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (res.UnprocessedItems?.[table] ?? []) as Array<Record<string, unknown>>;
    }
  }
}

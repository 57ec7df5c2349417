/**
 * Applicants, one item each (`keys.applicant`), visible only in the environment (sandbox or
 * live) whose token created them. gsi1 holds every applicant of an environment, gsi2 only
 * those not scheduled for deletion (sparse), so that both lists page and count without filters
 * but one: the sample applicants of the builder's trial runs (`trial`) are not listed.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { notFound, validationError } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { pageOfIndex, type Page } from './paging';
import { createdKey, keys } from './table';

export type Environment = 'sandbox' | 'live';

export interface Address {
  flat_number?: string; building_number?: string; building_name?: string; street?: string; sub_street?: string;
  town?: string; postcode: string; country: string; state?: string; line1?: string | null; line2?: string | null; line3?: string | null;
}
export interface ApplicantData {
  first_name?: string; last_name?: string; email?: string; dob?: string; address?: Address;
  id_numbers?: Array<{ type?: string; value?: string; state_code?: string }>;
  phone_number?: string; location?: { ip_address?: string; country_of_residence?: string };
  consents?: Array<{ name: string; granted: boolean }>;
  /** Extension: while true, no purge (deletion or retention) touches the applicant (lambdas/lifecycle/). */
  legal_hold?: boolean;
}
export interface ApplicantRecord extends Omit<ApplicantData, 'consents'> {
  id: string; environment: Environment; created_at: string; delete_at?: string;
  /** Extension: a sample applicant made for a builder's trial run (runs/trial.ts), left out of the applicants list. */
  trial?: true;
  consents?: Array<{ name: string; granted: boolean; granted_at: string | null }>;
}

const table = () => config().TABLE_NAME;
const db = () => clients().doc;
const DATA_FIELDS = ['first_name', 'last_name', 'email', 'dob', 'address', 'id_numbers', 'phone_number', 'location', 'consents', 'legal_hold'] as const;

export async function createApplicant(environment: Environment, data: ApplicantData, rt: Runtime = systemRuntime, opts: { trial?: true } = {}): Promise<ApplicantRecord> {
  const id = rt.newId();
  const created_at = isoSeconds(rt.now());
  const record: ApplicantRecord = { ...data, consents: withGrantTime(data.consents, created_at), id, environment, created_at, ...opts };
  const sortKey = createdKey(created_at, id);
  await db().send(new PutCommand({
    TableName: table(),
    Item: { ...keys.applicant(id), gsi1pk: keys.applicants(environment), gsi1sk: sortKey, gsi2pk: keys.activeApplicants(environment), gsi2sk: sortKey, ...record },
    ConditionExpression: 'attribute_not_exists(pk)',
  }));
  return record;
}

/** The applicant, or 404 when it does not exist or belongs to the other environment. */
export async function getApplicant(id: string, environment: Environment): Promise<ApplicantRecord> {
  const out = await db().send(new GetCommand({ TableName: table(), Key: keys.applicant(id) }));
  return applicantOf(out.Item, id, environment);
}

/** A stored applicant item (e.g. from a batch read) as a record; 404 when absent or of the other environment. */
export function applicantOf(item: Record<string, unknown> | undefined, id: string, environment: Environment): ApplicantRecord {
  if (!item || item.environment !== environment) throw notFound('Applicant', id);
  return toRecord(item);
}

/** Replaces the fields given, leaves the others as they are. While deletion is scheduled only `legal_hold` may change. */
export async function updateApplicant(id: string, environment: Environment, data: ApplicantData, rt: Runtime = systemRuntime): Promise<ApplicantRecord> {
  const current = await getApplicant(id, environment);
  const changes: Record<string, unknown> = { ...data, ...(data.consents ? { consents: withGrantTime(data.consents, isoSeconds(rt.now())) } : {}) };
  const names = DATA_FIELDS.filter((f) => changes[f] !== undefined);
  const holdOnly = names.every((n) => n === 'legal_hold');
  if (current.delete_at && !holdOnly) throw validationError(`Applicant ${id} is scheduled for deletion; restore it before updating it`);
  if (names.length === 0) return current;
  const out = await db().send(new UpdateCommand({
    TableName: table(), Key: keys.applicant(id), ReturnValues: 'ALL_NEW',
    UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
    ConditionExpression: holdOnly ? 'attribute_exists(pk) AND attribute_not_exists(purging_since)' : 'attribute_exists(pk) AND attribute_not_exists(delete_at)',
    ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
    ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:${n}`, changes[n]])),
  })).catch((e: unknown) => {
    // Deleted between the read and the write, or its purge has started (no hold is taken from then on).
    if (e instanceof ConditionalCheckFailedException && holdOnly && current.delete_at) throw validationError(`Applicant ${id} is being purged; a legal hold can no longer stop it`);
    if (e instanceof ConditionalCheckFailedException && holdOnly) throw notFound('Applicant', id);
    if (e instanceof ConditionalCheckFailedException) throw validationError(`Applicant ${id} is scheduled for deletion; restore it before updating it`);
    throw e;
  });
  return toRecord(out.Attributes ?? {});
}

/** Grants (or withdraws) consents given by the end user at `rt.now()`; the applicant's other consents keep their time. */
export async function recordConsents(id: string, environment: Environment, consents: NonNullable<ApplicantData['consents']>, rt: Runtime = systemRuntime): Promise<void> {
  const current = await getApplicant(id, environment);
  const given = new Set(consents.map((c) => c.name));
  const merged = [...(current.consents ?? []).filter((c) => !given.has(c.name)), ...withGrantTime(consents, isoSeconds(rt.now()))!];
  await db().send(new UpdateCommand({
    TableName: table(), Key: keys.applicant(id), UpdateExpression: 'SET consents = :c', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':c': merged },
  }));
}

/** Newest first, Onfido's order. */
export async function listApplicants(environment: Environment, opts: { page: number; perPage: number; includeDeleted: boolean }): Promise<Page<ApplicantRecord>> {
  const index = opts.includeDeleted ? { name: 'gsi1', pk: 'gsi1pk', value: keys.applicants(environment) } : { name: 'gsi2', pk: 'gsi2pk', value: keys.activeApplicants(environment) };
  const page = await pageOfIndex({ ...index, without: 'trial' }, { offset: (opts.page - 1) * opts.perPage, limit: opts.perPage, newestFirst: true });
  return { total: page.total, items: page.items.map(toRecord) };
}

function withGrantTime(consents: ApplicantData['consents'], at: string): ApplicantRecord['consents'] {
  return consents?.map((c) => ({ name: c.name, granted: c.granted, granted_at: c.granted ? at : null }));
}

function toRecord(item: Record<string, unknown>): ApplicantRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, purging_since: _e, ...rest } = item;
  return rest as unknown as ApplicantRecord;
}

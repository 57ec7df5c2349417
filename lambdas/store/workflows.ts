/**
 * Workflows and their versions. The workflow item is the single place that says which version
 * is active and which are archived, so that one conditional write decides each change; a
 * version item is immutable except for the state machine version it was published as (which an
 * upgrade of the compiler replaces by the same definition compiled anew: workflows/recompile.ts).
 * A version's status is derived: active (the workflow says so), archived, else inactive/invalid.
 *
 * Every workflow and each of its versions belongs to one environment (sandbox or live, that of
 * the token that created it), as applicants do: every read takes the caller's environment and
 * finds nothing in the other one; lists are per environment (gsi1 `WORKFLOWS#<env>`). Ids are
 * unique across both environments (one key space, conditional puts), so are machine names.
 * Items written before workflows had an environment have none: they belong to live (listed
 * from the old gsi1 partition too), never to sandbox.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Problem, Workflow } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { Environment } from './runs';
import { keys } from './table';

/** A stored environment; absent on items older than environments, which belong to live. */
const Owner = Environment.default('live');

export const WorkflowItem = z.object({
  id: z.string(), environment: Owner, name: z.string(), description: z.string(), created_at: z.string(), updated_at: z.string(),
  /** Highest version number saved so far (0: none). */
  versions: z.number().int(),
  active_version: z.number().int().optional(),
  activated_at: z.string().optional(),
  /** When an upgrade last moved the active version to a recompiled state machine version (workflows/upgrade.ts). */
  recompiled_at: z.string().optional(),
  state_machine_arn: z.string().optional(),
  alias_arn: z.string().optional(),
  /** Archived version numbers (as strings) → when. */
  archived: z.record(z.string(), z.string()),
  /** A lease held while a version is being activated (see lambdas/workflows/activate.ts). */
  activation: z.object({ token: z.string(), version: z.number().int(), expires_at: z.string() }).optional(),
});
export type WorkflowItem = z.infer<typeof WorkflowItem>;

export const VersionItem = z.object({
  workflow_id: z.string(), environment: Owner, version: z.number().int(), valid: z.boolean(), notes: z.string(), created_at: z.string(),
  /** Who saved it: a console user's email, or "API token"; absent on versions saved before it was recorded (and seeded templates). */
  created_by: z.string().optional(),
  problems_json: z.string(),
  /** Absent when a query left it out (lists). */
  definition_json: z.string().optional(),
  state_machine_version_arn: z.string().optional(),
  published_at: z.string().optional(),
  /** When the state machine version was last replaced by the definition compiled anew (workflows/recompile.ts). */
  recompiled_at: z.string().optional(),
});
export type VersionItem = z.infer<typeof VersionItem>;

export const VERSION_STATUSES = ['active', 'inactive', 'invalid', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export function versionStatus(workflow: WorkflowItem, version: VersionItem): VersionStatus {
  if (workflow.active_version === version.version) return 'active';
  if (workflow.archived[String(version.version)] !== undefined) return 'archived';
  return version.valid ? 'inactive' : 'invalid';
}

const table = () => config().TABLE_NAME;
const doc = () => clients().doc;

/** The workflow, or undefined when there is none in this environment. */
export async function getWorkflowItem(id: string, environment: Environment): Promise<WorkflowItem | undefined> {
  const res = await doc().send(new GetCommand({ TableName: table(), Key: keys.workflow(id), ConsistentRead: true }));
  return workflowOf(res.Item, environment);
}

/** A stored workflow item (e.g. from a batch read) parsed, or undefined when absent or of the other environment. */
export function workflowOf(raw: Record<string, unknown> | undefined, environment: Environment): WorkflowItem | undefined {
  const item = raw ? WorkflowItem.parse(raw) : undefined;
  return item?.environment === environment ? item : undefined;
}

/** The version, or undefined when there is none in this environment. */
export async function getVersionItem(workflowId: string, version: number, environment: Environment): Promise<VersionItem | undefined> {
  const res = await doc().send(new GetCommand({ TableName: table(), Key: keys.version(workflowId, version), ConsistentRead: true }));
  return versionOf(res.Item, environment);
}

/** A stored version item (e.g. from a batch read) parsed, or undefined when absent or of the other environment. */
export function versionOf(raw: Record<string, unknown> | undefined, environment: Environment): VersionItem | undefined {
  const item = raw ? VersionItem.parse(raw) : undefined;
  return item?.environment === environment ? item : undefined;
}

/** Every version of a workflow of this environment, oldest first, without definitions. */
export async function listVersionItems(workflowId: string, environment: Environment): Promise<VersionItem[]> {
  const items: VersionItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await doc().send(new QueryCommand({
      TableName: table(), ConsistentRead: true, ExclusiveStartKey: start,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.workflow(workflowId).pk, ':prefix': keys.versionPrefix },
      ProjectionExpression: 'workflow_id, #env, version, #valid, notes, created_at, created_by, problems_json, state_machine_version_arn, published_at',
      ExpressionAttributeNames: { '#valid': 'valid', '#env': 'environment' },
    }));
    items.push(...(res.Items ?? []).map((i) => VersionItem.parse(i)).filter((v) => v.environment === environment));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The workflows of an environment, newest first (gsi1; live also reads the partition of items older than environments). */
export async function listWorkflowItems(environment: Environment): Promise<WorkflowItem[]> {
  const partitions = environment === 'live' ? [keys.workflows(environment), keys.legacyWorkflows] : [keys.workflows(environment)];
  const items: Array<Record<string, unknown>> = [];
  for (const partition of partitions) {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await doc().send(new QueryCommand({
        TableName: table(), IndexName: 'gsi1', ScanIndexForward: false, ExclusiveStartKey: start,
        KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition },
      }));
      items.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
  }
  const order = (i: Record<string, unknown>) => String(i.gsi1sk);
  if (partitions.length > 1) items.sort((a, b) => order(b).localeCompare(order(a)));
  return items.map((i) => WorkflowItem.parse(i)).filter((w) => w.environment === environment);
}

export interface WorkflowVersion {
  workflow_id: string; version: number; status: VersionStatus; notes: string; created_at: string;
  definition: unknown; problems: Problem[]; state_machine_version_arn: string | null;
}

/** One version with its definition and derived status; undefined when the workflow or version does not exist in this environment. */
export async function getVersion(workflowId: string, version: number, environment: Environment): Promise<WorkflowVersion | undefined> {
  const [workflow, item] = await Promise.all([getWorkflowItem(workflowId, environment), getVersionItem(workflowId, version, environment)]);
  if (!workflow || !item) return undefined;
  return {
    workflow_id: workflowId, version, status: versionStatus(workflow, item), notes: item.notes, created_at: item.created_at,
    definition: JSON.parse(item.definition_json ?? 'null'), problems: JSON.parse(item.problems_json) as Problem[],
    state_machine_version_arn: item.state_machine_version_arn ?? null,
  };
}

export interface LiveVersion { version: number; state_machine_version_arn: string; alias_arn: string; definition: Workflow }

/** What new runs of a workflow of this environment start: its active version, published; undefined when none is active. */
export async function getLiveVersion(workflowId: string, environment: Environment): Promise<LiveVersion | undefined> {
  return liveVersionOf(await getWorkflowItem(workflowId, environment));
}

/**
 * Published versions by table, workflow and number, kept in the process (a warm Lambda): a
 * version item's state machine version changes only when it is recompiled (workflows/recompile.ts),
 * by an activation (which writes `activated_at`) or by an upgrade of the active version (which
 * writes `recompiled_at` after it), so the key holds both and a run creation reads the item again
 * only after one of them. Bounded: the oldest entry goes first.
 * Per set of clients, as the verified API tokens (api/auth.ts): another stack in the same
 * process (tests) starts with an empty cache.
 */
const PUBLISHED_CACHE_MAX = 256;
const published = new Map<string, Omit<LiveVersion, 'alias_arn'> & { environment: Environment }>();
let publishedWith: object | undefined;
/** Forgets the cached versions (tests). */
export const clearVersionCache = () => { published.clear(); };

/** The live version of a workflow already read (see getLiveVersion); the version item comes from the cache when it can. */
export async function liveVersionOf(workflow: WorkflowItem | undefined): Promise<LiveVersion | undefined> {
  if (workflow?.active_version === undefined || !workflow.alias_arn) return undefined;
  if (publishedWith !== doc()) { published.clear(); publishedWith = doc(); }
  const key = `${table()}/${workflow.id}/${workflow.active_version}/${workflow.activated_at ?? ''}/${workflow.recompiled_at ?? ''}`;
  let version = published.get(key);
  if (!version) {
    const item = await getVersionItem(workflow.id, workflow.active_version, workflow.environment);
    if (!item?.state_machine_version_arn || !item.definition_json) return undefined;
    // Only valid definitions are activated, so the stored JSON is a Workflow.
    const definition = JSON.parse(item.definition_json) as Workflow;
    version = { version: item.version, state_machine_version_arn: item.state_machine_version_arn, definition, environment: item.environment };
    if (published.size >= PUBLISHED_CACHE_MAX) published.delete(published.keys().next().value ?? '');
    published.set(key, version);
  }
  if (version.environment !== workflow.environment) return undefined;
  return { version: version.version, state_machine_version_arn: version.state_machine_version_arn, alias_arn: workflow.alias_arn, definition: version.definition };
}

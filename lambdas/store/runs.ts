/**
 * Workflow runs: one item per run (`keys.run`), in four collections: all runs of an
 * environment (gsi1), runs of an applicant (gsi2), runs of an environment by status
 * (by_env_status: `env_status`, written with every write of `status` here and in
 * store/task-completion.ts) and runs by status across environments (by_status). The compiled
 * state machine writes the end (`status`, `env_status`, `result`, `completed_at`) on the same item.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { syncIndexStatus } from './index-status';
import type { IndexItem } from './run-index';
import { createdKey, keys } from './table';
import { notEndedCondition, RUN_END_STATUSES, RunError, runStatusKey } from '../../compiler';


export const RUN_STATUSES = ['processing', 'awaiting_input', 'awaiting_client_input', ...RUN_END_STATUSES] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
/** The end statuses, shared with compiled state machines (compiler/runtime-contract.ts). */
export const ENDED_STATUSES = RUN_END_STATUSES;
export const isEnded = (s: RunStatus) => (ENDED_STATUSES as readonly string[]).includes(s);

export const Environment = z.enum(['sandbox', 'live']);
export type Environment = z.infer<typeof Environment>;

export const RunLink = z.object({
  completed_redirect_url: z.string().nullable().default(null),
  expired_redirect_url: z.string().nullable().default(null),
  expires_at: z.string().nullable().default(null),
  language: z.string().nullable().default(null),
});
export type RunLink = z.infer<typeof RunLink>;


export const RunReview = z.object({ decision: z.enum(['approve', 'decline']), note: z.string(), by: z.string(), at: z.string() });
export type RunReview = z.infer<typeof RunReview>;

/** The stored run (what this module writes, plus what the state machine adds at the end). */
export const RunItem = z.object({
  id: z.string(),
  environment: Environment,
  applicant_id: z.string(),
  workflow_id: z.string(),
  workflow_version_id: z.number().int(),
  status: RunStatus,
  tags: z.array(z.string()).default([]),
  customer_user_id: z.string().nullable().default(null),
  link: RunLink,
  custom_data: z.record(z.string(), z.unknown()).default({}),
  /** The run's execution, written with the run before it starts (runs/start.ts): on a run that ended `execution_not_started` it names no execution. */
  execution_arn: z.string().optional(),
  /** JSON text written by the state machine when the run ends: `{ status, task_id, reasons?, output?, error? }`. */
  result: z.string().optional(),
  /** Set by the back end when the execution could not start or failed without recording an end. */
  error: RunError.optional(),
  /** Bumped on every task change; status writes are conditional on it (see runs/status.ts). */
  task_seq: z.number().int().default(0),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().optional(),
  /** `<type>` and `<type>#<result>` of every stored report (a string set; store/run-index.ts filters on it). */
  reports: z.preprocess((v) => (v instanceof Set ? [...v].map(String).sort() : v), z.array(z.string())).optional(),
  /** A review run's decision in the console's review queue (an extension: `status` stays `review`). */
  review: RunReview.optional(),
  /** The analyst a review run is assigned to. */
  assigned_to: z.string().optional(),
  /** A trial run of a draft ("Try it", runs/trial.ts; `workflow_version_id` 0): left out of the console's results unless asked for. */
  trial: z.boolean().optional(),
  /** Set by the purge of the run's personal data (lifecycle/runs.ts): nothing is made of the run any more. */
  purged_at: z.string().optional(),
});
export type RunItem = z.infer<typeof RunItem>;

/** Whether the run's capture link has passed its `expires_at` at `now` (ms): its link and run-scoped SDK tokens stop working. */
export const linkExpired = (run: Pick<RunItem, 'link'>, now: number) =>
  run.link.expires_at !== null && Date.parse(run.link.expires_at) <= now;
/** A run to write; `execution_arn` when it is known before the execution starts (runs/start.ts). */
export type NewRun = Omit<RunItem, 'status' | 'task_seq' | 'updated_at' | 'result' | 'error' | 'completed_at' | 'execution_arn' | 'reports' | 'review' | 'assigned_to' | 'purged_at'> & { execution_arn?: string };

const table = () => config().TABLE_NAME;
const { expression: ENDED_CONDITION, values: endedValues } = notEndedCondition();

/** Writes a new run (status processing) with its collection keys, and its search `index` items in the same transaction; fails if the id exists. */
export async function putRun(run: NewRun, index: readonly IndexItem[] = []): Promise<RunItem> {
  const item: RunItem = { ...run, status: 'processing', task_seq: 0, updated_at: run.created_at };
  const sortKey = createdKey(run.created_at, run.id);
  const put = {
    TableName: table(),
    Item: {
      ...keys.run(run.id), ...item, env_status: runStatusKey(run.environment, item.status),
      gsi1pk: keys.runs(run.environment), gsi1sk: sortKey,
      gsi2pk: keys.runsOfApplicant(run.applicant_id), gsi2sk: sortKey,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  if (index.length === 0) await clients().doc.send(new PutCommand(put));
  else await clients().doc.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...index.map((i) => ({ Put: { TableName: table(), Item: i } }))] }));
  return item;
}

export async function getRun(id: string): Promise<RunItem | undefined> {
  const res = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.run(id), ConsistentRead: true }));
  return res.Item ? RunItem.parse(res.Item) : undefined;
}

export async function setExecutionArn(id: string, executionArn: string): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.run(id),
    UpdateExpression: 'SET execution_arn = :arn', ExpressionAttributeValues: { ':arn': executionArn },
  }));
}

/** The run's environment (it never changes), for the status key of a write that knows only the run's id. */
async function environmentOf(id: string): Promise<Environment | undefined> {
  const res = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.run(id), ConsistentRead: true, ProjectionExpression: 'environment' }));
  return res.Item ? Environment.parse(res.Item.environment) : undefined;
}

/** Ends a run with `error` unless it has already ended (then its search index items say so); returns whether it did. */
export async function markRunError(id: string, error: RunError, now: string): Promise<boolean> {
  const env = await environmentOf(id);
  if (!env) return false;
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: keys.run(id),
      UpdateExpression: 'SET #status = :error, env_status = :key, #error = :err, #result = :result, updated_at = :now, completed_at = :now',
      ConditionExpression: `attribute_exists(pk) AND environment = :env AND ${ENDED_CONDITION}`,
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#result': 'result' },
      ExpressionAttributeValues: {
        ...endedValues, ':error': 'error', ':key': runStatusKey(env, 'error'), ':env': env, ':err': error, ':now': now,
        ':result': JSON.stringify({ status: 'error', error }),
      },
    }));
    await syncIndexStatus(id);
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Bumps the run's task sequence (after a task changed); returns the new value. */
export async function bumpTaskSeq(id: string): Promise<number> {
  const res = await clients().doc.send(new UpdateCommand({
    TableName: table(), Key: keys.run(id),
    UpdateExpression: 'ADD task_seq :one', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW',
  }));
  return z.object({ task_seq: z.number() }).parse(res.Attributes).task_seq;
}

/** Sets a live status if the run has not ended and no task changed since `seq`; false otherwise. */
export async function setLiveStatus(run: Pick<RunItem, 'id' | 'environment'>, status: RunStatus, seq: number, now: string): Promise<boolean> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: table(), Key: keys.run(run.id),
      UpdateExpression: 'SET #status = :status, env_status = :key, updated_at = :now',
      ConditionExpression: `task_seq = :seq AND environment = :env AND ${ENDED_CONDITION}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...endedValues, ':status': status, ':key': runStatusKey(run.environment, status), ':env': run.environment, ':seq': seq, ':now': now },
    }));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export const isConditionFailure = (e: unknown) => e instanceof Error && e.name === 'ConditionalCheckFailedException';

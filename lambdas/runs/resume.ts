/**
 * Runs whose creation was cut short: `createRun` writes the run (processing) and then starts
 * its execution; a crash between the two (a killed process, a Lambda timeout) leaves a run that
 * would stay `processing` forever. Such a run (older than a grace period, its execution absent)
 * is started as createRun would have, with the same name (the run id) and input (idempotent: an
 * execution that did start is left alone). A trial run starts on its own version of the
 * workflow's trial machine.
 * - `orphanSweep`, in every lifecycle pass (AWS: every 15 minutes; locally: the stack's
 *   scheduler), walks `processing` runs in creation order (by_status) from a cursor
 *   (`keys.resumeCursor`) up to the grace period, so each is looked at once; only runs no task
 *   has changed yet (`task_seq` 0) are asked about (DescribeExecution). A run that cannot be
 *   started stops the walk there, to be tried again at the next pass, until it is a day old:
 *   then it ends `error` (`execution_not_started`), never half-done.
 * - `startOrphanedRuns`, on every start of the local stack, looks at every `processing` run at once.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { runError, type ExecutionInput, type Workflow } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { logError } from '../shared/powertools';
import { getApplicant } from '../store/applicants';
import { markRunError, RunItem, setExecutionArn } from '../store/runs';
import { keys } from '../store/table';
import { getVersion } from '../store/workflows';
import { discardVersion } from '../workflows/machines';
import { checkInputs, executionInput } from './inputs';
import { announceRunError } from './announce-error';
import { findTrialVersion } from './trial-version';

async function processingRuns(): Promise<RunItem[]> {
  const out: RunItem[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await clients().doc.send(new QueryCommand({
      TableName: config().TABLE_NAME, IndexName: 'by_status', KeyConditionExpression: '#s = :p',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':p': 'processing' }, ExclusiveStartKey,
    }));
    for (const item of page.Items ?? []) out.push(RunItem.parse(item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

async function executionExists(executionArn: string): Promise<boolean> {
  try {
    await clients().sfn.send(new DescribeExecutionCommand({ executionArn }));
    return true;
  } catch (e) {
    if ((e as Error).name === 'ExecutionDoesNotExist') return false;
    throw e;
  }
}

type Outcome = 'started' | 'left' | 'failed';

/** Starts the run's execution unless it exists; 'failed' (logged) when it could not. */
async function resume(run: RunItem, now: number, log: typeof logError): Promise<Outcome> {
  try {
    // Runs are written with their execution's (predicted) ARN before it starts (start.ts):
    // an ARN says nothing, the execution's existence does.
    if (run.execution_arn && await executionExists(run.execution_arn)) return 'left';
    if (run.trial) return (await startOrphanedTrial(run, now)) ? 'started' : 'left';
    const version = await getVersion(run.workflow_id, run.workflow_version_id, run.environment);
    if (!version?.state_machine_version_arn) throw new Error(`version ${run.workflow_version_id} of workflow ${run.workflow_id} is not published`);
    await startExecution(run, version.state_machine_version_arn, version.definition as Workflow);
    return 'started';
  } catch (e) {
    if ((e as Error).name === 'ExecutionAlreadyExists') return 'left';
    log(`workflow run ${run.id}: could not start the execution its creation left unstarted`, e);
    return 'failed';
  }
}

/** Starts the execution of every orphaned run (written, its execution never started); returns their ids. */
export async function startOrphanedRuns(now = Date.now(), graceMs = 60_000, log = logError): Promise<string[]> {
  const started: string[] = [];
  for (const run of await processingRuns()) {
    if (Date.parse(run.created_at) > now - graceMs) continue;
    if (await resume(run, now, log) === 'started') started.push(run.id);
  }
  return started;
}

/** Longer than any create takes (the API function's timeout is 29 s): a younger run may still be starting. */
export const ORPHAN_GRACE_MS = 5 * 60_000;
/** How long a run that cannot be started holds the walk back before it ends `error`. */
export const ORPHAN_GIVE_UP_MS = 86_400_000;

/** The cursor as this process last read or wrote it, per table, or the end of the last walk that
 *  reached it (every run created before has been looked at): it only moves forward, so an idle pass
 *  is one Query (a stale copy from another instance would only look at some runs again). */
const cursors = new Map<string, string>();

/**
 * One pass of the walk (at most `limit` runs looked at); returns the ids of the runs it started.
 * Each page asks for no more than the pass still looks at.
 */
export async function orphanSweep(now: Date, o: { graceMs?: number; limit?: number; log?: typeof logError } = {}): Promise<string[]> {
  const { graceMs = ORPHAN_GRACE_MS, limit = 500, log = logError } = o;
  const table = config().TABLE_NAME;
  const cursorKey = keys.resumeCursor();
  const cursor = cursors.get(table)
    ?? (await clients().doc.send(new GetCommand({ TableName: table, Key: cursorKey, ConsistentRead: true }))).Item?.after as string | undefined;
  const end = new Date(now.getTime() - graceMs).toISOString();
  if (cursor !== undefined && cursor >= end) return [];
  const started: string[] = [];
  let after = cursor;
  let seen = 0;
  let start: Record<string, unknown> | undefined;
  let done = false;
  walk: do {
    const page = await clients().doc.send(new QueryCommand({
      TableName: table, IndexName: 'by_status', ExclusiveStartKey: start, Limit: limit - seen + 1, ScanIndexForward: true,
      KeyConditionExpression: '#s = :p AND gsi1sk BETWEEN :from AND :end',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':p': 'processing', ':from': cursor ?? '0', ':end': end },
    }));
    for (const item of page.Items ?? []) {
      if (item.gsi1sk === cursor) continue;
      const run = RunItem.parse(item);
      if (run.task_seq === 0) {
        const outcome = await resume(run, now.getTime(), log);
        if (outcome === 'started') started.push(run.id);
        if (outcome === 'failed') {
          if (Date.parse(run.created_at) > now.getTime() - ORPHAN_GIVE_UP_MS) break walk; // tried again at the next pass
          // Announced first: if the bus fails, the run is still `processing` and the next pass tries again.
          await announceRunError(run.id, runError('execution_not_started'));
          await markRunError(run.id, runError('execution_not_started'), now.toISOString());
        }
      }
      after = String(item.gsi1sk);
      if (++seen >= limit) break walk;
    }
    start = page.LastEvaluatedKey;
    done = !start;
  } while (start);
  if (after !== cursor) await clients().doc.send(new PutCommand({ TableName: table, Item: { ...cursorKey, after } }));
  const remembered = done ? end : after;
  if (remembered !== undefined) cursors.set(table, remembered);
  return started;
}

/** Starts the run's execution; `workflow` undefined (a trial's draft, not kept) passes its sample applicant and custom data whole. */
async function startExecution(run: RunItem, versionArn: string, workflow: Workflow | undefined): Promise<void> {
  const applicant = await getApplicant(run.applicant_id, run.environment);
  const check = checkInputs(workflow?.input ?? { applicant: 'all' }, { ...applicant }, run.custom_data);
  const base = { id: run.id, applicant_id: run.applicant_id, sandbox: run.environment === 'sandbox' };
  const input: ExecutionInput = workflow
    ? executionInput(workflow.tasks, base, check.applicant, run.custom_data)
    : { workflow_run_id: run.id, applicant_id: run.applicant_id, sandbox: base.sandbox, applicant: check.applicant, custom: run.custom_data };
  const res = await clients().sfn.send(new StartExecutionCommand({ stateMachineArn: versionArn, name: run.id, input: JSON.stringify(input) }));
  if (res.executionArn && res.executionArn !== run.execution_arn) await setExecutionArn(run.id, res.executionArn);
}

/**
 * A trial run (runs/trial.ts) runs its draft, kept only in the trial machine's version published
 * for it: started there (then the version is deleted, as createTrialRun does), never on the
 * workflow's active version. Without that version the draft is gone: the run ends `error`.
 */
async function startOrphanedTrial(run: RunItem, now: number): Promise<boolean> {
  const versionArn = await findTrialVersion(run.workflow_id, run.id);
  if (!versionArn) {
    await markRunError(run.id, runError('execution_not_started'), new Date(now).toISOString());
    return false;
  }
  // The draft (its inputs) is not kept: the trial's inputs were checked when it was created, and
  // its sample applicant is passed whole.
  await startExecution(run, versionArn, undefined);
  await discardVersion(versionArn);
  return true;
}

/**
 * Runs whose creation was cut short: `createRun` writes the run (processing) and then starts
 * its execution; a crash between the two (a killed process, a Lambda timeout) leaves a run that
 * would stay `processing` forever. `startOrphanedRuns` finds processing runs with no execution
 * that are older than `graceMs` and starts their execution as createRun would have, with the
 * same name (the run id) and input (idempotent: an execution that did start is left alone).
 * A trial run starts on its own version of the workflow's trial machine. The local stack calls
 * it on every start.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { runError, type ExecutionInput, type Workflow } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { logError } from '../shared/powertools';
import { getApplicant } from '../store/applicants';
import { markRunError, RunItem, setExecutionArn } from '../store/runs';
import { getVersion } from '../store/workflows';
import { discardVersion } from '../workflows/publish';
import { checkInputs, executionInput } from './inputs';
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

/** Starts the execution of every orphaned run (written, its execution never started); returns their ids. */
export async function startOrphanedRuns(now = Date.now(), graceMs = 60_000, log = logError): Promise<string[]> {
  const started: string[] = [];
  for (const run of await processingRuns()) {
    if (Date.parse(run.created_at) > now - graceMs) continue;
    try {
      // Runs are written with their execution's (predicted) ARN before it starts (start.ts):
      // an ARN says nothing, the execution's existence does.
      if (run.execution_arn && await executionExists(run.execution_arn)) continue;
      if (run.trial) {
        if (await startOrphanedTrial(run, now)) started.push(run.id);
        continue;
      }
      const version = await getVersion(run.workflow_id, run.workflow_version_id, run.environment);
      if (!version?.state_machine_version_arn) throw new Error(`version ${run.workflow_version_id} of workflow ${run.workflow_id} is not published`);
      await startExecution(run, version.state_machine_version_arn, version.definition as Workflow);
      started.push(run.id);
    } catch (e) {
      if ((e as Error).name === 'ExecutionAlreadyExists') continue;
      log(`workflow run ${run.id}: could not start its execution after a restart`, e);
    }
  }
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

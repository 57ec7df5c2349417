/**
 * Runs whose creation was cut short: `createRun` writes the run (processing) and then starts
 * its execution; a crash between the two (a killed process, a Lambda timeout) leaves a run that
 * would stay `processing` forever. `startOrphanedRuns` finds processing runs with no execution
 * that are older than `graceMs` and starts their execution as createRun would have, with the
 * same name (the run id) and input (idempotent: an execution that did start is left alone).
 * The local stack calls it on every start.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Workflow } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { logError } from '../shared/powertools';
import { getApplicant } from '../store/applicants';
import { RunItem, setExecutionArn } from '../store/runs';
import { getVersion } from '../store/workflows';
import { checkInputs, executionInput } from './inputs';

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
      const version = await getVersion(run.workflow_id, run.workflow_version_id, run.environment);
      if (!version?.state_machine_version_arn) throw new Error(`version ${run.workflow_version_id} of workflow ${run.workflow_id} is not published`);
      const applicant = await getApplicant(run.applicant_id, run.environment);
      const check = checkInputs((version.definition as Workflow).input, { ...applicant }, run.custom_data);
      const input = executionInput((version.definition as Workflow).tasks, { ...run, sandbox: run.environment === 'sandbox' }, check.applicant, run.custom_data);
      const res = await clients().sfn.send(new StartExecutionCommand({ stateMachineArn: version.state_machine_version_arn, name: run.id, input: JSON.stringify(input) }));
      if (res.executionArn && res.executionArn !== run.execution_arn) await setExecutionArn(run.id, res.executionArn);
      started.push(run.id);
    } catch (e) {
      if ((e as Error).name === 'ExecutionAlreadyExists') continue;
      log(`workflow run ${run.id}: could not start its execution after a restart`, e);
    }
  }
  return started;
}

/**
 * Starting a run whose inputs were checked (runs/create.ts): the run item is written first
 * (processing, with the execution ARN it will have), so that the task function finds it; then
 * the execution is started on the version's state machine version, named after the run
 * (idempotent). The run's search index items (store/run-index.ts) are written in the run's
 * transaction. Two DynamoDB round trips at most, one when the start succeeds. If the start
 * fails the run is marked `error`: there is never a half-started run.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { runError, type ExecutionInput } from '../../compiler';
import { clients } from '../shared/aws';
import { internal } from '../shared/errors';
import type { Runtime } from '../shared/ids';
import type { IndexItem } from '../store/run-index';
import { markRunError, putRun, setExecutionArn, type NewRun, type RunItem } from '../store/runs';

/**
 * The ARN Step Functions gives an execution `name` of a state machine version
 * (`arn:aws:states:<region>:<account>:stateMachine:<machine>:<version>` →
 * `…:execution:<machine>:<name>`); undefined when `versionArn` is not of that form.
 */
export function executionArnOf(versionArn: string, name: string): string | undefined {
  const m = /^(arn:[^:]+:states:[^:]*:[^:]*):stateMachine:([^:]+):\d+$/.exec(versionArn);
  return m ? `${m[1]}:execution:${m[2]}:${name}` : undefined;
}

export async function startRun(run: NewRun, versionArn: string, input: ExecutionInput, rt: Runtime, log: (msg: string, e: unknown) => void, index: readonly IndexItem[] = []): Promise<RunItem> {
  const expected = executionArnOf(versionArn, run.id);
  const item = await putRun({ ...run, ...(expected ? { execution_arn: expected } : {}) }, index);
  let executionArn: string | undefined;
  try {
    const started = await clients().sfn.send(new StartExecutionCommand({ stateMachineArn: versionArn, name: run.id, input: JSON.stringify(input) }));
    executionArn = started.executionArn;
  } catch (e) {
    log(`workflow run ${run.id}: the execution did not start`, e);
    await markRunError(run.id, runError('execution_not_started'), rt.now().toISOString());
    throw internal();
  }
  if (!executionArn || executionArn === expected) return item;
  await setExecutionArn(run.id, executionArn);
  return { ...item, execution_arn: executionArn };
}

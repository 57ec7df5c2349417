/**
 * Complete Task: checks who may complete it and the data, accepts it exactly once (a
 * conditional write waiting → completed), hands the data to Step Functions, refreshes the run
 * status and announces the completion. A token Step Functions no longer knows (the task timed
 * out, the run ended) answers 422 and leaves the task marked `timed_out`.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import type { Caller } from '../shared/tokens';
import { refreshRunStatus } from '../runs/status';
import { clients } from '../shared/aws';
import { conflict, forbidden, internal, notFound, validationError } from '../shared/errors';
import { systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import type { RunItem } from '../store/runs';
import { getTask, markTask, settleTask, type TaskItem } from '../store/tasks';
import { checkCapture } from './capture';
import { emitTaskEvent } from './events';
import { checkReceived } from './receive';

export const CompleteTaskBody = z.object({ data: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]) });

/** Step Functions' answers meaning the token will never be accepted. */
const DEAD_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

async function checkedOutput(task: TaskItem, run: RunItem, data: unknown): Promise<unknown> {
  if (task.kind === 'send_receive') {
    const fields = checkReceived(task.config.receive, data);
    if (Object.keys(fields).length) throw validationError('The data does not match the task\'s receive schema', fields);
    return data;
  }
  const check = await checkCapture({ taskType: task.task_type, config: task.config, applicantId: run.applicant_id, environment: run.environment }, data);
  if (!check.ok) throw validationError('The captured data is not valid for this task', check.fields);
  return check.output;
}

function authorise(caller: Caller, task: TaskItem): void {
  if (task.kind === 'report') throw validationError(`Task ${task.id} is a report; reports complete themselves`);
  if (task.kind === 'send_receive' && caller.kind !== 'api') throw forbidden('Send/Receive tasks are completed with an API token');
  if (task.kind === 'interactive' && caller.kind !== 'sdk') throw forbidden('Interactive tasks are completed by the capture client with an SDK token');
}

export async function completeTask(caller: Caller, run: RunItem, taskId: string, data: unknown, rt: Runtime = systemRuntime, log = logError): Promise<void> {
  const task = await getTask(run.id, taskId);
  if (!task) throw notFound('Task', taskId);
  authorise(caller, task);
  if (task.status !== 'waiting') throw conflict(`Task ${taskId} is not waiting (it is ${task.status})`);
  const output = await checkedOutput(task, run, data);
  const now = () => rt.now().toISOString();
  if (!(await settleTask(run.id, task.id, 'completed', output, now()))) throw conflict(`Task ${taskId} has already been completed`);
  try {
    await clients().sfn.send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(output) }));
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (DEAD_TOKEN.has(name)) {
      await markTask(run.id, task.id, 'timed_out', now());
      await refreshRunStatus(run.id, now);
      throw validationError(`Task ${taskId} can no longer be completed: it timed out or its run has ended`);
    }
    log(`task ${task.id}: SendTaskSuccess failed; the task waits again`, e);
    await markTask(run.id, task.id, 'waiting', now());
    throw internal();
  }
  await refreshRunStatus(run.id, now);
  await emitTaskEvent('workflow_task.completed', { ...task, status: 'completed', output, updated_at: now() }, run.applicant_id);
}

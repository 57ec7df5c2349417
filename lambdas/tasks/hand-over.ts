/**
 * Handing a completed task's data to Step Functions (`SendTaskSuccess` with the task's token): by the completion
 * (tasks/complete.ts), and again by the lifecycle sweep for a completion whose pending `workflow_task.completed` is
 * still there (events/pending.ts): its writer may have stopped between its write and the hand-over, leaving the task
 * completed and the state waiting. A second hand-over of one the state already took is refused as a dead token, which
 * is not an error here: the state moved on.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { keepPaths } from '../../compiler';
import { EVENTS, type TaskDetails } from '../events';
import { clients } from '../shared/aws';
import type { TaskItem } from '../store/tasks';
import { standing, taskEventDetail } from './events';

/** Step Functions' answers meaning the token will never be accepted (taken already, timed out, the run ended). */
export const DEAD_TOKEN: ReadonlySet<string> = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);
export const isDeadToken = (e: unknown): boolean => e instanceof Error && DEAD_TOKEN.has(e.name);

/** What Step Functions gets of a completed task's output: with `keep`, the kept fields and the task's `id` (the whole
 *  output is on the task, where handlers read it by that id); the whole output otherwise. */
export function handedOver(task: Pick<TaskItem, 'id' | 'keep'>, output: unknown): unknown {
  if (!task.keep || output === null || typeof output !== 'object' || Array.isArray(output)) return output;
  return { ...(keepPaths(output, task.keep) as Record<string, unknown>), id: task.id };
}

/** Sends the task's token with its output; throws what Step Functions answered (a dead token too). */
export async function handOverTask(task: Pick<TaskItem, 'id' | 'keep' | 'token' | 'output'>): Promise<void> {
  await clients().sfn.send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(handedOver(task, task.output)) }));
}

/** The sweep's hand-over of a completed task: 'sent', or 'taken' when the state no longer waits on the token. */
export async function handOverAgain(task: Pick<TaskItem, 'id' | 'keep' | 'token' | 'output'>): Promise<'sent' | 'taken'> {
  try {
    await handOverTask(task);
    return 'sent';
  } catch (e) {
    if (isDeadToken(e)) return 'taken';
    throw e;
  }
}

/**
 * The lifecycle sweep's reader: as `storedTaskEvent`, and a completion of an interactive or Send/Receive task still
 * pending is first handed to Step Functions again (tasks/hand-over.ts): its writer may have stopped between its write
 * and the hand-over, which would leave the state waiting until the task times out. A state that already took it
 * refuses the token; that is no error. Any other refusal throws: the event stays pending for the next pass.
 */
export const handedOverTaskEvent: TaskDetails = async (ref, detailType) => {
  const task = await standing(ref, detailType);
  if (!task) return undefined;
  if (detailType === EVENTS.taskCompleted && task.token && (task.kind === 'interactive' || task.kind === 'send_receive')) await handOverAgain(task);
  return taskEventDetail(task, ref.applicant_id);
};

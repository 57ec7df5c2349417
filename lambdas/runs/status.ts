/**
 * The live status of a run, from its open tasks: an interactive task waiting for the end user
 * wins (`awaiting_input`), then a Send/Receive task (`awaiting_client_input`), else
 * `processing`. Parallel branches change tasks concurrently, so the write is conditional on the
 * run's task sequence.
 */
import { bumpTaskSeq, setLiveStatus, type RunItem, type RunStatus } from '../store/runs';
import { listTasks, type TaskItem } from '../store/tasks';

export function liveStatus(tasks: ReadonlyArray<Pick<TaskItem, 'kind' | 'status'>>): RunStatus {
  const waiting = tasks.filter((t) => t.status === 'waiting');
  if (waiting.some((t) => t.kind === 'interactive')) return 'awaiting_input';
  if (waiting.some((t) => t.kind === 'send_receive')) return 'awaiting_client_input';
  return 'processing';
}

/** Call after changing a task of the run. A run that has ended keeps its status. If the write
 *  loses, a later task change bumped the sequence after ours, and its writer (which saw our
 *  change) writes the status; the last bump always wins unless the run has ended. */
export async function refreshRunStatus(run: Pick<RunItem, 'id' | 'environment'>, now: () => string): Promise<void> {
  const seq = await bumpTaskSeq(run.id);
  const status = liveStatus(await listTasks(run.id));
  await setLiveStatus(run, status, seq, now());
}

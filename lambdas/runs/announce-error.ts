/**
 * `workflow_run.completed` of a run the back end ended `error` outside its state machine: an
 * execution that failed, timed out or was aborted without recording an end (execution-events.ts),
 * or a run whose execution never started (resume.ts). The state machine announces the ends it
 * writes; these it cannot, so without this an integrator waiting for the webhook (and the
 * evidence function) would never hear of them. The detail is the one the state machine sends
 * (`result: { status: 'error', error }`). A trial run is announced to nobody, nor is a run being
 * purged (the purge stops its execution with PURGE_STOP_ERROR: the integrator deleted it, and its
 * evidence must not be made again); it is not sent twice: a completion already recorded for the
 * run (events/record.ts) stops it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { EVENTS, publish } from '../events/contract';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import type { RunError } from '../../compiler';
import { isEnded, RunItem } from '../store/runs';
import { keys } from '../store/table';

/** The error a purge stops a run's execution with (lifecycle/runs.ts). */
export const PURGE_STOP_ERROR = 'Purged';

/**
 * Announces the run's `error` end unless it is not `error`, is a trial or purged, or its completion
 * was recorded; returns whether it did. `ending`: the error about to be written (the caller marks
 * the run after, so that a bus failure leaves the run to be found and announced again).
 */
export async function announceRunError(runId: string, ending?: RunError): Promise<boolean> {
  const raw = (await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.run(runId), ConsistentRead: true }))).Item;
  if (!raw || raw.purged_at) return false;
  const run = RunItem.parse(raw);
  if ((ending ? isEnded(run.status) : run.status !== 'error') || run.trial) return false;
  const error = ending ?? run.error;
  const recorded = await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.event(runId, EVENTS.runCompleted), ConsistentRead: true }));
  if (recorded.Item) return false;
  await publish(EVENTS.runCompleted, {
    workflow_run_id: run.id, applicant_id: run.applicant_id, status: 'error',
    result: { status: 'error', ...(error ? { error } : {}) },
  });
  return true;
}

/**
 * Events written with the change they announce (store/pending-events.ts) are put on the bus at once by their writer,
 * which removes the pending item once the bus took the event; what is left (the bus refused it through entry-retry.ts's
 * tries, or the writer stopped) is put on the bus by the lifecycle sweep (every 15 minutes in AWS, every 5 seconds
 * locally), oldest first, until it succeeds. Every copy carries the same `dedupe_id` and the time of the change, so an
 * event put twice (the bus took it, then its removal failed) reaches each webhook once (webhooks/process.ts); customers'
 * own rules may see it twice, as EventBridge's at-least-once delivery may anyway.
 */
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { duePendingEvents, itemExists, notePendingFailure, removePendingEvent, type PendingEvent, type PendingTask } from '../store/pending-events';
import { putEvent, requestTimelineFile } from './publish';
import { recordEvent } from './record';
import { DETAILS, EventName, TIMELINE_FILE_REQUESTED, TimelineFileDetail, type BusEvent, type TaskEventDetail } from './schemas';

/** A pending event younger than this is left to its writer, which is still trying. */
export const PENDING_GRACE_MS = 30_000;

/** A task event's detail read from the stored task; undefined when the task no longer stands as the event says (purged, handed back). */
export type TaskDetails = (task: PendingTask, detailType: string) => Promise<TaskEventDetail | undefined>;
export type Outcome = 'published' | 'failed' | 'dropped';

/** Puts the event on the bus; the event when it is one to record. */
async function put(e: PendingEvent, detail: unknown, rt: Runtime): Promise<BusEvent | undefined> {
  const copy = { ...(e.dedupe_id ? { dedupeId: e.dedupe_id } : {}), time: e.time };
  if (e.detail_type === TIMELINE_FILE_REQUESTED) {
    await requestTimelineFile(TimelineFileDetail.parse(detail), copy);
    return undefined;
  }
  const type = EventName.parse(e.detail_type);
  return putEvent(type, DETAILS[type].parse(detail) as never, rt, copy);
}

/**
 * Puts a pending event on the bus and removes it: `detail` (the writer has it at hand), else the one stored, else a task
 * event's read by `taskDetails`. `failed` (logged, kept for the sweep) when the bus refused it; `dropped` (removed) when
 * its task no longer stands so. Never throws for the bus: the change it announces stands either way.
 */
export async function publishPending(e: PendingEvent, rt: Runtime = systemRuntime, detail: unknown = e.detail, taskDetails?: TaskDetails): Promise<Outcome> {
  if (detail === undefined && !(e.task && taskDetails)) throw new Error(`pending ${e.detail_type} ${e.key.sk}: no detail and no way to read it`);
  const resolved = detail ?? await taskDetails!(e.task!, e.detail_type);
  if (resolved === undefined) {
    await removePendingEvent(e.key);
    return 'dropped';
  }
  let event: BusEvent | undefined;
  try {
    event = await put(e, resolved, rt);
  } catch (err) {
    logError(`${e.detail_type} could not be put on the bus; the lifecycle sweep puts it later`, err);
    await notePendingFailure(e.key, err instanceof Error ? err.message : String(err), isoSeconds(rt.now()))
      .catch((f: unknown) => logError('recording the failed attempt', f));
    return 'failed';
  }
  // On the bus: recorded for resend (the webhook worker records it too) as its pending item goes, side by side.
  const settled = await Promise.allSettled([event ? recordEvent(event) : undefined, removePendingEvent(e.key)]);
  for (const s of settled) if (s.status === 'rejected') logError(`${e.detail_type} is on the bus; recording it or removing its pending item failed`, s.reason);
  return 'published';
}

/** The sweep's step: pending events older than the grace period, at most `limit`, oldest first; one waiting `after` an item that still exists is left. */
export async function deliverPendingEvents(rt: Runtime, taskDetails: TaskDetails, limit = 100): Promise<Record<Outcome | 'waiting', number>> {
  const out = { published: 0, failed: 0, dropped: 0, waiting: 0 };
  for (const e of await duePendingEvents(new Date(rt.now().getTime() - PENDING_GRACE_MS).toISOString(), limit)) {
    if (e.after && await itemExists(e.after)) { out.waiting++; continue; }
    // One that fails to be read or handed over (taskDetails threw) stays for the next pass; the others go on.
    try { out[await publishPending(e, rt, e.detail, taskDetails)]++; } catch (err) { out.failed++; logError(`pending ${e.detail_type} ${e.key.sk}: not delivered this pass`, err); }
  }
  return out;
}

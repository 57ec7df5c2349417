/**
 * Puts a workflow event on the bus (and records it for resend). Other handlers call this;
 * the detail is checked against its schema first, so a wrong shape fails where it is made. An entry the bus refuses
 * with a retryable code (throttled, its internal failure) is put again a few times, then fails as a transient error
 * (entry-retry.ts); it is recorded only once it is on the bus. `Copy` (a pending event's, events/pending.ts): the
 * detail carries `dedupe_id`, the same on every copy put, and the event keeps the time of the change it announces.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { putEntry } from './entry-retry';
import { recordEvent } from './record';
import { DETAILS, EVENT_SOURCE, REDELIVERY, RedeliveryDetail, TIMELINE_FILE_REQUESTED, TimelineFileDetail, type BusEvent, type DetailOf, type EventName } from './schemas';

export { PublishError } from './entry-retry';

/** How a copy of an event is put: its dedupe id, the time of the change (ISO). */
export interface Copy { dedupeId?: string; time?: string }

const withDedupe = (detail: unknown, copy: Copy): unknown => (copy.dedupeId ? { ...(detail as object), dedupe_id: copy.dedupeId } : detail);

/** Puts one entry; an entry the bus refuses with a retryable code is put again (entry-retry.ts). */
function put(detailType: string, detail: unknown, source = EVENT_SOURCE, time?: string): Promise<string> {
  const entry = {
    EventBusName: config().EVENT_BUS_NAME, Source: source, DetailType: detailType, Detail: JSON.stringify(detail), ...(time ? { Time: new Date(time) } : {}),
  };
  return putEntry(detailType, () => clients().events.send(new PutEventsCommand({ Entries: [entry] })));
}

/** Puts a workflow event on the bus without recording it (the caller records it: `recordEvent`); the event as put. */
export async function putEvent<E extends EventName>(detailType: E, detail: DetailOf<E>, runtime: Runtime = systemRuntime, copy: Copy = {}): Promise<BusEvent> {
  const parsed = withDedupe(DETAILS[detailType].parse(detail), copy);
  const id = await put(detailType, parsed, EVENT_SOURCE, copy.time);
  return { id, 'detail-type': detailType, source: EVENT_SOURCE, time: isoSeconds(copy.time ? new Date(copy.time) : runtime.now()), detail: parsed };
}

/** Publishes a workflow event; returns its EventBridge event id. */
export async function publish<E extends EventName>(detailType: E, detail: DetailOf<E>, runtime: Runtime = systemRuntime, copy: Copy = {}): Promise<string> {
  const event = await putEvent(detailType, detail, runtime, copy);
  await recordEvent(event);
  return event.id;
}

/** Asks the evidence function for a timeline file (internal: neither recorded nor sent to webhooks). */
export async function requestTimelineFile(detail: TimelineFileDetail, copy: Copy = {}): Promise<string> {
  return put(TIMELINE_FILE_REQUESTED, withDedupe(TimelineFileDetail.parse(detail), copy), EVENT_SOURCE, copy.time);
}

/** Asks the webhook worker to deliver a recorded event again to some webhooks. */
export async function publishRedelivery(detail: RedeliveryDetail): Promise<string> {
  return put(REDELIVERY, RedeliveryDetail.parse(detail));
}

/** A lifecycle event (source `studio.lifecycle`, lambdas/lifecycle/runs.ts): ids only, not recorded for resend. */
export async function publishLifecycle(detailType: string, detail: Record<string, unknown>): Promise<string> {
  return put(detailType, detail, 'studio.lifecycle');
}

/**
 * Puts a workflow event on the bus (and records it for resend). Other handlers call this;
 * the detail is checked against its schema first, so a wrong shape fails where it is made. An entry the bus refuses
 * with a retryable code (throttled, its internal failure) is put again a few times, then fails as a transient error
 * (entry-retry.ts); it is recorded only once it is on the bus.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { putEntry } from './entry-retry';
import { recordEvent } from './record';
import { DETAILS, EVENT_SOURCE, REDELIVERY, RedeliveryDetail, TIMELINE_FILE_REQUESTED, TimelineFileDetail, type DetailOf, type EventName } from './schemas';

export { PublishError } from './entry-retry';

/** Puts one entry; an entry the bus refuses with a retryable code is put again (entry-retry.ts). */
function put(detailType: string, detail: unknown, source = EVENT_SOURCE): Promise<string> {
  const entry = { EventBusName: config().EVENT_BUS_NAME, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) };
  return putEntry(detailType, () => clients().events.send(new PutEventsCommand({ Entries: [entry] })));
}

/** Publishes a workflow event; returns its EventBridge event id. */
export async function publish<E extends EventName>(detailType: E, detail: DetailOf<E>, runtime: Runtime = systemRuntime): Promise<string> {
  const parsed: unknown = DETAILS[detailType].parse(detail);
  const id = await put(detailType, parsed);
  const time = isoSeconds(runtime.now());
  await recordEvent({ id, 'detail-type': detailType, source: EVENT_SOURCE, time, detail: parsed });
  return id;
}

/** Asks the evidence function for a timeline file (internal: neither recorded nor sent to webhooks). */
export async function requestTimelineFile(detail: TimelineFileDetail): Promise<string> {
  return put(TIMELINE_FILE_REQUESTED, TimelineFileDetail.parse(detail));
}

/** Asks the webhook worker to deliver a recorded event again to some webhooks. */
export async function publishRedelivery(detail: RedeliveryDetail): Promise<string> {
  return put(REDELIVERY, RedeliveryDetail.parse(detail));
}

/** A lifecycle event (source `studio.lifecycle`, lambdas/lifecycle/runs.ts): ids only, not recorded for resend. */
export async function publishLifecycle(detailType: string, detail: Record<string, unknown>): Promise<string> {
  return put(detailType, detail, 'studio.lifecycle');
}

/**
 * One queue message: an EventBridge event (or a resend of one) → a signed POST to every
 * matching webhook that has not had it yet (none for a trial run's events; an event carrying a `dedupe_id` counts as
 * had when any copy of it was). A failure is reported as `retry` while attempts
 * remain; on the last attempt it goes to the dead-letter store instead.
 */
import { BusEvent, dedupeIdOf, EventName, REDELIVERY, RedeliveryDetail, recordEvent, type RecordKey } from '../events/contract';
import { isoSeconds, type Runtime } from '../shared/ids';
import { listWebhooks, type WebhookItem } from '../store/webhooks';
import { deleteDeadLetter, putDeadLetter } from './dead-letters';
import { buildDelivery, type Delivery } from './payload';
import type { Send } from './send';
import type { WebhookSettings } from './settings';
import { claimDelivery, settleDelivery } from './state';

export interface ProcessDeps { runtime: Runtime; send: Send; settings: WebhookSettings; log: (msg: string, data?: unknown) => void }
export type Outcome = 'done' | 'retry';

/**
 * Webhooks that receive an action of an environment (`only`: the webhooks a resend names). A
 * sandbox webhook never receives live events, whatever its stored `environments` say.
 */
export const matches = (w: WebhookItem, d: Pick<Delivery, 'action' | 'environment'>, only?: ReadonlySet<string>) =>
  w.enabled && w.events.includes(d.action) && w.environments.includes(d.environment) && (w.owner === 'live' || d.environment === 'sandbox')
  && (!only || only.has(w.id));

export async function processMessage(body: string, attempt: number, deps: ProcessDeps): Promise<Outcome> {
  let outer: BusEvent;
  try {
    outer = BusEvent.parse(JSON.parse(body));
  } catch (e) {
    deps.log('webhook queue message is not an EventBridge event; dropped', e);
    return 'done';
  }
  const redelivery = outer['detail-type'] === REDELIVERY ? RedeliveryDetail.safeParse(outer.detail) : undefined;
  if (redelivery && !redelivery.success) { deps.log('malformed redelivery; dropped', redelivery.error); return 'done'; }
  const event = redelivery?.data.event ?? outer;
  if (!EventName.safeParse(event['detail-type']).success) return 'done';
  const key = await recordEvent(event, { late: true });
  const only = redelivery?.data ? new Set(redelivery.data.webhook_ids) : undefined;
  // The webhooks first: when none takes this action (a delivery's action is its event's name), the resource is not read.
  const subscribed = (await listWebhooks()).filter((w) => w.enabled && w.events.includes(event['detail-type']) && (!only || only.has(w.id)));
  if (key && !subscribed.length) return 'done';
  const delivery = key && await buildDelivery(event);
  if (!key || !delivery) { deps.log(`${event['detail-type']} ${event.id}: its resource is gone or the detail is malformed; dropped`); return 'done'; }
  // A builder's trial run ("Try it") is not the integrator's: its events reach no webhook.
  if (delivery.trial) return 'done';
  const targets = subscribed.filter((w) => matches(w, delivery, only));
  // A delivery is claimed per webhook by its id: the bus's event id, or for an event that carries a `dedupe_id`, that id,
  // so a copy of it put on the bus again (events/pending.ts) finds the claim done. A resend is a delivery of its own.
  const deliveryId = redelivery ? outer.id : dedupeIdOf(event.detail) ?? outer.id;
  const ctx = { key, eventId: event.id, deliveryId, delivery, attempt };
  const outcomes = await Promise.all(targets.map((w) => deliverTo(w, ctx, deps)));
  return outcomes.includes('retry') ? 'retry' : 'done';
}

interface Ctx { key: RecordKey; eventId: string; deliveryId: string; delivery: Delivery; attempt: number }

async function deliverTo(w: WebhookItem, c: Ctx, deps: ProcessDeps): Promise<Outcome> {
  const { runtime, settings } = deps;
  const claim = await claimDelivery(c.key, w.id, c.deliveryId, runtime.now().getTime(), settings.WEBHOOK_LEASE_SECONDS * 1000, w.owner);
  if (claim !== 'claimed') return claim === 'busy' ? 'retry' : 'done';
  const sent = await deps.send(w.url, c.delivery.body, w.token, settings.WEBHOOK_TIMEOUT_MS);
  const at = isoSeconds(runtime.now());
  if (sent.ok) {
    await settleDelivery(c.key, w.id, c.deliveryId, { status: 'delivered', at, attempts: c.attempt, owner: w.owner });
    await deleteDeadLetter(c.key, w.id, c.eventId);
    return 'done';
  }
  if (c.attempt < settings.WEBHOOK_MAX_ATTEMPTS) {
    await settleDelivery(c.key, w.id, c.deliveryId, { status: 'failed', at, error: sent.error, attempts: c.attempt, owner: w.owner });
    return 'retry';
  }
  const kept = await putDeadLetter({
    webhook_id: w.id, event_id: c.eventId, delivery_id: c.deliveryId, action: c.delivery.action, record: c.key,
    payload: c.delivery.body, last_error: sent.error, attempts: c.attempt, created_at: at,
  });
  if (!kept) { deps.log(`webhook ${w.id}: ${c.delivery.action} ${c.eventId} failed its last attempt after its run was purged; no dead letter kept`); return 'done'; }
  await settleDelivery(c.key, w.id, c.deliveryId, { status: 'dead', at, error: sent.error, attempts: c.attempt, owner: w.owner });
  deps.log(`webhook ${w.id}: ${c.delivery.action} ${c.eventId} dead-lettered after ${c.attempt} attempts: ${sent.error}`);
  return 'done';
}

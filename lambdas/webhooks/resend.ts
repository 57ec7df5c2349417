/**
 * Resend: replays recorded events to the caller's matching webhooks by putting a redelivery
 * on the bus (the worker then retries and dead-letters it like any delivery; a success removes
 * the webhook's dead letter for that event). Resources of another environment count as unknown.
 * The replay goes to every webhook that would have received the event (Onfido: "all webhooks
 * registered with a matching environment"), also a live token's webhook subscribed to sandbox.
 * A bus that refuses a redelivery (throttled, failing, after entry-retry.ts's tries) is a 503 naming how many events
 * went: nothing is recorded by a resend, so sending it again only resends.
 */
import { findEvents, publishRedelivery } from '../events/contract';
import { isTransientAwsError, unavailable, validationError } from '../shared/errors';
import { listWebhooks, type Environment } from '../store/webhooks';
import { buildDelivery } from './payload';
import { matches } from './process';

export interface ResendItem { resource_id: string; event: string }

export async function resend(items: ResendItem[], environment: Environment): Promise<void> {
  // Per item, the recorded events of the caller's environment (another environment's are left out, as unknown).
  const found = await Promise.all(items.map(async (item) => {
    const events = (await findEvents(item.resource_id, item.event)).map((r) => r.event);
    const built = await Promise.all(events.map(async (event) => ({ event, delivery: await buildDelivery(event) })));
    return built.filter((b) => b.delivery?.environment === environment);
  }));
  const missing: Record<string, string[]> = Object.create(null);
  found.forEach((list, i) => { if (list.length === 0) missing[`data.${i}`] = [`no ${items[i]!.event} event was recorded for ${items[i]!.resource_id}`]; });
  if (Object.keys(missing).length > 0) throw validationError('Some events cannot be resent', missing);
  const deliveries = found.flat();
  const webhooks = await listWebhooks();
  let sent = 0;
  for (const { event, delivery } of deliveries) {
    const ids = delivery ? webhooks.filter((w) => matches(w, delivery)).map((w) => w.id) : [];
    try {
      if (ids.length > 0) await publishRedelivery({ event, webhook_ids: ids });
    } catch (e) {
      if (!isTransientAwsError(e)) throw e;
      const why = (e as { code?: string }).code ?? (e as Error).name;
      throw unavailable(`The event bus did not take the resend for now (${why}): ${sent} of ${deliveries.length} events were resent; the request can be retried`);
    }
    sent++;
  }
}

/**
 * Delivery state of one delivery (an EventBridge event id: the original event, or a resend)
 * to one webhook, kept in the `deliveries` map of the recorded event. A conditional claim
 * makes each (delivery, webhook) pair go out once even when SQS hands a message out twice,
 * and makes a retry skip the webhooks that already got it. Each state names the webhook's
 * `owner` (the environment of the token that created it): a run's timeline shows only the
 * deliveries to its own environment's webhooks (evidence/timeline.ts).
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import type { RecordKey } from '../events/contract';
import type { Environment } from '../store/webhooks';

export type Claim = 'claimed' | 'done' | 'busy';
const DeliveryState = z.object({ status: z.enum(['sending', 'failed', 'delivered', 'dead']), lease_until: z.number().optional() });

const stateKey = (webhookId: string, deliveryId: string) => `${webhookId}#${deliveryId}`;
const isConditionFailure = (e: unknown) => e instanceof Error && e.name === 'ConditionalCheckFailedException';

/** Claims the pair for sending until `now + leaseMs`; `done` if it was delivered or dead-lettered, `busy` if another worker holds it. */
export async function claimDelivery(key: RecordKey, webhookId: string, deliveryId: string, now: number, leaseMs: number, owner: Environment): Promise<Claim> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: key,
      UpdateExpression: 'SET deliveries.#k = :claim',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(deliveries.#k) OR deliveries.#k.#s = :failed '
        + 'OR (deliveries.#k.#s = :sending AND deliveries.#k.lease_until < :now))',
      ExpressionAttributeNames: { '#k': stateKey(webhookId, deliveryId), '#s': 'status' },
      ExpressionAttributeValues: { ':claim': { status: 'sending', lease_until: now + leaseMs, owner }, ':failed': 'failed', ':sending': 'sending', ':now': now },
    }));
    return 'claimed';
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  const state = await readState(key, webhookId, deliveryId);
  if (!state) throw new Error(`event record ${key.pk} ${key.sk} is missing; it is written before any delivery`);
  return state.status === 'sending' ? 'busy' : 'done';
}

async function readState(key: RecordKey, webhookId: string, deliveryId: string) {
  const res = await clients().doc.send(new GetCommand({
    TableName: config().TABLE_NAME, Key: key, ConsistentRead: true,
    ProjectionExpression: 'deliveries.#k', ExpressionAttributeNames: { '#k': stateKey(webhookId, deliveryId) },
  }));
  const deliveries = z.object({ deliveries: z.record(z.string(), DeliveryState).optional() }).safeParse(res.Item ?? {});
  return deliveries.success ? deliveries.data.deliveries?.[stateKey(webhookId, deliveryId)] : undefined;
}

/** Ends the claim: delivered, failed (a later attempt may claim it again), or dead (in the dead-letter store). */
export async function settleDelivery(key: RecordKey, webhookId: string, deliveryId: string,
  outcome: { status: 'delivered' | 'failed' | 'dead'; at: string; error?: string; attempts: number; owner: Environment }): Promise<void> {
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: key,
    UpdateExpression: 'SET deliveries.#k = :state',
    ExpressionAttributeNames: { '#k': stateKey(webhookId, deliveryId) },
    ExpressionAttributeValues: { ':state': outcome },
  }));
}

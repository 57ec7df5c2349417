/**
 * Webhooks: one item per webhook (`keys.webhook`), all of them in one collection (gsi1,
 * `keys.webhooks()`) because the delivery worker matches every event against every webhook.
 * `owner` is the environment of the token that created it: a sandbox token never sees a live
 * webhook. `token` is the signing secret, returned to its owner as Onfido does.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { createdKey, keys } from './table';

export const Environment = z.enum(['sandbox', 'live']);
export type Environment = z.infer<typeof Environment>;

export const WebhookItem = z.object({
  id: z.string(),
  owner: Environment,
  /** Onfido's optional label of the webhook. */
  name: z.string().optional(),
  url: z.string(),
  token: z.string(),
  enabled: z.boolean(),
  events: z.array(z.string()),
  environments: z.array(Environment),
  payload_version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookItem = z.infer<typeof WebhookItem>;

const table = () => config().TABLE_NAME;

/** Writes the webhook (create or replace). */
export async function putWebhook(w: WebhookItem): Promise<void> {
  await clients().doc.send(new PutCommand({
    TableName: table(),
    Item: { ...keys.webhook(w.id), ...w, gsi1pk: keys.webhooks(), gsi1sk: createdKey(w.created_at, w.id) },
  }));
}

export async function getWebhook(id: string): Promise<WebhookItem | undefined> {
  const res = await clients().doc.send(new GetCommand({ TableName: table(), Key: keys.webhook(id), ConsistentRead: true }));
  return res.Item ? WebhookItem.parse(res.Item) : undefined;
}

/** Every webhook, oldest first. */
export async function listWebhooks(): Promise<WebhookItem[]> {
  const out: WebhookItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await clients().doc.send(new QueryCommand({
      TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.webhooks() }, ExclusiveStartKey: start,
    }));
    for (const item of res.Items ?? []) out.push(WebhookItem.parse(item));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Deletes the webhook; false if there was none. */
export async function deleteWebhook(id: string): Promise<boolean> {
  const res = await clients().doc.send(new DeleteCommand({ TableName: table(), Key: keys.webhook(id), ReturnValues: 'ALL_OLD' }));
  return res.Attributes !== undefined;
}

/** The webhook as the API returns it (no `name`: `null`). */
export function formatWebhook(w: WebhookItem) {
  return {
    id: w.id, name: w.name ?? null, url: w.url, token: w.token, href: `/v3.6/webhooks/${w.id}`,
    enabled: w.enabled, events: w.events, environments: w.environments, payload_version: w.payload_version,
  };
}

/** AWS SDK clients, created once per process, pointed at local endpoints when configured. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config, type Config } from './config';
import { traced } from './powertools';
import { countAwsCalls } from './aws-calls';
import { countRoundTrips } from './round-trips';

// Locally the credentials come from the environment too: the local stack sets its own.
const local = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});

export interface Clients { dynamodb: DynamoDBClient; doc: DynamoDBDocumentClient; s3: S3Client; sfn: SFNClient; events: EventBridgeClient }

let cached: Clients | undefined;
export function clients(c: Config = config()): Clients {
  if (cached) return cached;
  const region = c.AWS_REGION;
  const dynamodb = countAwsCalls(countRoundTrips(traced(new DynamoDBClient({ region, ...local(c.DYNAMODB_ENDPOINT) }))), 'dynamodb');
  cached = {
    dynamodb,
    doc: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    s3: countAwsCalls(traced(new S3Client({ region, ...local(c.S3_ENDPOINT), ...(c.S3_ENDPOINT ? { forcePathStyle: true } : {}) })), 's3'),
    sfn: traced(new SFNClient({ region, ...local(c.SFN_ENDPOINT) })),
    events: traced(new EventBridgeClient({ region, ...local(c.EVENTS_ENDPOINT) })),
  };
  return cached;
}

/** Clients that `resetClients` replaced: a request may still be under way on them, so they close with the rest. */
const replaced: Clients[] = [];

/** Forgets the clients (the next `clients()` makes new ones, say for another endpoint); closeClients closes them. */
export const resetClients = () => { if (cached) replaced.push(cached); cached = undefined; };

/**
 * Closes the connections of the clients, and of those replaced since, and forgets them (the next
 * `clients()` makes new ones). A process that runs a stack and goes on without it (tests, the
 * benchmark) calls this on stop: an idle keep-alive socket stays open until the server drops it,
 * holding what made it.
 */
export function closeClients(): void {
  const open = [...replaced.splice(0), ...(cached ? [cached] : [])];
  cached = undefined;
  for (const c of open) for (const client of [c.dynamodb, c.s3, c.sfn, c.events]) client.destroy();
}

/**
 * Retry delays on the SQS queue: a failed message's visibility timeout is set to the
 * back-off, so the queue hands it out again then. Needs the record's receipt handle and
 * queue ARN (a real SQS event source has both); without them the queue's own timeout applies.
 */
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { config } from '../shared/config';

export interface QueueRecord { messageId: string; receiptHandle?: string; eventSourceARN?: string }
export type SetDelay = (record: QueueRecord, seconds: number) => Promise<void>;

let sqs: SQSClient | undefined;
const urls = new Map<string, string>();

function client(endpoint: string | undefined): SQSClient {
  sqs ??= new SQSClient({ region: config().AWS_REGION, ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}) });
  return sqs;
}

async function queueUrl(c: SQSClient, arn: string): Promise<string> {
  const known = urls.get(arn);
  if (known) return known;
  const [, , , , account, name] = arn.split(':');
  if (!account || !name) throw new Error(`not an SQS queue ARN: ${arn}`);
  const res = await c.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }));
  if (!res.QueueUrl) throw new Error(`no URL for queue ${arn}`);
  urls.set(arn, res.QueueUrl);
  return res.QueueUrl;
}

export function sqsDelay(endpoint?: string): SetDelay {
  return async (record, seconds) => {
    if (!record.receiptHandle || !record.eventSourceARN) return;
    const c = client(endpoint);
    await c.send(new ChangeMessageVisibilityCommand({
      QueueUrl: await queueUrl(c, record.eventSourceARN), ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds,
    }));
  };
}

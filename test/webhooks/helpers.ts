/** Test pieces: a scripted webhook receiver on 127.0.0.1, runs in the table, events as the bus delivers them. */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { putRun, type Environment } from '../../lambdas/store/runs';
import { keys } from '../../lambdas/store/table';
import type { BusEvent } from '../../lambdas/events/contract';

export interface Received { body: string; headers: Record<string, string | string[] | undefined> }
export interface Receiver { url: string; received: Received[]; close(): Promise<void> }

/** Answers each request with the next status of `script` (the last one repeats). */
export async function startReceiver(script: number[] = [200]): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.statusCode = script[Math.min(received.length - 1, script.length - 1)]!;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`, received,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A run that ended `approved`, as the state machine leaves it. */
export async function endedRun(environment: Environment, status = 'approved'): Promise<string> {
  const id = randomUUID();
  await putRun({
    id, environment, applicant_id: randomUUID(), workflow_id: randomUUID(), workflow_version_id: 1, tags: ['t1'],
    customer_user_id: null, link: { completed_redirect_url: null, expired_redirect_url: null, expires_at: null, language: null },
    custom_data: {}, created_at: '2025-01-02T03:04:05.000Z',
  });
  await clients().doc.send(new UpdateCommand({
    TableName: config().TABLE_NAME, Key: keys.run(id),
    UpdateExpression: 'SET #s = :s, #r = :r, completed_at = :t, updated_at = :t',
    ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
    ExpressionAttributeValues: { ':s': status, ':r': JSON.stringify({ status, task_id: 'decide', reasons: ['ok'], output: { score: 1 } }), ':t': '2025-01-02T03:05:06.789Z' },
  }));
  return id;
}

/** `workflow_run.completed` as EventBridge hands it to a target. */
export function runCompleted(runId: string, status = 'approved'): BusEvent {
  return {
    version: '0', id: randomUUID(), 'detail-type': 'workflow_run.completed', source: 'studio.workflows', account: '000000000000',
    time: '2025-01-02T03:05:07Z', region: 'us-east-1', resources: [],
    detail: { workflow_run_id: runId, applicant_id: 'a', status, result: { status, task_id: 'decide', reasons: ['ok'], output: { score: 1 } } },
  };
}

/** One SQS record carrying an event, at the given receive count. */
export const sqsBatch = (event: unknown, attempt = 1) =>
  ({ Records: [{ messageId: randomUUID(), body: JSON.stringify(event), attributes: { ApproximateReceiveCount: String(attempt) } }] });

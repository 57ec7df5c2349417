/** Test pieces: a scripted webhook receiver on 127.0.0.1, runs in the table, events as the bus delivers them. */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../lambdas/api/app';
import { buildRouter } from '../../lambdas/api/routes';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { putRun, type Environment } from '../../lambdas/store/runs';
import { keys } from '../../lambdas/store/table';
import type { BusEvent } from '../../lambdas/events/contract';

export interface Received { body: string; headers: Record<string, string | string[] | undefined> }
/** `script`: the status of each answer in turn, the last one repeating (tests may change it). */
export interface Receiver { url: string; received: Received[]; script: number[]; close(): Promise<void> }

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
    url: `http://127.0.0.1:${port}/hooks`, received, script,
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

/** Polls until `probe` holds (a real server answers asynchronously), at most `ms`. */
export async function eventually(probe: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One SQS record carrying an event, at the given receive count. */
export const sqsBatch = (event: unknown, attempt = 1) =>
  ({ Records: [{ messageId: randomUUID(), body: JSON.stringify(event), attributes: { ApproximateReceiveCount: String(attempt) } }] });

/** Calls the API in process, as API Gateway would (the gateway's middy wrapper is ESM, which jest does not load). */
export function apiClient(token: () => string) {
  const app = createApp(buildRouter());
  return async (method: string, path: string, body?: unknown, raw?: string) => {
    const res = await app({
      version: '2.0', rawPath: path, rawQueryString: '', isBase64Encoded: false,
      headers: { authorization: `Token token=${token()}`, 'content-type': 'application/json' },
      requestContext: { http: { method, sourceIp: '127.0.0.1' } },
      ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) as Record<string, unknown> : undefined };
  };
}

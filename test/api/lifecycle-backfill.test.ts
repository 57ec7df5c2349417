/**
 * Applicants deleted before purges were scheduled (`delete_at` set, no due item: what DELETE
 * wrote before the lifecycle existed) are purged too: the sweep (injected clock) gives each its
 * due item at its `delete_at`, so a past one goes in the same pass and a future one when due.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { sweep } from '../../lambdas/lifecycle/sweep';
import { startTestStack, type TestStack } from '../helpers/stack';
import { lifecycleKit } from './lifecycle-helpers';

const HOUR = 3_600_000;
let stack: TestStack;
let kit: ReturnType<typeof lifecycleKit>;
let ddb: DynamoDBClient;
beforeAll(async () => {
  stack = await startTestStack();
  kit = lifecycleKit(stack);
  ddb = new DynamoDBClient({ region: stack.env.AWS_REGION, endpoint: stack.endpoints.dynamodb,
    credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY } });
}, 120_000);
afterAll(async () => {
  ddb.destroy();
  kit.close();
  await stack.stop();
});

const api = <T = Record<string, unknown>>(method: string, path: string, json?: unknown) => kit.t.call<T>(method, path, json);

/** An applicant deleted the way DELETE did before purges were scheduled: `delete_at` alone. */
async function deletedEarlier(deleteAt: Date): Promise<{ id: string; name: string }> {
  const name = `Earlier${randomBytes(5).toString('hex')}`;
  const id = await kit.t.applicant({ first_name: name });
  await ddb.send(new UpdateItemCommand({
    TableName: stack.env.TABLE_NAME, Key: { pk: { S: `APPLICANT#${id}` }, sk: { S: 'APPLICANT' } },
    UpdateExpression: 'SET delete_at = :at', ExpressionAttributeValues: { ':at': { S: deleteAt.toISOString() } },
  }));
  return { id, name };
}

it('purges applicants whose delete_at passed without a scheduled purge, and schedules those still in their grace period', async () => {
  const now = new Date();
  const past = await deletedEarlier(new Date(now.getTime() - 30 * 24 * HOUR));
  const future = await deletedEarlier(new Date(now.getTime() + 5 * HOUR));
  const kept = await kit.t.applicant({ first_name: 'Kept' });

  expect(await sweep(now)).toMatchObject({ purged: 1 });
  expect((await api('GET', `/v3.6/applicants/${past.id}`)).status).toBe(404);
  expect((await kit.tableText()).filter((i) => i.includes(past.name))).toEqual([]);
  const record = (await api<{ erasures: Array<Record<string, unknown>> }>('GET', `/v3.6/erasures?applicant_id=${past.id}`)).body.erasures;
  expect(record).toEqual([expect.objectContaining({ reason: 'deletion', requested_by: { kind: 'deleted_before_scheduling' } })]);

  // Still in its grace period: scheduled at its delete_at, purged once that has passed.
  expect((await api('GET', `/v3.6/applicants/${future.id}`)).status).toBe(200);
  expect(await sweep(new Date(now.getTime() + 4 * HOUR))).toMatchObject({ purged: 0 });
  expect(await sweep(new Date(now.getTime() + 6 * HOUR))).toMatchObject({ purged: 1 });
  expect((await api('GET', `/v3.6/applicants/${future.id}`)).status).toBe(404);
  expect((await api('GET', `/v3.6/applicants/${kept}`)).status).toBe(200);
}, 120_000);

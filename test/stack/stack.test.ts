import { client } from '../../local/stack/client';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { evidenceSigningKey, forgetSigningKey } from '../../lambdas/evidence/signing-key';
import { clients } from '../../lambdas/shared/aws';
import type { BusEvent } from '../../local/events';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 60_000);
afterAll(() => stack?.stop());

/** Clients of the stack's endpoints sign with its own credentials (the Step Functions API checks them). */
const local = () => ({ region: 'us-east-1', credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY } });

test('the table exists with its indexes', async () => {
  const t = await clients().dynamodb.send(new DescribeTableCommand({ TableName: stack.env.TABLE_NAME }));
  expect(t.Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
  expect(t.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['by_env_status', 'by_status', 'gsi1', 'gsi2', 'review_queue']);
});

test('a test stack signs evidence with the run’s key (test/global-setup.ts), copied into its own folder, 600', async () => {
  const run = process.env.STUDIO_TEST_EVIDENCE_KEY!;
  const file = stack.env.EVIDENCE_SIGNING_KEY_FILE!;
  expect(path.dirname(file)).not.toBe(path.dirname(run));
  expect(statSync(file).mode & 0o777).toBe(0o600);
  forgetSigningKey();
  expect(JSON.stringify(await evidenceSigningKey())).toBe(readFileSync(run, 'utf8'));
});

test('S3 objects are put and read back', async () => {
  const bytes = Buffer.from([0, 1, 2, 255, 254]);
  await clients().s3.send(new PutObjectCommand({ Bucket: stack.env.BUCKET_NAME, Key: 'test/a.bin', Body: bytes, ContentType: 'application/octet-stream' }));
  const got = await clients().s3.send(new GetObjectCommand({ Bucket: stack.env.BUCKET_NAME, Key: 'test/a.bin' }));
  expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(bytes);
});

test('GET /v3.6/ping answers OK as text through the gateway, as Onfido does', async () => {
  const res = await stack.api('/v3.6/ping', { token: null });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await res.text()).toBe('OK');
  // The CLI's client (studio demo checks the stack with it) reads it as text, and JSON as JSON.
  const cli = client(stack.url, stack.apiToken);
  expect(await cli.call('GET', '/v3.6/ping')).toBe('OK');
  expect(await cli.call('GET', '/v3.6/applicants')).toMatchObject({ applicants: expect.any(Array) });
});

test('an unknown path gets Onfido\'s 404 body', async () => {
  const res = await stack.apiJson<{ error: { type: string; message: string; fields: object } }>('/v3.6/nothing-here');
  expect(res.status).toBe(404);
  expect(res.body.error).toEqual({ type: 'resource_not_found', message: expect.any(String), fields: {} });
});

test('a bad token gets 401', async () => {
  const res = await stack.apiJson<{ error: { type: string } }>('/v3.6/applicants', { token: 'api_sandbox.not-a-real-token-at-all' });
  expect(res.status).toBe(401);
  expect(res.body.error.type).toBe('authorization_error');
  expect((await stack.apiJson('/v3.6/applicants', { token: null })).status).toBe(401);
});

test('a state machine created through the SFN API runs', async () => {
  const sfn = new SFNClient({ ...local(), endpoint: stack.endpoints.sfn });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: 'stack-test', roleArn: 'arn:aws:iam::000000000000:role/test',
    definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Done', States: { Done: { Type: 'Pass', Output: '{% {"sum": $states.input.a + 1} %}', End: true } } }),
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"a": 41}' }));
  await stack.engine.idle();
  const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  expect(d.status).toBe('SUCCEEDED');
  expect(JSON.parse(d.output ?? '{}')).toEqual({ sum: 42 });
});

test('a failed execution emits a Step Functions status-change event on the default bus', async () => {
  const seen: BusEvent[] = [];
  stack.bus.registerTarget('status-target', async (e) => { seen.push(e); });
  stack.bus.putRule({ Name: 'status-rule', EventPattern: { source: ['aws.states'], detail: { status: ['FAILED'] } } });
  stack.bus.putTargets('status-rule', [{ Id: 's', Arn: 'status-target' }]);
  const sfn = new SFNClient({ ...local(), endpoint: stack.endpoints.sfn });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: 'stack-fail', roleArn: 'arn:aws:iam::000000000000:role/test',
    definition: JSON.stringify({ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Boom', Cause: 'on purpose' } } }),
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'r-1', input: '{}' }));
  await stack.flushExecutionEvents();
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ source: 'aws.states', 'detail-type': 'Step Functions Execution Status Change', resources: [executionArn],
    detail: { executionArn, name: 'r-1', status: 'FAILED', error: 'Boom', cause: 'on purpose', input: '{}' } });
});

test('an event put through the EventBridge API reaches a rule target', async () => {
  const seen: BusEvent[] = [];
  stack.bus.registerTarget('test-target', async (e) => { seen.push(e); });
  const eb = new EventBridgeClient({ ...local(), endpoint: stack.endpoints.events });
  await eb.send(new PutRuleCommand({ Name: 'test-rule', EventBusName: 'studio', EventPattern: JSON.stringify({ source: ['test.stack'], detail: { n: [{ numeric: ['>', 1] }] } }) }));
  await eb.send(new PutTargetsCommand({ Rule: 'test-rule', EventBusName: 'studio', Targets: [{ Id: 't', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:test-target' }] }));
  const out = await eb.send(new PutEventsCommand({ Entries: [
    { EventBusName: 'studio', Source: 'test.stack', DetailType: 'x', Detail: JSON.stringify({ n: 2 }) },
    { EventBusName: 'studio', Source: 'test.stack', DetailType: 'x', Detail: JSON.stringify({ n: 0 }) },
  ] }));
  expect(out.FailedEntryCount).toBe(0);
  await stack.bus.runDue();
  expect(seen.map((e) => e.detail)).toEqual([{ n: 2 }]);
  expect(seen[0]).toMatchObject({ version: '0', source: 'test.stack', 'detail-type': 'x', region: 'us-east-1' });
});

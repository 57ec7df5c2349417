/**
 * Parity mode on the synthesized stack (cdk.out cached by a hash of the sources; the first run
 * synthesizes): functions configured from the template, IAM simulated on every AWS call a
 * function or a state machine Task makes, API Gateway's and Lambda's payload limits.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BatchExecuteStatementCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startParityStack, type ParityStack } from '../../local/parity';
import { LOCAL_CREDENTIALS } from '../../local/stack';
import { form, makeMediaFixtures } from '../api/media-fixtures';

let stack: ParityStack;
beforeAll(async () => { stack = await startParityStack({ inMemory: true, apiToken: 'api_sandbox.parity-test-token-0123456789' }); }, 900_000);
afterAll(() => stack?.stop());

const api = (p: string, init: RequestInit = {}) => fetch(`${stack.url}${p}`, { ...init, headers: { authorization: `Token token=${stack.apiToken}`, ...(init.headers as Record<string, string> | undefined) } });
const fn = (key: string) => [...stack.parity.hosts.values()].find((h) => h.spec.name.endsWith(`-${key}`))!;

interface RawFunction { Type: string; Properties: { Handler: string; MemorySize?: number; Timeout?: number; FunctionName?: string; Environment?: { Variables: Record<string, unknown> } } }

it('takes every function\'s handler, memory, timeout and environment from the synthesized template, resolved to the local resources', async () => {
  const file = readFileSync(path.join(stack.parity.assemblyDir, `${stack.parity.template.stackName}.template.json`), 'utf8');
  const raw = Object.entries((JSON.parse(file) as { Resources: Record<string, RawFunction> }).Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  expect(raw.length).toBe(stack.parity.hosts.size);
  for (const [id, r] of raw) {
    // Functions CDK adds (uploads of the web apps) have no FunctionName: found by logical id.
    const host = [...stack.parity.hosts.values()].find((h) => h.spec.logicalId === id)!;
    expect(host.spec).toMatchObject({ handler: r.Properties.Handler, memoryMb: r.Properties.MemorySize ?? 128, timeoutSeconds: r.Properties.Timeout ?? 3 });
    expect(Object.keys(host.spec.environment).sort()).toEqual(Object.keys(r.Properties.Environment?.Variables ?? {}).sort());
    expect(JSON.stringify(host.spec.environment)).not.toMatch(/Fn::|"Ref"/);
  }
  const env = fn('api').spec.environment;
  const processEnv = fn('api').environment();
  // The one documented override: the Cognito pool's local equivalent is local console users (no pool ids).
  expect(processEnv).toMatchObject({ ...env, CONSOLE_USER_POOL_ID: '', CONSOLE_CLIENT_ID: '', AWS_ENDPOINT_URL: stack.parity.endpoints.get(fn('api').spec.roleArn), AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'local', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn('api').spec.memoryMb) });
  expect(Object.keys(processEnv).filter((k) => k.startsWith('JEST') || k === 'STUDIO_MODE' || k === 'npm_lifecycle_event')).toEqual([]);
  expect(env.PUBLIC_URL).toBe(stack.url); // Fn::GetAtt Api.ApiEndpoint → the local gateway
  const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: stack.endpoints.dynamodb, credentials: LOCAL_CREDENTIALS });
  expect((await ddb.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }))).Table?.TableName).toBe(stack.parity.template.table.name);
  const created = await api('/v3.6/applicants', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ first_name: 'Ann', last_name: 'Lee' }) });
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const items = await ddb.send(new ScanCommand({ TableName: env.TABLE_NAME }));
  expect(JSON.stringify(items.Items)).toContain(id);
}, 120_000);

it('refuses an AWS call the role does not grant with AccessDeniedException, as AWS does', async () => {
  const endpoint = stack.parity.endpoints.get(fn('api').spec.roleArn)!;
  const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
  const table = stack.parity.template.table.name;
  await expect(ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'parity' }, sk: { S: 'probe' } } }))).resolves.toBeDefined();
  await expect(ddb.send(new ScanCommand({ TableName: table }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:Scan') });
  const tasks = new S3Client({ region: 'us-east-1', endpoint: stack.parity.endpoints.get(fn('tasks').spec.roleArn)!, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  await expect(tasks.send(new ListObjectsV2Command({ Bucket: stack.parity.template.bucket.name }))).rejects.toMatchObject({ name: 'AccessDenied' });
  await expect(tasks.send(new PutObjectCommand({ Bucket: stack.parity.template.bucket.name, Key: 'x', Body: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  // A service parity mode does not serve is refused: the call would have gone to AWS.
  const sts = await fetch(endpoint, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=local/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x' }, body: 'Action=GetCallerIdentity' });
  expect(sts.status).toBe(400);
  expect(await sts.json()).toMatchObject({ __type: expect.stringContaining('UnrecognizedClientException') });
}, 60_000);

it('fails a function whose role lacks a grant it needs (a policy without dynamodb:PutItem)', async () => {
  const role = stack.parity.template.roles.get(fn('api').spec.roleArn.split('/')[1]!)!;
  const original = role.policies;
  const without = original.map((p) => ({ name: p.name, policy: { ...p.policy, Statement: (p.policy.Statement as Array<{ Action: string | string[] }>).map((s) => ({ ...s, Action: ([] as string[]).concat(s.Action).filter((a) => a !== 'dynamodb:PutItem') })).filter((s) => s.Action.length) } }));
  stack.parity.iam.setPolicies(role.arn, without);
  try {
    const res = await api('/v3.6/applicants', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ first_name: 'No', last_name: 'Grant' }) });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(stack.parity.iam.denials).toContainEqual(expect.objectContaining({ roleArn: role.arn, action: 'dynamodb:PutItem' }));
  } finally {
    stack.parity.iam.setPolicies(role.arn, original);
  }
  expect((await api('/v3.6/applicants', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ first_name: 'Has', last_name: 'Grant' }) })).status).toBe(201);
}, 120_000);

it('checks each PartiQL statement of a batch as its action on the table: the evidence function\'s updates of index items need dynamodb:PartiQLUpdate', async () => {
  const role = stack.parity.template.roles.get(fn('evidence').spec.roleArn.split('/')[1]!)!;
  const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: stack.parity.endpoints.get(role.arn)!, credentials: LOCAL_CREDENTIALS });
  const table = stack.parity.template.table.name;
  const key = { pk: { S: 'RUNINDEX#parity' }, sk: { S: 'NAME#par' } };
  await ddb.send(new PutItemCommand({ TableName: table, Item: { ...key, run_status: { S: 'live' } } }));
  const update = new BatchExecuteStatementCommand({ Statements: [{ Statement: `UPDATE "${table}" SET "run_status" = ? WHERE "pk" = ? AND "sk" = ?`, Parameters: [{ S: 'approved' }, key.pk, key.sk] }] });
  expect((await ddb.send(update)).Responses).toEqual([expect.not.objectContaining({ Error: expect.anything() })]);
  const original = role.policies;
  stack.parity.iam.setPolicies(role.arn, original.map((p) => ({ name: p.name, policy: { ...p.policy, Statement: (p.policy.Statement as Array<{ Action: string | string[] }>).map((st) => ({ ...st, Action: ([] as string[]).concat(st.Action).filter((a) => a !== 'dynamodb:PartiQLUpdate') })).filter((st) => st.Action.length) } })));
  try {
    await expect(ddb.send(update)).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:PartiQLUpdate') });
  } finally {
    stack.parity.iam.setPolicies(role.arn, original);
  }
}, 60_000);

it('fails a state machine Task the workflow role may not call', async () => {
  const workflowRole = fn('api').spec.environment.STATE_MACHINE_ROLE_ARN!;
  const role = [...stack.parity.template.roles.values()].find((r) => r.arn === workflowRole)!;
  const original = role.policies;
  stack.parity.iam.setPolicies(role.arn, []);
  try {
    const machine = `arn:aws:states:us-east-1:123456789012:stateMachine:parity-probe`;
    const definition = JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fn('tasks').spec.name, Payload: {} }, End: true } } });
    await stack.engine.start({ executionArn: `${machine.replace(':stateMachine:', ':execution:')}:one`, stateMachineArn: machine, name: 'one', definition, roleArn: role.arn, input: '{}' });
    await stack.engine.idle();
    const ended = await stack.engine.describe(`${machine.replace(':stateMachine:', ':execution:')}:one`);
    expect(ended).toMatchObject({ status: 'FAILED', error: 'Lambda.AWSLambdaException' });
    expect(ended?.cause).toContain('lambda:InvokeFunction');
  } finally {
    stack.parity.iam.setPolicies(role.arn, original);
  }
}, 60_000);

// Through the distribution, the viewer-request function refuses it first, with Onfido's error body
// (test/parity/cloudfront-functions.test.ts covers the edge; the API's own 413 stays behind it).
it('answers 413 when the event exceeds Lambda\'s 6 MB synchronous payload (base64 body) and passes a smaller one through', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024, 7); // 5 MB binary: ~6.7 MB once base64 in the event
  const res = await api('/v3.6/documents', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: big });
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({ error: { type: 'payload_too_large', fields: {} } });
  const small = await api('/v3.6/documents', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(1024, 7) });
  expect(small.status).not.toBe(413);
  expect(small.status).toBeLessThan(500);
}, 60_000);

// The template routes the frame routes to the reports function (lib/api.ts: it has ffmpeg); the
// API function, which has not, answered 404 "There is no endpoint" for them before parity routed by the template.
it('serves a video\'s first frame through the route the template gives the reports function', async () => {
  const { webm } = await makeMediaFixtures();
  const applicant = await (await api('/v3.6/applicants', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ first_name: 'Frame', last_name: 'Route' }) })).json() as { id: string };
  const up = await api('/v3.6/live_videos', { method: 'POST', body: form({ applicant_id: applicant.id }, { bytes: webm, name: 'face.webm', type: 'video/webm' }) });
  expect(up.status).toBe(201);
  const frame = await api(`/v3.6/live_videos/${(await up.json() as { id: string }).id}/frame`);
  expect([frame.status, frame.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  expect(Buffer.from(await frame.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
}, 120_000);

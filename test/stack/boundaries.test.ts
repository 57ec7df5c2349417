/**
 * The local stand-ins are closed to everyone but the stack: the Step Functions API checks
 * SigV4 with the stack's own credentials, s3rver refuses anonymous requests and answers CORS
 * only for the allowed origins, SDK tokens are signed with a random key (a token signed with
 * the key this code once shipped is refused), the machine's AWS credentials are never used, and
 * nothing listens beyond loopback.
 */
import { createHmac } from 'node:crypto';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { listeningAddresses } from '../helpers/listening';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  // A machine with AWS credentials of its own: the stack must not use them, nor instance metadata.
  Object.assign(process.env, { AWS_PROFILE: 'real-account', AWS_SESSION_TOKEN: 'real-session', AWS_ACCESS_KEY_ID: 'AKIAREALKEY' });
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.stop());

const sfn = (secretAccessKey: string) => new SFNClient({ region: 'us-east-1', endpoint: stack.endpoints.sfn, credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID, secretAccessKey } });
const port = (url: string) => Number(new URL(url).port);

test('the Step Functions API refuses unsigned and wrongly signed requests, and serves the stack\'s signature', async () => {
  const unsigned = await fetch(stack.endpoints.sfn, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
  expect(unsigned.status).toBe(403);
  expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  await expect(sfn('local').send(new ListStateMachinesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  const ok = await sfn(stack.env.AWS_SECRET_ACCESS_KEY).send(new ListStateMachinesCommand({}));
  expect(ok.stateMachines).toEqual(expect.any(Array));
});

test('S3 refuses anonymous requests and answers CORS only for the stack\'s own origin', async () => {
  const bucket = `${stack.endpoints.s3}/${stack.env.BUCKET_NAME}`;
  expect((await fetch(`${bucket}?list-type=2`)).status).toBe(403);
  expect((await fetch(`${bucket}/any/object`, { headers: { origin: 'http://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
  const preflight = (origin: string) => fetch(`${bucket}/media/x`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT' } });
  const evil = await preflight('http://evil.example');
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  expect(evil.status).toBe(403);
  const own = await preflight(new URL(stack.url).origin);
  expect(own.status).toBe(200);
  expect(own.headers.get('access-control-allow-origin')).not.toBeNull();
});

test('an SDK token signed with the once-published constant key is refused', async () => {
  const applicant = await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Ann', last_name: 'Lee' } });
  const payload = Buffer.from(JSON.stringify({ applicant_id: applicant.body.id, environment: 'sandbox', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
  const forged = `${payload}.${createHmac('sha256', 'local-development-sdk-token-secret').update(payload).digest('base64url')}`;
  expect((await stack.api(`/v3.6/applicants/${applicant.body.id}`, { sdkToken: forged })).status).toBe(401);
  expect(stack.env.SDK_TOKEN_SECRET).not.toBe('local-development-sdk-token-secret');
  expect(stack.env.SDK_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
});

test('the stack\'s own credentials replace the machine\'s, and instance metadata is off', () => {
  expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
  expect(process.env.AWS_PROFILE).toBeUndefined();
  expect(process.env.AWS_SESSION_TOKEN).toBeUndefined();
  expect(process.env.AWS_ACCESS_KEY_ID).toBe(stack.env.AWS_ACCESS_KEY_ID);
  expect(process.env.AWS_SECRET_ACCESS_KEY).toBe(stack.env.AWS_SECRET_ACCESS_KEY);
});

test('every server of the stack listens on loopback only', () => {
  for (const url of Object.values(stack.endpoints)) expect(listeningAddresses(port(url))).toEqual(['127.0.0.1']);
});

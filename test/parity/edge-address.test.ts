/**
 * Behind CloudFront, API Gateway sees an edge server as the caller; the API must key its per-address
 * limits on, and record, the viewer's address instead. Parity mode plays the distribution as the
 * template configures it (local/parity/cloudfront-function.ts): the API behavior's viewer-request
 * function, the API origin's custom header (the template's `{{resolve:secretsmanager:…}}` reference
 * resolved with this start's secret values, as CloudFormation resolves it at deploy) and an edge
 * server as the peer of the API's event. So this checks the wiring end to end: the secret the
 * distribution sends is the one the API function is given (by ARN), may read (IAM simulated) and
 * loads, and the address recorded for an upload is the viewer's, one per viewer.
 */
import * as http from 'node:http';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import sharp from 'sharp';
import { EDGE_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../../lambdas/api/client-ip';
import { getMedia } from '../../lambdas/store/media';
import { startParityStack, type ParityStack } from '../../local/parity';
import { CLOUDFRONT_EDGE_IP, viewerRequests } from '../../local/parity/cloudfront-function';
import { LOCAL_CREDENTIALS } from '../../local/stack';

let stack: ParityStack;
let png: Buffer;
beforeAll(async () => {
  stack = await startParityStack({ inMemory: true, prewarm: false, apiToken: 'api_sandbox.parity-edge-address-0123456789' });
  png = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 9, g: 9, b: 9 } } }).png().toBuffer();
}, 900_000);
afterAll(() => stack?.stop());

const apiFunction = () => [...stack.parity.hosts.values()].find((h) => h.spec.arn === stack.parity.template.api?.functionArn)!;
const apiBehavior = () => stack.parity.template.webHeaders.find((b) => b.pathPattern === '/v3.6/*')!;

/** A request to the gateway (the distribution's domain here) from a loopback address of our choosing: a viewer. */
function fromViewer(localAddress: string, path: string, init: { method: string; headers: Record<string, string>; body: Buffer }): Promise<{ status: number; body: string }> {
  const url = new URL(path, stack.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: init.method, localAddress, headers: { ...init.headers, 'content-length': String(init.body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A live photo uploaded by a viewer at `localAddress` (headers of its own added): the address the API recorded for it,
 *  and the peer each of the API function's events named (API Gateway's `sourceIp`). */
async function recordedAddress(localAddress: string, headers: Record<string, string> = {}): Promise<{ recorded: string | undefined; peers: string[] }> {
  const invoke = jest.spyOn(apiFunction(), 'invoke');
  const auth = { authorization: `Token token=${stack.apiToken}` };
  const applicant = await fromViewer(localAddress, '/v3.6/applicants', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ first_name: 'Ana', last_name: 'Ruiz' })) });
  expect(applicant.status).toBe(201);
  const form = new FormData();
  form.set('applicant_id', (JSON.parse(applicant.body) as { id: string }).id);
  form.set('file', new Blob([png], { type: 'image/png' }), 'selfie.png');
  const encoded = new Request('http://form.invalid', { method: 'POST', body: form });
  const photo = await fromViewer(localAddress, '/v3.6/live_photos', {
    method: 'POST', headers: { ...auth, ...headers, 'content-type': encoded.headers.get('content-type')! }, body: Buffer.from(await encoded.arrayBuffer()),
  });
  expect(photo.status).toBe(201);
  const peers = invoke.mock.calls.map(([event]) => (event as { requestContext: { http: { sourceIp: string } } }).requestContext.http.sourceIp);
  invoke.mockRestore();
  return { recorded: (await getMedia((JSON.parse(photo.body) as { id: string }).id, 'live_photos', 'sandbox')).device?.source_ip, peers };
}

it('the API origin sends the secret the API function is given by ARN and may read (the dynamic reference names that secret)', async () => {
  const arn = apiFunction().spec.environment.STUDIO_EDGE_SECRET_ARN;
  expect(arn).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:/);
  expect(apiBehavior().customOrigin?.headers).toEqual({ [EDGE_SECRET_HEADER]: `{{resolve:secretsmanager:${arn}:SecretString:::}}` });
  // Read as the API function reads it at cold start: through its role's endpoint, IAM simulated.
  const sm = new SecretsManagerClient({ region: 'us-east-1', endpoint: stack.parity.endpoints.get(apiFunction().spec.roleArn)!, credentials: LOCAL_CREDENTIALS });
  const value = (await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString!;
  sm.destroy();
  expect(value).toMatch(/^[A-Za-z0-9_-]{64}$/);
  // What the stand-in hands the API for a request through the distribution: the secret, the viewer, an edge server as the peer.
  const edge = await viewerRequests(stack.parity.template.webHeaders, { secretValue: (id) => (id === arn ? value : undefined) })(
    { method: 'GET', uri: '/v3.6/ping', querystring: '', headers: { [VIEWER_ADDRESS_HEADER]: '6.6.6.6', [EDGE_SECRET_HEADER]: 'guess' }, ip: '::ffff:127.0.0.2' });
  expect(edge).toMatchObject({ origin: { sourceIp: CLOUDFRONT_EDGE_IP, headers: { [EDGE_SECRET_HEADER]: value, [VIEWER_ADDRESS_HEADER]: '127.0.0.2' } } });
});

it('records the viewer\'s address, not the edge server\'s API Gateway saw, and one per viewer behind the same edge', async () => {
  const edge = [CLOUDFRONT_EDGE_IP, CLOUDFRONT_EDGE_IP];
  expect(await recordedAddress('127.0.0.1')).toEqual({ recorded: '127.0.0.1', peers: edge });
  expect(await recordedAddress('127.0.0.2')).toEqual({ recorded: '127.0.0.2', peers: edge });
}, 120_000);

it('is not fooled by a viewer naming its own address or guessing the secret: the edge replaces both', async () => {
  expect(await recordedAddress('127.0.0.3', { [VIEWER_ADDRESS_HEADER]: '81.2.69.142', [EDGE_SECRET_HEADER]: 'guess' }))
    .toEqual({ recorded: '127.0.0.3', peers: [CLOUDFRONT_EDGE_IP, CLOUDFRONT_EDGE_IP] });
}, 120_000);

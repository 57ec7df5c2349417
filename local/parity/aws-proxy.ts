/**
 * The AWS endpoint one principal (a function's role, or the workflow role) sees in parity mode:
 * every SDK request (`AWS_ENDPOINT_URL` points here) is mapped to its IAM actions and
 * resources (aws-actions.ts), simulated against the role (iam.ts), then forwarded byte for byte
 * (Host kept, so signatures still verify) to the local service, or refused as AWS refuses:
 * `AccessDeniedException` in the JSON protocols, `AccessDenied` XML for S3. Secrets Manager is
 * answered here from the template's secrets. A request for a service parity mode does not
 * serve fails (it never leaves the machine).
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dynamodbChecks, eventsChecks, s3Checks, secretsChecks, serviceOf, statesChecks, type Check, type Where } from './aws-actions';
import type { Iam } from './iam';

export interface LocalSecret { arn: string; name: string; value: string; version?: string }
export interface ProxyOptions {
  roleArn: string; iam: Iam; where: Where;
  upstreams: { dynamodb: string; s3: string; states: string; events: string };
  secrets: LocalSecret[];
  log?: (line: string) => void;
}
export interface AwsProxy { url: string; close(): Promise<void> }

const JSON_VERSION: Record<string, string> = { dynamodb: '1.0', states: '1.0', events: '1.1', secretsmanager: '1.1', sqs: '1.0', kms: '1.1' };

export async function startAwsProxy(o: ProxyOptions): Promise<AwsProxy> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { void handle(o, req, res, Buffer.concat(chunks)).catch((e: unknown) => fail(res, 500, 'InternalFailure', (e as Error).message, 'json', '1.0')); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) };
}

async function handle(o: ProxyOptions, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  // A browser's CORS preflight of a presigned S3 request carries no signature (S3 answers it from the bucket's CORS rules).
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return forward(o.upstreams.s3, req, res, body);
  const service = serviceOf(req.headers.authorization, url.searchParams) ?? formCredentialService(req, body);
  const target = String(req.headers['x-amz-target'] ?? '');
  const version = JSON_VERSION[service ?? ''] ?? '1.0';
  if (!service) return fail(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token', service === 's3' ? 'xml' : 'json', version);
  let json: Record<string, unknown> = {};
  if (service !== 's3' && body.length) { try { json = JSON.parse(body.toString('utf8')) as Record<string, unknown>; } catch { /* the service answers */ } }
  let checks: Check[];
  switch (service) {
    case 'dynamodb': checks = dynamodbChecks(target, json, o.where); break;
    case 's3': checks = s3Checks(req.method ?? 'GET', url.pathname, url.searchParams, req.headers, o.where); break;
    case 'states': checks = statesChecks(target, json, o.where); break;
    case 'events': checks = eventsChecks(target, json, o.where); break;
    case 'secretsmanager': checks = secretsChecks(target, json, o.where); break;
    default:
      o.log?.(`aws-proxy: ${o.roleArn} called ${service} ${target || req.method} — not served in parity mode`);
      return fail(res, 400, 'UnrecognizedClientException', `parity mode serves no ${service} endpoint: the call would have gone to AWS`, 'json', version);
  }
  for (const check of checks) {
    const d = await o.iam.check({ roleArn: o.roleArn, ...check });
    if (!d.allowed) return fail(res, service === 's3' ? 403 : 400, service === 's3' ? 'AccessDenied' : 'AccessDeniedException', d.message, service === 's3' ? 'xml' : 'json', version);
  }
  if (service === 'secretsmanager') return secretsManager(o, target, json, res);
  const upstream = service === 'states' ? o.upstreams.states : service === 'events' ? o.upstreams.events : service === 's3' ? o.upstreams.s3 : o.upstreams.dynamodb;
  await forward(upstream, req, res, body);
}

/** A browser's POST object (presigned POST) is signed inside its form: the service of its `X-Amz-Credential` field. */
function formCredentialService(req: http.IncomingMessage, body: Buffer): string | undefined {
  if (req.method !== 'POST' || !/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return undefined;
  const m = /name="X-Amz-Credential"\r\n\r\n([^\r]+)\r\n/i.exec(body.subarray(0, 64 * 1024).toString('latin1'));
  return m ? serviceOf(undefined, new URLSearchParams({ 'X-Amz-Credential': m[1]! })) : undefined;
}

function forward(upstream: string, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
  const u = new URL(upstream);
  return new Promise((resolve, reject) => {
    const out = http.request({ host: u.hostname, port: u.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', resolve);
      up.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

function secretsManager(o: ProxyOptions, target: string, body: Record<string, unknown>, res: http.ServerResponse): void {
  const id = String(body.SecretId ?? '');
  const secret = o.secrets.find((s) => s.arn === id || s.name === id || s.arn.startsWith(`${id}-`) || id.startsWith(s.arn));
  if (!secret) return fail(res, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 'json', '1.1');
  const op = target.slice(target.indexOf('.') + 1);
  const base = { ARN: secret.arn, Name: secret.name };
  // PutSecretValue replaces the value in memory (the evidence function stores the key it made on first use).
  if (op === 'PutSecretValue' && typeof body.SecretString === 'string') { secret.value = body.SecretString; secret.version = String(body.ClientRequestToken ?? randomUUID()); }
  const version = secret.version ?? 'parity-version';
  const out = op === 'GetSecretValue'
    ? { ...base, SecretString: secret.value, VersionId: version, VersionStages: ['AWSCURRENT'], CreatedDate: 0 }
    : op === 'DescribeSecret' ? { ...base, VersionIdsToStages: { [version]: ['AWSCURRENT'] } }
      : op === 'PutSecretValue' ? { ...base, VersionId: version, VersionStages: ['AWSCURRENT'] } : undefined;
  if (!out) return fail(res, 400, 'InvalidRequestException', `parity mode serves GetSecretValue, DescribeSecret and PutSecretValue, not ${op}`, 'json', '1.1');
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(out));
}

function fail(res: http.ServerResponse, status: number, code: string, message: string, shape: 'json' | 'xml', version: string): void {
  if (res.headersSent) { res.end(); return; }
  const requestId = randomUUID();
  if (shape === 'xml') {
    const esc = (s: string) => s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
    res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${esc(message)}</Message><RequestId>${requestId}</RequestId></Error>`);
    return;
  }
  res.writeHead(status, { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-errortype': code, 'x-amzn-requestid': requestId });
  res.end(JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message, Message: message }));
}

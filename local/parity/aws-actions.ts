/**
 * What an AWS SDK request asks IAM for: the service (from the SigV4 credential scope), then the
 * IAM actions and resource ARNs of the call, as the Service Authorization Reference lists them
 * (DynamoDB: X-Amz-Target on the table or index; S3: method + path + subresource on the bucket or
 * object, plus the KMS calls S3 makes for the caller on an SSE-KMS bucket; Step Functions;
 * EventBridge; Secrets Manager with the KMS decrypt it needs).
 */
import type { AccessRequest } from './iam';

export type Check = Omit<AccessRequest, 'roleArn'>;
export interface Where { account: string; region: string; bucketKeys: Map<string, string>; secretKeys: Map<string, string>; secretArn: (id: string) => string | undefined }

/** The service of a signed request (credential scope `AKID/date/region/service/aws4_request`). */
export function serviceOf(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const cred = /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1] ?? query.get('X-Amz-Credential') ?? undefined;
  return cred?.split('/')[3];
}

type Json = Record<string, unknown>;
const arnOf = (service: string, w: Where, resource: string) => `arn:aws:${service}:${w.region}:${w.account}:${resource}`;

const NAME = '("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)';
const PARTIQL: Array<[string, RegExp]> = [
  ['PartiQLUpdate', new RegExp(`^\\s*update\\s+${NAME}`, 'i')],
  ['PartiQLDelete', new RegExp(`^\\s*delete\\s+from\\s+${NAME}`, 'i')],
  ['PartiQLInsert', new RegExp(`^\\s*insert\\s+into\\s+${NAME}`, 'i')],
  ['PartiQLSelect', new RegExp(`^\\s*select\\b[\\s\\S]*?\\bfrom\\s+${NAME}(?:\\.${NAME})?`, 'i')],
];
const unquote = (n: string) => (n.startsWith('"') ? n.slice(1, -1).replace(/""/g, '"') : n);

/** A PartiQL statement's action (`PartiQLUpdate`...) on its table (a SELECT's index too); unreadable: an action no policy grants. */
export function partiqlAction(statement: string): { action: string; table: string; index?: string } {
  for (const [action, re] of PARTIQL) {
    const m = re.exec(statement);
    if (m) return { action, table: unquote(m[1]!), ...(m[2] ? { index: unquote(m[2]) } : {}) };
  }
  return { action: 'PartiQLUnreadableStatement', table: '*' };
}

export function dynamodbChecks(target: string, body: Json, w: Where): Check[] {
  const op = target.slice(target.indexOf('.') + 1);
  const table = (name: unknown) => (String(name).startsWith('arn:') ? String(name) : arnOf('dynamodb', w, `table/${String(name)}`));
  const on = (action: string, name: unknown, index?: unknown) => ({ action: `dynamodb:${action}`, resource: `${table(name)}${index ? `/index/${String(index)}` : ''}` });
  switch (op) {
    case 'BatchGetItem': case 'BatchWriteItem': return Object.keys((body.RequestItems as Json | undefined) ?? {}).map((t) => on(op, t));
    case 'TransactWriteItems': case 'TransactGetItems':
      return ((body.TransactItems as Json[] | undefined) ?? []).map((item) => {
        const [kind, spec] = Object.entries(item)[0] ?? ['Get', {}];
        const action = ({ Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' } as Record<string, string>)[kind] ?? kind;
        return on(action, (spec as Json).TableName);
      });
    case 'ExecuteStatement': case 'BatchExecuteStatement': case 'ExecuteTransaction': {
      const statements = op === 'ExecuteStatement' ? [body] : ((body.Statements ?? body.TransactStatements) as Json[] | undefined) ?? [];
      return statements.map((st) => { const p = partiqlAction(String(st.Statement ?? '')); return on(p.action, p.table, p.index); });
    }
    case 'ListTables': return [{ action: 'dynamodb:ListTables', resource: '*' }];
    default: return [on(op, body.TableName, op === 'Query' || op === 'Scan' ? body.IndexName : undefined)];
  }
}

export function s3Checks(method: string, pathname: string, query: URLSearchParams, headers: Record<string, string | string[] | undefined>, w: Where): Check[] {
  const [bucket = '', ...rest] = decodeURIComponent(pathname).replace(/^\//, '').split('/');
  const key = rest.join('/');
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const objectArn = `${bucketArn}/${key}`;
  const kms = w.bucketKeys.get(bucket);
  const via = { 'kms:ViaService': `s3.${w.region}.amazonaws.com` };
  const sse = String(headers['x-amz-server-side-encryption'] ?? '');
  const encrypts = (): Check[] => (kms && sse !== 'AES256' ? [{ action: 'kms:GenerateDataKey', resource: kms, context: via }] : []);
  const decrypts = (): Check[] => (kms ? [{ action: 'kms:Decrypt', resource: kms, context: via }] : []);
  if (!key) {
    if (method === 'POST' && query.has('delete')) return [{ action: 's3:DeleteObject', resource: `${bucketArn}/*` }];
    if (method === 'POST') return [{ action: 's3:PutObject', resource: `${bucketArn}/*` }, ...encrypts()]; // browser POST upload
    if (query.has('uploads')) return [{ action: 's3:ListBucketMultipartUploads', resource: bucketArn }];
    if (query.has('location')) return [{ action: 's3:GetBucketLocation', resource: bucketArn }];
    if (query.has('cors')) return [{ action: method === 'GET' ? 's3:GetBucketCORS' : 's3:PutBucketCORS', resource: bucketArn }];
    if (method === 'GET' && query.has('versions')) return [{ action: 's3:ListBucketVersions', resource: bucketArn }];
    if (method === 'GET' || method === 'HEAD') return [{ action: 's3:ListBucket', resource: bucketArn }];
    return [{ action: method === 'PUT' ? 's3:CreateBucket' : 's3:DeleteBucket', resource: bucketArn }];
  }
  switch (method) {
    case 'GET': case 'HEAD':
      if (query.has('uploadId')) return [{ action: 's3:ListMultipartUploadParts', resource: objectArn }];
      if (query.has('tagging')) return [{ action: 's3:GetObjectTagging', resource: objectArn }];
      return [{ action: 's3:GetObject', resource: objectArn }, ...(method === 'GET' ? decrypts() : [])];
    case 'PUT': {
      if (query.has('tagging')) return [{ action: 's3:PutObjectTagging', resource: objectArn }];
      const source = headers['x-amz-copy-source'];
      const copy: Check[] = source ? [{ action: 's3:GetObject', resource: `arn:aws:s3:::${decodeURIComponent(String(source)).replace(/^\//, '').split('?')[0]}` }, ...decrypts()] : [];
      return [{ action: 's3:PutObject', resource: objectArn }, ...copy, ...(query.has('uploadId') ? [] : encrypts())];
    }
    case 'POST': return [{ action: 's3:PutObject', resource: objectArn }, ...(query.has('uploads') ? encrypts() : [])];
    case 'DELETE': return [{ action: query.has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject', resource: objectArn }];
    default: return [{ action: `s3:${method}`, resource: objectArn }];
  }
}

export function statesChecks(target: string, body: Json, w: Where): Check[] {
  const op = target.slice(target.indexOf('.') + 1);
  const on = (arn: unknown) => ({ action: `states:${op}`, resource: String(arn ?? '*') });
  const passRole = (role: unknown): Check[] => (role ? [{ action: 'iam:PassRole', resource: String(role), context: { 'iam:PassedToService': 'states.amazonaws.com' } }] : []);
  const logs = (): Check[] => ((body.loggingConfiguration as { destinations?: unknown[] } | undefined)?.destinations?.length ? [{ action: 'logs:CreateLogDelivery', resource: '*' }] : []);
  switch (op) {
    case 'CreateStateMachine': return [on(arnOf('states', w, `stateMachine:${String(body.name)}`)), ...passRole(body.roleArn), ...logs()];
    case 'UpdateStateMachine': return [on(body.stateMachineArn), ...passRole(body.roleArn), ...logs()];
    case 'CreateStateMachineAlias': {
      const version = String((body.routingConfiguration as Json[] | undefined)?.[0]?.stateMachineVersionArn ?? '');
      return [on(`${version.slice(0, version.lastIndexOf(':'))}:${String(body.name)}`)];
    }
    case 'DescribeExecution': case 'StopExecution': case 'GetExecutionHistory': case 'DescribeStateMachineForExecution': case 'RedriveExecution': return [on(body.executionArn)];
    case 'UpdateStateMachineAlias': case 'DescribeStateMachineAlias': case 'DeleteStateMachineAlias': return [on(body.stateMachineAliasArn)];
    case 'DeleteStateMachineVersion': return [on(body.stateMachineVersionArn)];
    case 'TagResource': case 'UntagResource': case 'ListTagsForResource': return [on(body.resourceArn)];
    case 'SendTaskSuccess': case 'SendTaskFailure': case 'SendTaskHeartbeat': case 'ListStateMachines': return [on('*')];
    default: return [on(body.stateMachineArn)];
  }
}

export function eventsChecks(target: string, body: Json, w: Where): Check[] {
  const op = target.slice(target.indexOf('.') + 1);
  if (op !== 'PutEvents') return [{ action: `events:${op}`, resource: '*' }];
  const buses = new Set(((body.Entries as Json[] | undefined) ?? []).map((e) => String(e.EventBusName ?? 'default')));
  return [...buses].map((b) => ({ action: 'events:PutEvents', resource: b.startsWith('arn:') ? b : arnOf('events', w, `event-bus/${b}`) }));
}

export function secretsChecks(target: string, body: Json, w: Where): Check[] {
  const op = target.slice(target.indexOf('.') + 1);
  const arn = w.secretArn(String(body.SecretId ?? '')) ?? arnOf('secretsmanager', w, `secret:${String(body.SecretId)}`);
  const key = w.secretKeys.get(arn);
  return [{ action: `secretsmanager:${op}`, resource: arn },
    ...(op === 'GetSecretValue' && key ? [{ action: 'kms:Decrypt', resource: key, context: { 'kms:ViaService': `secretsmanager.${w.region}.amazonaws.com` } }] : []),
    ...(op === 'PutSecretValue' && key ? [{ action: 'kms:GenerateDataKey', resource: key, context: { 'kms:ViaService': `secretsmanager.${w.region}.amazonaws.com` } }] : [])];
}

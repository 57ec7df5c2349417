/**
 * The synthesized template, read as CloudFormation would deploy it into the simulated account:
 * every resource gets a physical name and ARN (as CloudFormation names what the stack does not),
 * `Ref` / `Fn::GetAtt` / `Fn::Sub` / `Fn::Join` / `Fn::Select` / `Fn::ImportValue` are resolved
 * with cfn-resolver-lib against those names and the local endpoints, and the parts parity mode
 * runs are extracted: functions, roles and their policies, resource policies, rules, queues,
 * the table, the secret, the HTTP API.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { ApiRoute } from './api-gateway';
import type { FunctionSpec } from './function-host';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const NodeEvaluator = require('cfn-resolver-lib') as new (template: unknown, params: unknown) => { evaluateNodes(): unknown };

const Resource = z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).default({}), Metadata: z.record(z.string(), z.unknown()).optional() });
const Template = z.object({ Resources: z.record(z.string(), Resource), Outputs: z.record(z.string(), z.unknown()).optional() });
type Resources = Record<string, z.infer<typeof Resource>>;

export interface Policy { Version?: string; Statement: unknown }
export interface RoleSpec { name: string; arn: string; policies: Array<{ name: string; policy: Policy }> }
export interface RuleSpec { name: string; busName: string; pattern: unknown; targets: Array<{ id: string; arn: string }> }
export interface ParityTemplate {
  stackName: string; account: string; region: string; dir: string;
  functions: FunctionSpec[];
  roles: Map<string, RoleSpec>;
  /** Resource policies by the ARN they protect (bucket, key, queue, secret). */
  resourcePolicies: Map<string, Policy>;
  rules: RuleSpec[];
  /** Queue ARN → the function its event source mapping feeds (batch size, partial failures). */
  queueConsumers: Map<string, { functionName: string; batchSize: number }>;
  table: { name: string; arn: string; properties: Record<string, unknown>; keyArn?: string };
  bucket: { name: string; arn: string; keyArn?: string };
  busNames: string[];
  secrets: Array<{ name: string; arn: string; keyArn?: string }>;
  keys: string[];
  /** The HTTP API: `$default`'s integration (functionArn, timeout, payload format) and every route with its function. */
  api?: { integrationTimeoutMs: number; payloadFormat: string; functionArn: string; routes: ApiRoute[] };
  /** The state machines the template itself defines (workflows as code): name → definition and role. */
  stateMachines: Array<{ logicalId: string; name: string; arn: string; definition: string; roleArn: string }>;
  /** Their published versions (AWS::StepFunctions::StateMachineVersion) and aliases. */
  stateMachineVersions: Array<{ logicalId: string; machineArn: string; description?: string }>;
  stateMachineAliases: Array<{ logicalId: string; name: string; description?: string; routing: Array<{ stateMachineVersionArn: string; weight: number }> }>;
  /** Custom resources (`Custom::*`): type, the function behind them, their resolved properties. */
  customResources: Array<{ logicalId: string; type: string; serviceToken: string; properties: Record<string, unknown> }>;
  /** The web apps' deployment assets (Custom::CDKBucketDeployment), absolute folders. */
  webAssets: string[];
  /** The distribution's behaviors in CloudFront's order (the default `*` last): the response
   *  headers their response-headers policy adds, the code of their viewer-request CloudFront
   *  Function (local/parity/cloudfront-function.ts runs it), and for a custom (HTTP) origin, such as
   *  the API's, the custom headers CloudFront adds to each origin request (values as the template
   *  has them: a `{{resolve:secretsmanager:…}}` reference is resolved per start, index.ts). */
  webHeaders: Array<{
    pathPattern: string; headers: Record<string, string>; viewerRequest?: { name: string; code: string };
    customOrigin?: { headers: Record<string, string> };
  }>;
  /** The resolved resources, for inspection and tests. */
  resources: Resources;
}

export interface LocalBindings {
  apiUrl: string; queueUrl: (name: string) => string;
  /** What deploying gave some resources (by logical id), as CloudFormation learns it: published
   *  state machine versions (`Ref`), machines' revisions (`StateMachineRevisionId`). */
  deployed?: Record<string, { ref?: string; atts?: Record<string, string> }>;
}

/** The CloudFront origin (`https://<distribution>`, the distribution resolved to the local host)
 *  is the local gateway, which serves the API and the web apps over http on that same origin. */
function servedLocally(value: string, apiUrl: string): string {
  const local = new URL(apiUrl);
  const https = `https://${local.host}`;
  return value === https || value.startsWith(`${https}/`) ? `${local.origin}${value.slice(https.length)}` : value;
}

/** Reads `<dir>/<stack>.template.json` (the only template of the assembly). */
export function readTemplate(dir: string, account: string, region: string, local: LocalBindings): ParityTemplate {
  const file = readdirSync(dir).find((f) => f.endsWith('.template.json'));
  if (!file) throw new Error(`parity: no *.template.json in ${dir}`);
  const stackName = file.slice(0, -'.template.json'.length);
  const json: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const raw = Template.parse(json);
  const { refs, atts } = physicalNames(raw.Resources, stackName, account, region, local);
  const params = { RefResolvers: { 'AWS::Region': region, 'AWS::Partition': 'aws', 'AWS::AccountId': account, 'AWS::StackName': stackName, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackId': `arn:aws:cloudformation:${region}:${account}:stack/${stackName}/local`, ...refs }, 'Fn::GetAttResolvers': atts, 'Fn::ImportValueResolvers': {} };
  // Outputs are not resolved: parity reads none, and some name attributes only a deploy gives (a custom resource's Data).
  const { Outputs: _outputs, ...deployed } = json as Record<string, unknown>;
  const resolved = Template.parse(unpad(new NodeEvaluator({ Parameters: {}, ...(pad(deployed) as object) }, params).evaluateNodes()));
  return extract(resolved.Resources, { stackName, account, region, dir, apiUrl: local.apiUrl }, { refs, atts });
}

// cfn-resolver-lib collapses a plain one-key object into its value (`{ source: [...] }` → `[...]`):
// such objects (and empty ones, which it cannot walk) get a marker key while resolving, removed afterwards.
const PAD = '__parity_pad';
const INTRINSIC = /^(Ref|Condition|Fn::.*)$/;
function pad(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pad);
  if (!v || typeof v !== 'object') return v;
  const entries = Object.entries(v).map(([k, x]) => [k, pad(x)] as const);
  return Object.fromEntries(entries.length === 0 || (entries.length === 1 && !INTRINSIC.test(entries[0]![0])) ? [...entries, [PAD, true]] : entries);
}
function unpad(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unpad);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== PAD).map(([k, x]) => [k, unpad(x)]));
}

const lower = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]/g, '');
const uuidOf = (s: string) => { const h = createHash('sha256').update(s).digest('hex'); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`; };
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Physical names and ARNs CloudFormation would give each resource (explicit names kept). */
function physicalNames(resources: Resources, stack: string, account: string, region: string, local: LocalBindings) {
  const refs: Record<string, string> = {};
  const atts: Record<string, Record<string, string>> = {};
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties;
    const generated = `${stack}-${id}`;
    const set = (ref: string, a: Record<string, string>) => { refs[id] = ref; atts[id] = a; };
    switch (r.Type) {
      case 'AWS::DynamoDB::Table': { const n = str(p.TableName) ?? generated; set(n, { Arn: `arn:aws:dynamodb:${region}:${account}:table/${n}` }); break; }
      case 'AWS::S3::Bucket': { const n = str(p.BucketName) ?? lower(generated).slice(0, 63); set(n, { Arn: `arn:aws:s3:::${n}`, DomainName: `${n}.s3.amazonaws.com`, RegionalDomainName: `${n}.s3.${region}.amazonaws.com` }); break; }
      case 'AWS::Events::EventBus': { const n = str(p.Name) ?? generated; set(n, { Arn: `arn:aws:events:${region}:${account}:event-bus/${n}`, Name: n }); break; }
      case 'AWS::SecretsManager::Secret': { const n = str(p.Name) ?? generated; const arn = `arn:aws:secretsmanager:${region}:${account}:secret:${n}-${uuidOf(n).slice(0, 6)}`; set(arn, { Id: arn, Arn: arn }); break; }
      case 'AWS::IAM::Role': { const n = str(p.RoleName) ?? generated.slice(0, 64); set(n, { Arn: `arn:aws:iam::${account}:role/${n}`, RoleId: `AROA${uuidOf(n).replace(/-/g, '').slice(0, 17).toUpperCase()}` }); break; }
      case 'AWS::Lambda::Function': { const n = str(p.FunctionName) ?? generated.slice(0, 64); set(n, { Arn: `arn:aws:lambda:${region}:${account}:function:${n}` }); break; }
      case 'AWS::Logs::LogGroup': { const n = str(p.LogGroupName) ?? generated; set(n, { Arn: `arn:aws:logs:${region}:${account}:log-group:${n}:*` }); break; }
      case 'AWS::KMS::Key': { const k = uuidOf(`${stack}/${id}`); set(k, { Arn: `arn:aws:kms:${region}:${account}:key/${k}`, KeyId: k }); break; }
      case 'AWS::SQS::Queue': { const n = str(p.QueueName) ?? generated.slice(0, 80); set(local.queueUrl(n), { Arn: `arn:aws:sqs:${region}:${account}:${n}`, QueueName: n, QueueUrl: local.queueUrl(n) }); break; }
      case 'AWS::Events::Rule': { const n = str(p.Name) ?? generated.slice(0, 64); set(n, { Arn: `arn:aws:events:${region}:${account}:rule/${n}` }); break; }
      case 'AWS::StepFunctions::StateMachine': { const n = str(p.StateMachineName) ?? generated; const arn = `arn:aws:states:${region}:${account}:stateMachine:${n}`; set(arn, { Arn: arn, Name: n }); break; }
      case 'AWS::ApiGatewayV2::Api': set('local', { ApiEndpoint: local.apiUrl, ApiId: 'local' }); break;
      // An integration's id, as API Gateway makes them (7 lower-case letters and digits); a route's target names it.
      case 'AWS::ApiGatewayV2::Integration': set(uuidOf(`${stack}/${id}`).replace(/-/g, '').slice(0, 7), {}); break;
      case 'AWS::CloudFront::Function': { const n = str(p.Name) ?? generated.slice(0, 64); const arn = `arn:aws:cloudfront::${account}:function/${n}`; set(arn, { FunctionARN: arn, Stage: 'LIVE' }); break; }
      case 'AWS::CloudFront::Distribution': set('LOCAL', { DomainName: new URL(local.apiUrl).host, Id: 'LOCAL' }); break;
      // An origin access control's id, as CloudFront makes them (`E` and 13 upper-case letters and digits); the distribution's origin names it.
      case 'AWS::CloudFront::OriginAccessControl': { const n = `E${uuidOf(`${stack}/${id}`).replace(/-/g, '').slice(0, 13).toUpperCase()}`; set(n, { Id: n }); break; }
      // Cognito's own shapes: a pool id `<region>_<9 characters>` (its ID tokens' issuer names it), a client id of 26.
      case 'AWS::Cognito::UserPool': { const n = `${region}_${uuidOf(`${stack}/${id}`).replace(/-/g, '').slice(0, 9)}`; set(n, { Arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${n}`, ProviderName: `cognito-idp.${region}.amazonaws.com/${n}`, ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${n}`, UserPoolId: n }); break; }
      case 'AWS::Cognito::UserPoolClient': { const n = uuidOf(`${stack}/${id}`).replace(/-/g, '').slice(0, 26); set(n, { ClientId: n, Name: id }); break; }
      case 'AWS::StepFunctions::StateMachineVersion': case 'AWS::StepFunctions::StateMachineAlias': break; // below: they name their machine
      default: set(id, { Arn: `arn:aws:cloudformation:${region}:${account}:${lower(r.Type)}/${id}` });
    }
  }
  // A version is `<machine>:<n>` (n as published: 1 until deploying says otherwise), an alias `<machine>:<name>`.
  const machineOf = (v: unknown) => refs[String((v as { Ref?: unknown } | undefined)?.Ref)] ?? str(v) ?? '';
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::StepFunctions::StateMachineVersion') refs[id] = `${machineOf(r.Properties.StateMachineArn)}:1`;
    if (r.Type === 'AWS::StepFunctions::StateMachineAlias') {
      const routing = (r.Properties.RoutingConfiguration as Array<{ StateMachineVersionArn?: { Ref?: string } }> | undefined) ?? [];
      const version = resources[String(routing[0]?.StateMachineVersionArn?.Ref)];
      refs[id] = `${machineOf(version?.Properties.StateMachineArn)}:${String(r.Properties.Name)}`;
    }
    if (r.Type === 'AWS::StepFunctions::StateMachine') atts[id] = { ...atts[id], StateMachineRevisionId: 'INITIAL' };
  }
  for (const [id, d] of Object.entries(local.deployed ?? {})) {
    if (d.ref !== undefined) refs[id] = d.ref;
    atts[id] = { ...atts[id], ...d.atts };
  }
  return { refs, atts };
}

type Names = ReturnType<typeof physicalNames>;

function extract(resources: Resources, base: { stackName: string; account: string; region: string; dir: string; apiUrl: string }, names: Names): ParityTemplate {
  const of = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const arn = (_type: string, id: string) => names.atts[id]?.Arn ?? '';
  const ref = (id: string) => names.refs[id] ?? id;
  const roles = new Map<string, RoleSpec>();
  for (const [id, r] of of('AWS::IAM::Role')) {
    const name = ref(id);
    const inline = (r.Properties.Policies as Array<{ PolicyName: string; PolicyDocument: Policy }> | undefined) ?? [];
    roles.set(name, { name, arn: `arn:aws:iam::${base.account}:role/${name}`, policies: inline.map((p) => ({ name: p.PolicyName, policy: p.PolicyDocument })) });
  }
  for (const [id, r] of of('AWS::IAM::Policy')) {
    for (const roleName of (r.Properties.Roles as string[] | undefined) ?? []) roles.get(roleName)?.policies.push({ name: String(r.Properties.PolicyName ?? id), policy: r.Properties.PolicyDocument as Policy });
  }
  const resourcePolicies = new Map<string, Policy>();
  for (const [, r] of of('AWS::S3::BucketPolicy')) resourcePolicies.set(`arn:aws:s3:::${String(r.Properties.Bucket)}`, r.Properties.PolicyDocument as Policy);
  for (const [id, r] of of('AWS::KMS::Key')) resourcePolicies.set(arn('AWS::KMS::Key', id), r.Properties.KeyPolicy as Policy);
  for (const [, r] of of('AWS::SQS::QueuePolicy')) for (const url of (r.Properties.Queues as string[]) ?? []) resourcePolicies.set(queueArnOfUrl(url, base), r.Properties.PolicyDocument as Policy);
  for (const [, r] of of('AWS::SecretsManager::ResourcePolicy')) resourcePolicies.set(String(r.Properties.SecretId), r.Properties.ResourcePolicy as Policy);

  const functions: FunctionSpec[] = of('AWS::Lambda::Function').map(([id, r]) => {
    const p = r.Properties;
    const asset = str(r.Metadata?.['aws:asset:path']);
    if (!asset) throw new Error(`parity: function ${id} has no asset in cdk.out (inline code is not supported)`);
    const vars = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables) ?? {};
    return {
      logicalId: id, name: ref(id), arn: arn('AWS::Lambda::Function', id), handler: String(p.Handler),
      assetDir: path.join(base.dir, asset), environment: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, servedLocally(String(v), base.apiUrl)])),
      memoryMb: Number(p.MemorySize ?? 128), timeoutSeconds: Number(p.Timeout ?? 3), roleArn: String(p.Role),
      ...(p.ReservedConcurrentExecutions !== undefined ? { reservedConcurrency: Number(p.ReservedConcurrentExecutions) } : {}),
    };
  });
  const rules: RuleSpec[] = of('AWS::Events::Rule').filter(([, r]) => r.Properties.State !== 'DISABLED').map(([id, r]) => ({
    name: ref(id), busName: busNameOf(r.Properties.EventBusName), pattern: r.Properties.EventPattern,
    targets: ((r.Properties.Targets as Array<{ Id: string; Arn: string }> | undefined) ?? []).map((t) => ({ id: t.Id, arn: t.Arn })),
  }));
  const queueConsumers = new Map(of('AWS::Lambda::EventSourceMapping').map(([, r]) => [String(r.Properties.EventSourceArn), { functionName: String(r.Properties.FunctionName), batchSize: Number(r.Properties.BatchSize ?? 10) }] as const));
  const [tableId, tableRes] = of('AWS::DynamoDB::Table')[0] ?? [];
  if (!tableId || !tableRes) throw new Error('parity: the template has no DynamoDB table');
  const keyArnOf = (v: unknown) => str(v) && String(v).startsWith('arn:aws:kms') ? String(v) : undefined;
  const tableKey = keyArnOf((tableRes.Properties.SSESpecification as { KMSMasterKeyId?: unknown } | undefined)?.KMSMasterKeyId);
  const wanted = functions.map((f) => f.environment.BUCKET_NAME).find(Boolean);
  const media = of('AWS::S3::Bucket').find(([id]) => ref(id) === wanted) ?? of('AWS::S3::Bucket')[0];
  if (!media) throw new Error('parity: the template has no S3 bucket');
  const bucketName = ref(media[0]);
  const sse = (media[1].Properties.BucketEncryption as { ServerSideEncryptionConfiguration?: Array<{ ServerSideEncryptionByDefault?: { KMSMasterKeyID?: unknown } }> } | undefined)?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.KMSMasterKeyID;
  // Routes (`Target`: `integrations/<integration id>`) with the function each integrates; `$default`'s is the API's.
  const integrations = new Map(of('AWS::ApiGatewayV2::Integration').map(([id, r]) => [`integrations/${ref(id)}`, r.Properties]));
  const routes: ApiRoute[] = of('AWS::ApiGatewayV2::Route').flatMap(([, r]) => {
    const target = integrations.get(String(r.Properties.Target));
    return target ? [{ routeKey: String(r.Properties.RouteKey), functionArn: String(target.IntegrationUri), integrationTimeoutMs: Number(target.TimeoutInMillis ?? 30_000) }] : [];
  });
  const defaultTarget = of('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === '$default')?.[1].Properties.Target;
  const integration = integrations.get(String(defaultTarget)) ?? of('AWS::ApiGatewayV2::Integration')[0]?.[1].Properties;
  return {
    ...base, functions, roles, resourcePolicies, rules, queueConsumers, resources,
    table: { name: ref(tableId), arn: arn('AWS::DynamoDB::Table', tableId), properties: tableRes.Properties, ...(tableKey ? { keyArn: tableKey } : {}) },
    bucket: { name: bucketName, arn: `arn:aws:s3:::${bucketName}`, ...(keyArnOf(sse) ? { keyArn: keyArnOf(sse)! } : {}) },
    busNames: of('AWS::Events::EventBus').map(([id]) => ref(id)),
    secrets: of('AWS::SecretsManager::Secret').map(([id, r]) => ({ name: String(r.Properties.Name ?? `${base.stackName}-${id}`), arn: arn('AWS::SecretsManager::Secret', id), ...(keyArnOf(r.Properties.KmsKeyId) ? { keyArn: String(r.Properties.KmsKeyId) } : {}) })),
    keys: of('AWS::KMS::Key').map(([id]) => arn('AWS::KMS::Key', id)),
    ...(integration ? { api: { integrationTimeoutMs: Number(integration.TimeoutInMillis ?? 30_000), payloadFormat: String(integration.PayloadFormatVersion ?? '1.0'), functionArn: String(integration.IntegrationUri),
      routes: routes.some((r) => r.routeKey === '$default') ? routes : [...routes, { routeKey: '$default', functionArn: String(integration.IntegrationUri), integrationTimeoutMs: Number(integration.TimeoutInMillis ?? 30_000) }] } } : {}),
    stateMachines: of('AWS::StepFunctions::StateMachine').map(([id, r]) => ({
      logicalId: id, name: names.atts[id]?.Name ?? id, arn: arn('AWS::StepFunctions::StateMachine', id),
      definition: typeof r.Properties.DefinitionString === 'string' ? r.Properties.DefinitionString : JSON.stringify(r.Properties.Definition ?? {}), roleArn: String(r.Properties.RoleArn),
    })),
    stateMachineVersions: of('AWS::StepFunctions::StateMachineVersion').map(([id, r]) => ({
      logicalId: id, machineArn: String(r.Properties.StateMachineArn), ...(str(r.Properties.Description) ? { description: String(r.Properties.Description) } : {}),
    })),
    stateMachineAliases: of('AWS::StepFunctions::StateMachineAlias').map(([id, r]) => ({
      logicalId: id, name: String(r.Properties.Name), ...(str(r.Properties.Description) ? { description: String(r.Properties.Description) } : {}),
      routing: ((r.Properties.RoutingConfiguration as Array<{ StateMachineVersionArn: string; Weight: number }> | undefined) ?? [])
        .map((x) => ({ stateMachineVersionArn: String(x.StateMachineVersionArn), weight: Number(x.Weight) })),
    })),
    customResources: Object.entries(resources).filter(([, r]) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource').map(([id, r]) => {
      const { ServiceToken, ...properties } = r.Properties;
      return { logicalId: id, type: r.Type, serviceToken: String(ServiceToken), properties };
    }),
    webAssets: of('Custom::CDKBucketDeployment').flatMap(([, r]) => assetFolders(r, base.dir)),
    webHeaders: distributionHeaders(resources, ref, names.atts),
  };
}

interface Behavior { PathPattern?: string; TargetOriginId?: string; ResponseHeadersPolicyId?: string; FunctionAssociations?: Array<{ EventType: string; FunctionARN: string }> }
interface Origin { Id: string; CustomOriginConfig?: object; OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: string }> }
interface HeadersPolicy {
  SecurityHeadersConfig?: {
    ContentSecurityPolicy?: { ContentSecurityPolicy: string }; ContentTypeOptions?: object; ReferrerPolicy?: { ReferrerPolicy: string };
    FrameOptions?: { FrameOption: string }; StrictTransportSecurity?: { AccessControlMaxAgeSec: number; IncludeSubdomains?: boolean; Preload?: boolean };
  };
  CustomHeadersConfig?: { Items?: Array<{ Header: string; Value: string }> };
}

/** The headers a response-headers policy adds (security headers as CloudFront writes them, then custom ones). */
export function policyHeaders(c: HeadersPolicy): Record<string, string> {
  const s = c.SecurityHeadersConfig ?? {};
  const h: Record<string, string> = {};
  if (s.ContentSecurityPolicy) h['content-security-policy'] = s.ContentSecurityPolicy.ContentSecurityPolicy;
  if (s.StrictTransportSecurity) {
    const t = s.StrictTransportSecurity;
    h['strict-transport-security'] = `max-age=${t.AccessControlMaxAgeSec}${t.IncludeSubdomains ? '; includeSubDomains' : ''}${t.Preload ? '; preload' : ''}`;
  }
  if (s.ContentTypeOptions) h['x-content-type-options'] = 'nosniff';
  if (s.ReferrerPolicy) h['referrer-policy'] = s.ReferrerPolicy.ReferrerPolicy;
  if (s.FrameOptions) h['x-frame-options'] = s.FrameOptions.FrameOption;
  for (const i of c.CustomHeadersConfig?.Items ?? []) h[i.Header.toLowerCase()] = i.Value;
  return h;
}

function distributionHeaders(resources: Resources, ref: (id: string) => string, atts: Names['atts']): ParityTemplate['webHeaders'] {
  const dist = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
  const config = dist?.Properties.DistributionConfig as { DefaultCacheBehavior?: Behavior; CacheBehaviors?: Behavior[]; Origins?: Origin[] } | undefined;
  if (!config) return [];
  const policies = new Map(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')
    .map(([id, r]) => [ref(id), policyHeaders(r.Properties.ResponseHeadersPolicyConfig as HeadersPolicy)]));
  const functions = new Map(Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudFront::Function')
    .map(([id, r]) => [atts[id]?.FunctionARN ?? '', { name: String(r.Properties.Name ?? id), code: String(r.Properties.FunctionCode ?? '') }]));
  return [...(config.CacheBehaviors ?? []), { ...config.DefaultCacheBehavior, PathPattern: '*' }].map((b) => {
    const fn = b.FunctionAssociations?.find((a) => a.EventType === 'viewer-request');
    const viewerRequest = fn ? functions.get(String(fn.FunctionARN)) : undefined;
    if (fn && !viewerRequest) throw new Error(`The distribution's behavior ${b.PathPattern ?? '*'} names an unknown CloudFront function ${String(fn.FunctionARN)}`);
    const origin = config.Origins?.find((o) => o.Id === b.TargetOriginId);
    const customOrigin = origin?.CustomOriginConfig
      ? { headers: Object.fromEntries((origin.OriginCustomHeaders ?? []).map((h) => [h.HeaderName.toLowerCase(), String(h.HeaderValue)])) }
      : undefined;
    return {
      pathPattern: b.PathPattern ?? '*', headers: (b.ResponseHeadersPolicyId && policies.get(b.ResponseHeadersPolicyId)) || {},
      ...(viewerRequest ? { viewerRequest } : {}), ...(customOrigin ? { customOrigin } : {}),
    };
  });
}

/** CloudFront's path patterns: `*` any characters, `?` one; case-sensitive, from the path's start. */
export function matchesPathPattern(pattern: string, urlPath: string): boolean {
  const rx = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${rx.startsWith('/') || rx.startsWith('.*') ? '' : '/'}${rx}$`).test(urlPath);
}

/** The headers of the first behavior whose pattern matches the path (CloudFront's order). */
export const webHeadersFor = (t: Pick<ParityTemplate, 'webHeaders'>, urlPath: string): Record<string, string> =>
  t.webHeaders.find((b) => matchesPathPattern(b.pathPattern, urlPath))?.headers ?? {};

const busNameOf = (v: unknown) => { const s = str(v) ?? 'default'; return s.startsWith('arn:') ? s.slice(s.lastIndexOf('/') + 1) : s; };
const queueArnOfUrl = (url: string, b: { account: string; region: string }) => `arn:aws:sqs:${b.region}:${b.account}:${url.slice(url.lastIndexOf('/') + 1)}`;

function assetFolders(r: z.infer<typeof Resource>, dir: string): string[] {
  const keys = (r.Properties.SourceObjectKeys as unknown[] | undefined) ?? [];
  return keys.map((k) => String(k).replace(/\.zip$/, '')).map((h) => path.join(dir, `asset.${h}`));
}

/** The template as parity mode reads it: names and ARNs as CloudFormation gives them, intrinsics resolved, parts extracted. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readTemplate } from '../../local/parity';

const TEMPLATE = {
  Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] } },
    Media: { Type: 'AWS::S3::Bucket', Properties: {} },
    Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'studio-t' } },
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
    Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role' }], PolicyDocument: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Media', 'Arn'] }, '/*']] }, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ] } } },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
    Fn: {
      Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': 'asset.abc' },
      Properties: { FunctionName: 'studio-t-api', Handler: 'index.handler', MemorySize: 512, Timeout: 9, Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Environment: { Variables: {
        TABLE_NAME: { Ref: 'Table' }, BUCKET_NAME: { Ref: 'Media' }, SECRET: { Ref: 'Secret' }, PUBLIC_URL: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] },
        LOG: { 'Fn::Sub': ['${A}-x', { A: { Ref: 'AWS::Region' } }] }, FIRST: { 'Fn::Select': [0, ['a', 'b']] },
      } } },
    },
    Integration: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] }, PayloadFormatVersion: '2.0', TimeoutInMillis: 12000 } },
    FrameRoute: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /v3.6/live_videos/{id}/frame', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } } },
    Rule: { Type: 'AWS::Events::Rule', Properties: { EventBusName: { Ref: 'Bus' }, EventPattern: { source: ['studio.workflows'] }, Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } }] } },
  },
};

let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'parity-template-')); writeFileSync(path.join(dir, 'Studio-t.template.json'), JSON.stringify(TEMPLATE)); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('resolves the function\'s environment and role to the local resources', () => {
  const t = readTemplate(dir, '123456789012', 'us-east-1', { apiUrl: 'http://127.0.0.1:4321', queueUrl: (n) => n });
  expect(t.functions).toEqual([{
    logicalId: 'Fn', name: 'studio-t-api', arn: 'arn:aws:lambda:us-east-1:123456789012:function:studio-t-api', handler: 'index.handler',
    assetDir: path.join(dir, 'asset.abc'), memoryMb: 512, timeoutSeconds: 9, roleArn: 'arn:aws:iam::123456789012:role/Studio-t-Role',
    environment: { TABLE_NAME: 'Studio-t-Table', BUCKET_NAME: 'studio-t-media', SECRET: t.secrets[0]!.arn, PUBLIC_URL: 'http://127.0.0.1:4321', LOG: 'us-east-1-x', FIRST: 'a' },
  }]);
  expect(t.secrets[0]).toMatchObject({ name: 'Studio-t-Secret', arn: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:Studio-t-Secret-[0-9a-f]{6}$/) });
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:studio-t-api';
  // The route the template declares, with its integration's function and timeout; `$default` (no route declares it) the integration's.
  expect(t.api).toEqual({ integrationTimeoutMs: 12000, payloadFormat: '2.0', functionArn: fn, routes: [
    { routeKey: 'GET /v3.6/live_videos/{id}/frame', functionArn: fn, integrationTimeoutMs: 12000 }, { routeKey: '$default', functionArn: fn, integrationTimeoutMs: 12000 },
  ] });
});

it('gives an origin access control its id, which the distribution\'s origin names (nothing left unresolved)', () => {
  const own = mkdtempSync(path.join(tmpdir(), 'parity-template-oac-'));
  const Oac = { Type: 'AWS::CloudFront::OriginAccessControl', Properties: { OriginAccessControlConfig: { Name: 'web', OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' } } };
  const Cdn = { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true, Origins: [{ Id: 'web', DomainName: { 'Fn::GetAtt': ['Media', 'RegionalDomainName'] }, OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] } }] } } };
  writeFileSync(path.join(own, 'Studio-t.template.json'), JSON.stringify({ ...TEMPLATE, Resources: { ...TEMPLATE.Resources, Oac, Cdn } }));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    readTemplate(own, '123456789012', 'us-east-1', { apiUrl: 'http://127.0.0.1:4321', queueUrl: (n) => n });
    expect(warn).not.toHaveBeenCalled();
  } finally {
    warn.mockRestore();
    rmSync(own, { recursive: true, force: true });
  }
});

it('keeps one-key objects (event patterns, policy conditions) that the resolver alone would collapse', () => {
  const t = readTemplate(dir, '123456789012', 'us-east-1', { apiUrl: 'http://127.0.0.1:4321', queueUrl: (n) => n });
  expect(t.rules).toEqual([{ name: 'Studio-t-Rule', busName: 'studio-t', pattern: { source: ['studio.workflows'] }, targets: [{ id: 't', arn: 'arn:aws:lambda:us-east-1:123456789012:function:studio-t-api' }] }]);
  expect(t.roles.get('Studio-t-Role')?.policies).toEqual([{ name: 'p', policy: { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::studio-t-media/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
  ] } }]);
});

/** CloudFront in front of the browser apps and the API: one origin, the headers each app needs. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { EDGE_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../../lambdas/api/client-ip';
import { MAX_PAYLOAD_BYTES } from '../../lambdas/api/limits';
import { WEB_DIST } from '../../lib/hosting';
import { resourcesOf, studioFunctions, synthStudio } from './synth';

const { stack, template } = synthStudio({}, { frameAncestors: "'self',https://kyc.integrator.example" });
const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const distribution = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties!.DistributionConfig as {
  CacheBehaviors: Array<Record<string, unknown>>; DefaultCacheBehavior: Record<string, unknown>; Origins: Array<Record<string, unknown>>;
};
const policies = Object.entries(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'));
type HeadersConfig = { SecurityHeadersConfig: Record<string, Record<string, unknown>>; CustomHeadersConfig?: { Items: Array<{ Header: string; Value: string }> } };
const headersOf = (app: 'capture' | 'console') => {
  const [, p] = policies.find(([logical]) => logical === id(stack.hosting.policies[app]))!;
  return p.Properties!.ResponseHeadersPolicyConfig as HeadersConfig;
};
const csp = (app: 'capture' | 'console') => JSON.stringify(headersOf(app).SecurityHeadersConfig.ContentSecurityPolicy!.ContentSecurityPolicy);
const behavior = (pattern: string) => distribution.CacheBehaviors.find((b) => b.PathPattern === pattern)!;

describe('one origin for apps and API', () => {
  test('/v3.6/* goes to the HTTP API: every method, uncached, viewer headers but Host, HTTPS only', () => {
    const api = behavior('/v3.6/*');
    expect(api).toMatchObject({
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']), ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', Compress: true,
    });
    const origin = distribution.Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain(id(stack.api.api));
    expect(JSON.stringify(origin.DomainName)).toContain('execute-api');
  });
  test('/v3.6/* bodies over the Lambda payload limit get a 413 with Onfido\'s error body at the edge', () => {
    const [fnId, fn] = Object.entries(resourcesOf(template, 'AWS::CloudFront::Function')).find(([, f]) => JSON.stringify(f.Properties).includes('payload_too_large'))!;
    expect(behavior('/v3.6/*').FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
    // The deployed code, run as CloudFront runs it (a function `handler(event)`).
    const handler = new Function(`${fn.Properties!.FunctionCode as string}; return handler;`)() as (e: unknown) => Record<string, unknown>;
    const event = (length: number) => ({ viewer: { ip: '81.2.69.142' }, request: { method: 'POST', uri: '/v3.6/documents', headers: { 'content-length': { value: String(length) } } } });
    const refused = handler(event(MAX_PAYLOAD_BYTES + 1));
    expect(refused.statusCode).toBe(413);
    expect(JSON.parse((refused.body as { data: string }).data)).toEqual({ error: { type: 'payload_too_large', message: expect.stringContaining(String(MAX_PAYLOAD_BYTES)), fields: {} } });
    expect(handler(event(MAX_PAYLOAD_BYTES))).toMatchObject(event(MAX_PAYLOAD_BYTES).request);
  });
  test('every function gets PUBLIC_URL = the distribution (capture links and dashboard_url on the same origin)', () => {
    for (const fn of Object.values(studioFunctions(template))) {
      const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(vars.PUBLIC_URL)).toContain(`"${id(stack.hosting.distribution)}","DomainName"`);
    }
  });
  test.each(['/capture/*', '/console/*'])('%s: S3 through OAC, compressed, HTTPS, client routes rewritten', (pattern) => {
    const b = behavior(pattern);
    expect(b).toMatchObject({ Compress: true, ViewerProtocolPolicy: 'redirect-to-https', FunctionAssociations: [Match.anyValue()].map(() => expect.objectContaining({ EventType: 'viewer-request' })) });
    const origin = distribution.Origins.find((o) => o.Id === b.TargetOriginId)!;
    expect(origin).toMatchObject({ OriginAccessControlId: expect.anything(), S3OriginConfig: { OriginAccessIdentity: '' } });
  });
  test('the web bucket is private and read only by this distribution', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { LogFilePrefix: 'web/', DestinationBucketName: Match.anyValue() },
    });
    const policy = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties!.Bucket).includes(id(stack.hosting.bucket)))!;
    expect(JSON.stringify(policy.Properties!.PolicyDocument)).toMatch(/cloudfront\.amazonaws\.com.*AWS:SourceArn|AWS:SourceArn.*cloudfront/);
  });
});

describe('the viewer\'s address at the API (API Gateway sees CloudFront\'s edge servers as the caller)', () => {
  const api = behavior('/v3.6/*');
  const origins = distribution.Origins;
  const edgeSecretId = () => id(stack.node.findChild('EdgeSecret') as never);
  const apiFn = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).find((f) => f.Properties!.FunctionName === 'studio-prod-api')!;

  test('the API origin, and only it, sends the edge secret: the stack\'s generated secret, put in by CloudFormation at deploy (a dynamic reference, no value in the template)', () => {
    const edgeSecret = edgeSecretId();
    expect(origins.find((o) => o.Id === api.TargetOriginId)!.OriginCustomHeaders).toEqual([{
      HeaderName: EDGE_SECRET_HEADER, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: edgeSecret }, ':SecretString:::}}']] },
    }]);
    for (const o of origins.filter((x) => x.Id !== api.TargetOriginId)) expect(o.OriginCustomHeaders).toBeUndefined();
    const secret = resourcesOf(template, 'AWS::SecretsManager::Secret')[edgeSecret]!.Properties!;
    // 64 letters and digits, made by Secrets Manager: a valid header value that no template or synth output holds.
    expect(secret).toMatchObject({ GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true }, KmsKeyId: expect.anything() });
    expect(secret.SecretString).toBeUndefined();
  });

  test('the API function gets that secret by reference (its ARN, loaded at cold start) and may read it', () => {
    const edgeSecret = edgeSecretId();
    expect((apiFn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.STUDIO_EDGE_SECRET_ARN).toEqual({ Ref: edgeSecret });
    const roleOf = JSON.stringify(apiFn.Properties!.Role).match(/"Fn::GetAtt":\["([^"]+)"/)![1]!;
    const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties!.Roles).includes(roleOf))
      .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement);
    expect(statements.some((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue') && JSON.stringify(st.Resource) === JSON.stringify({ Ref: edgeSecret }))).toBe(true);
  });

  test('the viewer-request function writes the viewer\'s address (IPv4 or IPv6) over whatever the viewer sent under that name; every viewer header but Host reaches the API', () => {
    const fn = Object.values(resourcesOf(template, 'AWS::CloudFront::Function')).find((f) => JSON.stringify(f.Properties).includes('payload_too_large'))!;
    const handler = new Function(`${fn.Properties!.FunctionCode as string}; return handler;`)() as (e: unknown) => { headers: Record<string, { value: string }> };
    const at = (ip: string, headers: Record<string, { value: string }> = {}) => handler({ viewer: { ip }, request: { method: 'GET', uri: '/v3.6/ping', headers } }).headers;
    expect(at('81.2.69.142')[VIEWER_ADDRESS_HEADER]).toEqual({ value: '81.2.69.142' });
    expect(at('2001:db8::7', { [VIEWER_ADDRESS_HEADER]: { value: '6.6.6.6' } })[VIEWER_ADDRESS_HEADER]).toEqual({ value: '2001:db8::7' });
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
  });
});

describe('response headers', () => {
  test('capture: wasm allowed, camera for itself, uploads to the media bucket, data: images, the configured frame-ancestors', () => {
    const text = csp('capture');
    expect(text).toContain("script-src 'self' 'wasm-unsafe-eval'");
    // The integrator's logo (settings.branding.logo_url, https) from its own host; scripts and connections stay same-origin.
    expect(text).toContain("img-src 'self' data: blob: https:;");
    expect(text).toContain(`connect-src 'self' https://`);
    expect(text).toContain(`"${id(stack.data.media)}","RegionalDomainName"`);
    expect(text).toContain("frame-ancestors 'self' https://kyc.integrator.example");
    expect(text).toContain("default-src 'none'");
    expect(headersOf('capture').CustomHeadersConfig!.Items).toContainEqual(expect.objectContaining({ Header: 'Permissions-Policy', Value: expect.stringMatching(/(^|, )camera=\(self\)/) }));
    expect(headersOf('capture').SecurityHeadersConfig.FrameOptions).toBeUndefined();   // frame-ancestors decides
  });
  test('console (web/dist/console: builder and results): no wasm, no camera, never framed', () => {
    for (const app of ['console'] as const) {
      expect(csp(app)).not.toContain('wasm-unsafe-eval');
      expect(csp(app)).toContain("frame-ancestors 'none'");
      expect(headersOf(app).CustomHeadersConfig!.Items).toContainEqual(expect.objectContaining({ Header: 'Permissions-Policy', Value: expect.stringMatching(/(^|, )camera=\(\)/) }));
      expect(headersOf(app).SecurityHeadersConfig.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    }
  });
  test('console: connects to its own origin, the media bucket (large media: presigned GETs) and Cognito of the stack\'s region only (sign-in from the browser)', () => {
    const text = csp('console');
    const bucket = `"${id(stack.data.media)}","RegionalDomainName"`;
    expect(text).toMatch(new RegExp(`connect-src 'self' https://[^;]*${bucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^;]* https://cognito-idp\\.${stack.region}\\.amazonaws\\.com;`));
    expect(text).toMatch(new RegExp(`img-src 'self' data: blob: https://[^;]*${bucket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(csp('capture')).not.toContain('cognito-idp');
  });
  test('HSTS on every app and on the API, a year', () => {
    expect(policies).toHaveLength(3);
    for (const [, p] of policies) {
      expect((p.Properties!.ResponseHeadersPolicyConfig as HeadersConfig).SecurityHeadersConfig.StrictTransportSecurity)
        .toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
    }
  });
  test('frame-ancestors defaults to none', () => {
    const other = synthStudio();
    const rhp = Object.values(resourcesOf(other.template, 'AWS::CloudFront::ResponseHeadersPolicy')).map((p) => JSON.stringify(p.Properties));
    expect(rhp.filter((p) => p.includes('wasm-unsafe-eval'))[0]).toContain("frame-ancestors 'none'");
  });
});

describe('assets', () => {
  test('web/dist names its scripts and styles by content hash; index.html points at them', () => {
    const html = readFileSync(path.join(WEB_DIST, 'capture/index.html'), 'utf8');
    const assets = readdirSync(path.join(WEB_DIST, 'capture/assets'));
    const named = [...html.matchAll(/\/capture\/assets\/([\w.-]+)/g)].map((m) => m[1]);
    expect(named).toHaveLength(2);
    for (const file of named) { expect(assets).toContain(file); expect(file).toMatch(/-[A-Z0-9]{8}\.(js|css)$/); }
  });
  test('hashed assets are cached for a year, pages revalidated', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((d) => JSON.stringify(d));
    expect(deployments.find((d) => d.includes('immutable'))).toMatch(/max-age=31536000/);
    expect(deployments.find((d) => d.includes('no-cache'))).toContain('*/assets/*');
  });
});

describe('custom domain', () => {
  test('lives on CloudFront with a us-east-1 certificate, and is PUBLIC_URL', () => {
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    const custom = synthStudio({ domainName: 'verify.example.com', certificateArn: cert });
    custom.template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({
      Aliases: ['verify.example.com'], ViewerCertificate: Match.objectLike({ AcmCertificateArn: cert, MinimumProtocolVersion: 'TLSv1.2_2021' }),
    }) });
    expect(custom.template.findResources('AWS::ApiGatewayV2::DomainName')).toEqual({});
    for (const fn of Object.values(studioFunctions(custom.template))) {
      expect((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.PUBLIC_URL).toBe('https://verify.example.com');
    }
  });
  test('a certificate outside us-east-1 is refused', () => {
    expect(() => synthStudio({ domainName: 'verify.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' }))
      .toThrow(/certificateArn: an ACM certificate in us-east-1/);
  });
});

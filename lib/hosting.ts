/**
 * The browser apps and the API behind one CloudFront distribution, so that `link.url`
 * (`/capture/<run>`), `dashboard_url` and the API (`/v3.6/*`) share one origin (PUBLIC_URL):
 * - `web/dist` in a private S3 bucket read through Origin Access Control; hashed assets
 *   (`<app>/assets/*`, web/build.js) cached for a year, everything else revalidated;
 * - `/v3.6/*` to the HTTP API, uncached, every viewer header but Host forwarded; bodies over
 *   the API's payload limit answered 413 at the edge (API_LIMIT), which also writes the viewer's
 *   address into `X-Studio-Viewer-Address`; the origin sends the deployment's edge secret
 *   (`X-Studio-Edge-Secret`), without which the API does not believe that address
 *   (lambdas/api/client-ip.ts): API Gateway sees CloudFront's edge servers as the caller;
 * - compression, HTTP/2 and 3, TLS 1.2+, HSTS, and per app the Content-Security-Policy and
 *   Permissions-Policy of lib/web-policies.ts;
 * - an optional custom domain whose ACM certificate must be in us-east-1.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods, CachePolicy, Distribution, Function as CfFunction, FunctionCode, FunctionEventType, FunctionRuntime, HeadersFrameOption,
  HeadersReferrerPolicy, HttpVersion, OriginProtocolPolicy, OriginRequestPolicy, ResponseHeadersPolicy, SecurityPolicyProtocol,
  ViewerProtocolPolicy, type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EDGE_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../lambdas/api/client-ip';
import { MAX_PAYLOAD_BYTES } from '../lambdas/api/limits';
import type { StudioSettings } from './config';
import { contentSecurityPolicy, permissionsPolicy, WEB_APPS, type WebApp } from './web-policies';

export const WEB_DIST = path.resolve(__dirname, '..', 'web', 'dist');
/** The API's routes all start with this (lambdas/api/routes). */
export const API_PATH = '/v3.6/*';

export interface HostingProps {
  api: HttpApi; settings: StudioSettings; media: Bucket; accessLogs: Bucket; webDist?: string;
  /** Sent to the API origin in `X-Studio-Edge-Secret`; the functions behind the API load the same secret. */
  edgeSecret: ISecret;
}

/** Client-side routes (`/capture/<run id>`) get the app's index.html; files keep their path. */
const SPA_REWRITE = `function handler(event) {
  var r = event.request, m = r.uri.match(/^\\/(${WEB_APPS.join('|')})(\\/.*)?$/);
  if (m && !/\\.[a-z0-9]+$/i.test(r.uri)) r.uri = '/' + m[1] + '/index.html';
  return r;
}`;

/** Bodies that could not reach the API's Lambda (6 MB payload after base64) get the API's own
 *  413 here, with Onfido's error body, instead of API Gateway's. Needs Content-Length.
 *  Every request going on gets the viewer's address (`event.viewer.ip`: the peer of the viewer's
 *  connection to the edge, a bare IPv4 or IPv6 address) in `X-Studio-Viewer-Address`, replacing
 *  any value the viewer sent; the origin request policy forwards it with the other viewer headers. */
export const API_LIMIT = `function handler(event) {
  var r = event.request, len = r.headers['content-length'];
  if (len && Number(len.value) > ${MAX_PAYLOAD_BYTES}) {
    return { statusCode: 413, statusDescription: 'Payload Too Large', headers: { 'content-type': { value: 'application/json; charset=utf-8' } },
      body: { encoding: 'text', data: ${JSON.stringify(JSON.stringify({ error: { type: 'payload_too_large', message: `The request body is over ${MAX_PAYLOAD_BYTES} bytes (what fits AWS Lambda's 6 MB payload once base64-encoded)`, fields: {} } }))} } };
  }
  r.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return r;
}`;

export class StudioHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly policies: Record<WebApp, ResponseHeadersPolicy>;
  /** `https://<distribution or custom domain>`: PUBLIC_URL of every function. */
  readonly url: string;

  constructor(scope: Construct, id: string, p: HostingProps) {
    super(scope, id);
    const s = p.settings;
    const dist = p.webDist ?? WEB_DIST;
    if (!existsSync(path.join(dist, 'capture', 'index.html'))) throw new Error(`The browser apps are not built (${dist}): run npm run build:web first`);
    this.bucket = new Bucket(this, 'Web', {
      encryption: BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED, serverAccessLogsBucket: p.accessLogs, serverAccessLogsPrefix: 'web/',
    });
    const hsts = { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true };
    const mediaOrigin = `https://${p.media.bucketRegionalDomainName}`;
    const cognitoOrigin = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com`;
    this.policies = Object.fromEntries(WEB_APPS.map((app) => [app, new ResponseHeadersPolicy(this, `${app}Headers`, {
      comment: `Open Studio ${app} app: CSP, permissions, HSTS`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(app, { mediaOrigin, frameAncestors: s.frameAncestors, cognitoOrigin }), override: true },
        strictTransportSecurity: hsts, contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        // Browsers that know frame-ancestors ignore X-Frame-Options; set it only when nobody may frame the app.
        ...(app !== 'capture' || s.frameAncestors.join() === "'none'" ? { frameOptions: { frameOption: HeadersFrameOption.DENY, override: true } } : {}),
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Permissions-Policy', value: permissionsPolicy(app), override: true }] },
    })])) as Record<WebApp, ResponseHeadersPolicy>;
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Open Studio API: HSTS, nosniff', securityHeadersBehavior: { strictTransportSecurity: hsts, contentTypeOptions: { override: true } },
    });

    const web = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const rewrite = new CfFunction(this, 'SpaRewrite', { code: FunctionCode.fromInline(SPA_REWRITE), runtime: FunctionRuntime.JS_2_0, comment: 'Client-side routes to index.html' });
    const app = (a: WebApp): BehaviorOptions => ({
      origin: web, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, compress: true,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED, responseHeadersPolicy: this.policies[a],
      functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    });
    const { region, urlSuffix } = Stack.of(this);
    const certificate = s.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', s.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Cdn', {
      comment: `Open Studio ${s.stage}: browser apps and API`,
      defaultBehavior: app('capture'), defaultRootObject: 'capture/index.html',
      additionalBehaviors: {
        [API_PATH]: {
          // The secret as a CloudFormation dynamic reference ({{resolve:secretsmanager:…}}), resolved at
          // deploy: the template holds its ARN only. CloudFront replaces a viewer's header of that name.
          origin: new HttpOrigin(`${p.api.apiId}.execute-api.${region}.${urlSuffix}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, readTimeout: Duration.seconds(30),
            customHeaders: { [EDGE_SECRET_HEADER]: p.edgeSecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, allowedMethods: AllowedMethods.ALLOW_ALL, compress: true,
          cachePolicy: CachePolicy.CACHING_DISABLED, originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          functionAssociations: [{ function: new CfFunction(this, 'ApiLimit', {
            code: FunctionCode.fromInline(API_LIMIT), runtime: FunctionRuntime.JS_2_0, comment: 'API bodies over the Lambda payload limit: 413',
          }), eventType: FunctionEventType.VIEWER_REQUEST }],
        },
        ...Object.fromEntries(WEB_APPS.map((a) => [`/${a}/*`, app(a)])),
      },
      httpVersion: HttpVersion.HTTP2_AND_3, enableLogging: true, logBucket: p.accessLogs, logFilePrefix: 'cdn/',
      // TLS 1.2+ needs a certificate of our own: CloudFront's default one is fixed at TLSv1.
      ...(s.domainName && certificate ? { domainNames: [s.domainName], certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
    });
    this.url = s.domainName ? `https://${s.domainName}` : `https://${this.distribution.distributionDomainName}`;

    // Hashed assets for a year; index.html and anything unhashed revalidated on every load.
    const deploy = (did: string, files: { exclude: string[]; include?: string[] }, cacheControl: CacheControl[]) => new BucketDeployment(this, did, {
      sources: [Source.asset(dist)], destinationBucket: this.bucket, prune: false, ...files,
      cacheControl, distribution: this.distribution, distributionPaths: ['/*'], memoryLimit: 512,
    });
    const hashed = deploy('HashedAssets', { exclude: ['*'], include: ['*/assets/*'] }, [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()]);
    deploy('Pages', { exclude: ['*/assets/*'] }, [CacheControl.noCache()]).node.addDependency(hashed);
  }
}

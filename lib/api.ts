/**
 * The public API: an API Gateway HTTP API (payload format 2.0) in front of the API Lambda.
 *
 * Why HTTP API and not REST API: the handler is written for payload 2.0 (lambdas/README.md); it
 * costs $1.00 per million requests instead of $3.50, adds less latency, and needs no binary media
 * type list: with a Lambda proxy integration, every body whose Content-Type is not text (for
 * example `multipart/form-data` uploads of documents and photos) reaches the handler base64
 * encoded with `isBase64Encoded: true`, untouched. What REST API would add (WAF, usage plans,
 * request validation, API keys) is not used: tokens are checked by the handler itself.
 * Size limits: a request is at most 10 MB at API Gateway and 6 MB at Lambda after base64; the
 * handler's one limit (lambdas/api/limits.ts, about 4.45 MiB) answers 413 above it, as does
 * CloudFront in front (hosting.ts), and bigger stored files are downloaded by presigned GET.
 */
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { FRAME_KINDS, frameRoute } from '../lambdas/api/frame-routes';
import { ACCESS_LOG } from './access-log';
import type { StudioSettings } from './config';
import { encryptedLogGroup } from './keys';

export interface ApiProps {
  handler: IFunction; settings: StudioSettings; prefix: string; logsKey: Key;
  /** Serves the frame routes (lambdas/api/frame-routes.ts): the reports function, which has ffmpeg. */
  frames: IFunction;
}

export class StudioApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The execute-api URL (clients use PUBLIC_URL, CloudFront's, which routes /v3.6/* here). */
  readonly url: string;

  constructor(scope: Construct, id: string, p: ApiProps) {
    super(scope, id);
    const s = p.settings;
    this.api = new HttpApi(this, 'Api', {
      apiName: `${p.prefix}-api`, createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Lambda', p.handler),
      corsPreflight: {
        allowOrigins: s.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Studio-Environment'],
        exposeHeaders: ['Location', 'X-Request-Id', 'Retry-After'], maxAge: Duration.hours(1),
      },
    });
    const frames = new HttpLambdaIntegration('Frames', p.frames);
    for (const kind of FRAME_KINDS) this.api.addRoutes({ path: frameRoute(kind), methods: [HttpMethod.GET], integration: frames });
    const logs = encryptedLogGroup(this, 'AccessLogs', { key: p.logsKey, days: s.logRetentionDays });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api, stageName: '$default', autoDeploy: true,
      throttle: { rateLimit: s.throttleRate, burstLimit: s.throttleBurst },
      accessLogSettings: { destination: new LogGroupLogDestination(logs), format: AccessLogFormat.custom(ACCESS_LOG) },
    });
    // The public URL is CloudFront's (lib/hosting.ts), which also carries the custom domain.
    this.url = this.api.apiEndpoint;
  }
}

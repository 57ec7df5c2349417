/**
 * Configuration of every handler, from the environment: the same code runs in AWS (real
 * endpoints, names from the CDK stack) and locally (endpoints of the embedded stack).
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/** A comma-separated list (empty when unset). */
const csv = z.string().default('').transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const onOff = z.enum(['true', 'false', '1', '0', '']).default('false').transform((v) => v === 'true' || v === '1');
const ipOrCidr = (s: string) => { const [ip, bits, more] = s.split('/'); return more === undefined && isIP(ip ?? '') !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)); };

const PROCESS_SECRET = randomBytes(32).toString('base64url');

export const Config = z.object({
  TABLE_NAME: z.string().min(1).default('studio'),
  BUCKET_NAME: z.string().min(1).default('studio-media'),
  EVENT_BUS_NAME: z.string().min(1).default('studio'),
  /** Role the workflow state machines run as (passed on CreateStateMachine). */
  STATE_MACHINE_ROLE_ARN: z.string().min(1).default('arn:aws:iam::000000000000:role/studio-workflows'),
  /** Prefix of state machine names: one machine per workflow, `<prefix>-<workflow id>`. */
  STATE_MACHINE_PREFIX: z.string().min(1).default('studio'),
  /** What compiled Task states call (see compiler CompileContext). */
  TASK_FUNCTION: z.string().min(1).default('studio-tasks'),
  REPORT_FUNCTION: z.string().min(1).default('studio-reports'),
  /** Public base URL of the API (for hrefs and webhook payloads) and of the capture page. */
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  AWS_REGION: z.string().default('us-east-1'),
  /** Local stack only: endpoints of the embedded services. Unset in AWS. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  SFN_ENDPOINT: z.string().url().optional(),
  EVENTS_ENDPOINT: z.string().url().optional(),
  /** Secret that signs SDK tokens. In AWS it lives in Secrets Manager: `SDK_TOKEN_SECRET_ARN`
   *  names it and `shared/secrets.ts` loads it at cold start; until then it is unset (no default
   *  when an ARN is given: signing refuses instead; only the functions that sign or verify SDK
   *  tokens get the ARN, lib/functions.ts). The local stack makes a random one per data folder.
   *  Unset with no ARN (unit tests): random per process, never a published constant. */
  SDK_TOKEN_SECRET: z.string().min(16).optional(),
  SDK_TOKEN_SECRET_ARN: z.string().optional(),
  /** The key and certificate that sign evidence PDFs (lambdas/evidence/signing-key.ts): in AWS a Secrets Manager secret,
   *  filled on first use when empty; locally a file in the data folder (600), made on first use. Neither: one per process. */
  EVIDENCE_SIGNING_SECRET_ARN: z.string().optional(),
  EVIDENCE_SIGNING_KEY_FILE: z.string().optional(),
  /** CloudWatch log group (ARN ending in `:*`) that workflow state machines log to; unset locally. */
  STATE_MACHINE_LOG_GROUP_ARN: z.string().optional(),
  /** Browser origins the API answers CORS for (exact, comma-separated); none by default. In AWS, API Gateway
   *  answers CORS itself (the `allowedOrigins` setting) and ignores the function's CORS headers. */
  STUDIO_ALLOWED_ORIGINS: csv,
  /** The secret CloudFront sends to the API origin (`X-Studio-Edge-Secret`, lib/hosting.ts): with it, the viewer address the
   *  edge writes (`X-Studio-Viewer-Address`) is the client's (api/client-ip.ts). In AWS a Secrets Manager secret named by
   *  `STUDIO_EDGE_SECRET_ARN` (the API function only) and loaded at cold start (`shared/secrets.ts`); unset locally: no edge. */
  STUDIO_EDGE_SECRET: z.string().min(32).optional(),
  STUDIO_EDGE_SECRET_ARN: z.string().optional(),
  /** Proxies in front of the API (IPs or CIDR ranges, comma-separated) whose X-Forwarded-For is believed; none by default. */
  STUDIO_TRUSTED_PROXIES: csv.refine((l) => l.every(ipOrCidr), 'STUDIO_TRUSTED_PROXIES: IP addresses or CIDR ranges, comma-separated'),
  /** Webhooks may target loopback addresses (the local stack sets it; must stay unset in AWS). Private and link-local never. */
  STUDIO_ALLOW_LOOPBACK_WEBHOOKS: onOff,
  /** Console sign-in in AWS: the Cognito user pool and app client whose ID tokens the API accepts (lib/console-users.ts). */
  CONSOLE_USER_POOL_ID: z.string().default(''),
  CONSOLE_CLIENT_ID: z.string().default(''),
  /** Tests, parity mode and local trials only, never in AWS: the Cognito endpoint the console's sign-in page calls instead of
   *  `https://cognito-idp.<region>.amazonaws.com/` (a loopback stand-in; `GET /v3.6/console/config` answers it as `endpoint`),
   *  and where the API reads the pool's keys (`<endpoint><pool>/.well-known/jwks.json`, lambdas/api/console-auth.ts). */
  CONSOLE_COGNITO_ENDPOINT: z.string().url().or(z.literal('')).default(''),
  /** Console sign-in locally: the RS256 private key (PEM, mode 600) that signs console JWTs, and the local users
   *  (`studio users add`); both in the data folder (local/stack/console-keys.ts). Unset in AWS. */
  CONSOLE_KEY_FILE: z.string().default(''),
  CONSOLE_USERS_FILE: z.string().default(''),
  /** Tests: webhook host names other than `localhost` do not resolve, so no DNS query leaves the machine. */
  STUDIO_OFFLINE_DNS: onOff,
  /** Seconds between DELETE of an applicant and its purge (lambdas/lifecycle/); the CDK stack sets `deletionGraceDays` × 86,400. */
  STUDIO_DELETION_GRACE_SECONDS: z.coerce.number().int().min(0).default(20 * 86_400),
  /** Days after a run ends when it and the media it used are purged, per environment; unset: kept (lambdas/lifecycle/retention.ts). */
  STUDIO_RETENTION_DAYS_SANDBOX: z.coerce.number().positive().optional(),
  STUDIO_RETENTION_DAYS_LIVE: z.coerce.number().positive().optional(),
  /** The lists the watchlist refresh function downloads: JSON `[{ url, format, alt_url? }]` (lambdas/watchlists/sources.ts parses it); the CDK setting `watchlistSources`. */
  STUDIO_WATCHLIST_SOURCES: z.string().default(''),
}).transform((c) => ({
  ...c, SDK_TOKEN_SECRET: c.SDK_TOKEN_SECRET ?? (c.SDK_TOKEN_SECRET_ARN ? undefined : PROCESS_SECRET),
}));
export type Config = z.infer<typeof Config>;

let cached: Config | undefined;
/** The configuration, parsed once per process; tests pass their own. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  if (env !== process.env) return Config.parse(env);
  cached ??= Config.parse(env);
  return cached;
}
/** Forget the cached configuration (the local stack sets the environment before handlers run). */
export const resetConfig = () => { cached = undefined; };

/**
 * Settings read where they are used rather than once per process (logging at module load, the
 * face engine's assets and ffmpeg when first needed): parsed from the environment each call.
 */
export const ProcessSettings = z.object({
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('open-studio'),
  /** Set by the Lambda runtime: tracing is loaded only there. */
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  /** A bundled Lambda's copies of Human's node-wasm build, its models and the wasm binaries (lambdas/reports/face/README.md). */
  FACE_HUMAN_JS: z.string().min(1).optional(),
  FACE_MODELS_DIR: z.string().min(1).optional(),
  FACE_WASM_DIR: z.string().min(1).optional(),
  /** ffmpeg binary (default: @ffmpeg-installer/ffmpeg's). */
  FFMPEG_PATH: z.string().min(1).optional(),
  /** Which service answers each report type: JSON, parsed (and checked) by lambdas/reports/providers; unset: the built-in checks.
   *  In AWS a provider's HMAC secret is named by ARN and put in by shared/secrets.ts at cold start. */
  REPORT_PROVIDERS: z.string().optional(),
});
export type ProcessSettings = z.infer<typeof ProcessSettings>;
export const processSettings = (env: NodeJS.ProcessEnv = process.env): ProcessSettings => ProcessSettings.parse(env);

/** Settings of the webhook worker (lambdas/webhooks), with the back-off they imply (webhooks/settings.ts). */
export const WebhookSettings = z.object({
  /** Deliveries of one event to one webhook before it goes to the dead-letter store. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** Receivers must answer within this many milliseconds. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** First retry delay; doubles per attempt up to the cap (SQS allows at most 12 hours). */
  WEBHOOK_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(0).default(30),
  WEBHOOK_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(0).max(43_200).default(3_600),
  /** How long a delivery in progress holds its claim, in case the worker dies mid-send. */
  WEBHOOK_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Local stack only: the SQS endpoint the retry delays are set on. */
  SQS_ENDPOINT: z.string().url().optional(),
});
export type WebhookSettings = z.infer<typeof WebhookSettings>;
export const webhookSettings = (env: NodeJS.ProcessEnv = process.env): WebhookSettings => WebhookSettings.parse(env);

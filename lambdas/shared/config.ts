/**
 * Configuration of every handler, from the environment: the same code runs in AWS (real
 * endpoints, names from the CDK stack) and locally (endpoints of the embedded stack).
 */
import { z } from 'zod';

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
   *  names it and `shared/secrets.ts` loads it at cold start, before this is read. */
  SDK_TOKEN_SECRET: z.string().min(16).default('local-development-sdk-token-secret'),
  SDK_TOKEN_SECRET_ARN: z.string().optional(),
  /** CloudWatch log group (ARN ending in `:*`) that workflow state machines log to; unset locally. */
  STATE_MACHINE_LOG_GROUP_ARN: z.string().optional(),
});
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
});
export type ProcessSettings = z.infer<typeof ProcessSettings>;
export const processSettings = (env: NodeJS.ProcessEnv = process.env): ProcessSettings => ProcessSettings.parse(env);

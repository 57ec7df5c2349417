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
   *  names it and `shared/secrets.ts` loads it at cold start; until then it is unset (no public
   *  default when an ARN is given: signing refuses instead). Only the functions that sign or
   *  verify SDK tokens get the ARN (lib/functions.ts). */
  SDK_TOKEN_SECRET: z.string().min(16).optional(),
  SDK_TOKEN_SECRET_ARN: z.string().optional(),
  /** CloudWatch log group (ARN ending in `:*`) that workflow state machines log to; unset locally. */
  STATE_MACHINE_LOG_GROUP_ARN: z.string().optional(),
}).transform((c) => ({
  ...c, SDK_TOKEN_SECRET: c.SDK_TOKEN_SECRET ?? (c.SDK_TOKEN_SECRET_ARN ? undefined : 'local-development-sdk-token-secret'),
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

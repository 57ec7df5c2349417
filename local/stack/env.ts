/** The environment of lambdas/shared/config.ts for the embedded stack, applied to process.env. */
import { resetClients } from '../../lambdas/shared/aws';
import { resetConfig } from '../../lambdas/shared/config';

export interface StackEnv {
  TABLE_NAME: string; BUCKET_NAME: string; EVENT_BUS_NAME: string; PUBLIC_URL: string;
  DYNAMODB_ENDPOINT: string; S3_ENDPOINT: string; SFN_ENDPOINT: string; EVENTS_ENDPOINT: string;
  TASK_FUNCTION: string; REPORT_FUNCTION: string; AWS_REGION: string;
  STUDIO_ALLOWED_ORIGINS: string; STUDIO_TRUSTED_PROXIES: string; STUDIO_ALLOW_LOOPBACK_WEBHOOKS: 'true';
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

/** Sets the variables (local credentials only where none are set) and forgets cached config and clients. */
export function applyEnv(env: StackEnv): void {
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(CREDENTIALS)) process.env[k] ??= v;
  resetConfig();
  resetClients();
}

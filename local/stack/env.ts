/** The environment of lambdas/shared/config.ts for the embedded stack, applied to process.env. */
import { resetClients } from '../../lambdas/shared/aws';
import { resetConfig } from '../../lambdas/shared/config';

export interface StackEnv {
  TABLE_NAME: string; BUCKET_NAME: string; EVENT_BUS_NAME: string; PUBLIC_URL: string;
  DYNAMODB_ENDPOINT: string; S3_ENDPOINT: string; SFN_ENDPOINT: string; EVENTS_ENDPOINT: string;
  TASK_FUNCTION: string; REPORT_FUNCTION: string; AWS_REGION: string; SDK_TOKEN_SECRET: string;
  /** The stack's own credentials: the clients sign with them, the local Step Functions API checks them. */
  AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string;
  STUDIO_ALLOWED_ORIGINS: string; STUDIO_TRUSTED_PROXIES: string; STUDIO_ALLOW_LOOPBACK_WEBHOOKS: 'true';
  /** Where the evidence signing key is kept (made on first use); unset in memory: one per process. */
  EVIDENCE_SIGNING_KEY_FILE?: string;
  /** The console's local sign-in (console-keys.ts). */
  CONSOLE_KEY_FILE: string; CONSOLE_USERS_FILE: string;
}

/** Variables that would send an AWS client anywhere but the local endpoints (a profile, a session, instance metadata). */
const FOREIGN = ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'];

/**
 * Sets the variables (the stack's credentials replace any the machine has; instance metadata
 * is never asked) and forgets cached config and clients. `partial` applies what is known
 * before the servers are up: credentials, region, secret, names.
 */
export function applyEnv(env: Partial<StackEnv>): void {
  for (const k of FOREIGN) delete process.env[k];
  Object.assign(process.env, env, { AWS_EC2_METADATA_DISABLED: 'true' });
  resetConfig();
  resetClients();
}

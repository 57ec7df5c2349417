/**
 * Secrets from AWS Secrets Manager, loaded once per cold start before the configuration is
 * read. Locally (no `SDK_TOKEN_SECRET_ARN`) nothing is fetched.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { resetConfig } from './config';

let loading: Promise<void> | undefined;

export function loadSecrets(env: NodeJS.ProcessEnv = process.env, client?: SecretsManagerClient): Promise<void> {
  loading ??= (async () => {
    const arn = env.SDK_TOKEN_SECRET_ARN;
    if (!arn) return;
    const sm = client ?? new SecretsManagerClient({ region: env.AWS_REGION });
    const res = await sm.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!res.SecretString) throw new Error(`secret ${arn} has no string value`);
    env.SDK_TOKEN_SECRET = res.SecretString;
    resetConfig();
  })().catch((e: unknown) => { loading = undefined; throw e; });
  return loading;
}

/**
 * Secrets from AWS Secrets Manager, loaded once per cold start before the configuration is
 * read: the SDK-token key (`SDK_TOKEN_SECRET_ARN`), the secret CloudFront sends the API
 * (`STUDIO_EDGE_SECRET_ARN`) and the report providers' HMAC secrets named by ARN in
 * `REPORT_PROVIDERS`. Locally (no ARNs) nothing is fetched.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { config, processSettings, resetConfig } from './config';

/** REPORT_PROVIDERS as the CDK stack writes it: a provider may name its HMAC secret by ARN
 *  (`secret_arn`) instead of holding it (`secret`); the loader fills `secret` in at cold start. */
const ProvidersWithArns = z.record(z.string(), z.looseObject({ secret_arn: z.string().startsWith('arn:').optional() }));

let loading: Promise<void> | undefined;

export function loadSecrets(env: NodeJS.ProcessEnv = process.env, client?: SecretsManagerClient): Promise<void> {
  loading ??= (async () => {
    // What names the secrets, as config.ts reads it; what is loaded is written back into `env`, and
    // the configuration is read afresh after (resetConfig below).
    const { AWS_REGION, SDK_TOKEN_SECRET_ARN, STUDIO_EDGE_SECRET_ARN } = config(env);
    const { REPORT_PROVIDERS } = processSettings(env);
    let sm = client;
    const read = async (arn: string) => {
      sm ??= new SecretsManagerClient({ region: AWS_REGION });
      const res = await sm.send(new GetSecretValueCommand({ SecretId: arn }));
      if (!res.SecretString) throw new Error(`secret ${arn} has no string value`);
      return res.SecretString;
    };
    const arn = SDK_TOKEN_SECRET_ARN;
    if (arn) env.SDK_TOKEN_SECRET = await read(arn);
    if (STUDIO_EDGE_SECRET_ARN) env.STUDIO_EDGE_SECRET = await read(STUDIO_EDGE_SECRET_ARN);
    if (REPORT_PROVIDERS?.includes('"secret_arn"')) {
      const providers = ProvidersWithArns.parse(JSON.parse(REPORT_PROVIDERS));
      for (const p of Object.values(providers)) {
        if (p.secret_arn === undefined) continue;
        p.secret = await read(p.secret_arn);
        delete p.secret_arn;
      }
      env.REPORT_PROVIDERS = JSON.stringify(providers);
    }
    resetConfig();
  })().catch((e: unknown) => { loading = undefined; resetConfig(); throw e; });
  return loading;
}

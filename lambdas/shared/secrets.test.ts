import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { config } from './config';
import { loadSecrets } from './secrets';

describe('loadSecrets', () => {
  it('replaces the SDK token secret with the value stored in Secrets Manager, once', async () => {
    const env: NodeJS.ProcessEnv = { SDK_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:sdk' };
    const asked: string[] = [];
    const client = { send: async (cmd: GetSecretValueCommand) => { asked.push(String(cmd.input.SecretId)); return { SecretString: 'x'.repeat(40) }; } } as unknown as SecretsManagerClient;
    await loadSecrets(env, client);
    await loadSecrets(env, client);
    expect(asked).toEqual(['arn:aws:secretsmanager:eu-west-1:1:secret:sdk']);
    expect(config(env).SDK_TOKEN_SECRET).toBe('x'.repeat(40));
  });
});

describe('the SDK-token secret before it is loaded', () => {
  it('has no public default when it lives in Secrets Manager (signing refuses instead)', () => {
    expect(config({ SDK_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:sdk' }).SDK_TOKEN_SECRET).toBeUndefined();
  });
  it('keeps the local development default when no ARN is given', () => {
    expect(config({}).SDK_TOKEN_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/); // random per process, never a published constant
  });
});

describe('report provider secrets named by ARN', () => {
  it('are read at cold start and put in REPORT_PROVIDERS as the providers expect them', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:screening-AbCdEf';
    const env: NodeJS.ProcessEnv = { REPORT_PROVIDERS: JSON.stringify({ watchlist_report: { type: 'http', url: 'https://screening.example.com/r', secret_arn: arn } }) };
    const asked: string[] = [];
    const client = { send: async (cmd: GetSecretValueCommand) => { asked.push(String(cmd.input.SecretId)); return { SecretString: 's'.repeat(32) }; } } as unknown as SecretsManagerClient;
    let load: typeof loadSecrets = loadSecrets;
    jest.isolateModules(() => { load = (jest.requireActual('./secrets') as { loadSecrets: typeof loadSecrets }).loadSecrets; });
    await load(env, client);
    expect(asked).toEqual([arn]);
    expect(JSON.parse(env.REPORT_PROVIDERS!)).toEqual({ watchlist_report: { type: 'http', url: 'https://screening.example.com/r', secret: 's'.repeat(32) } });
    const { reportProviders } = jest.requireActual('../reports/providers') as typeof import('../reports/providers');
    expect(reportProviders(env).watchlist_report).toMatchObject({ type: 'http', secret: 's'.repeat(32) });
  });
});

describe('the edge secret (what CloudFront sends the API, lib/hosting.ts)', () => {
  it('is read at cold start from the secret STUDIO_EDGE_SECRET_ARN names, and is STUDIO_EDGE_SECRET from then on', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:EdgeSecret-AbCdEf';
    const env: NodeJS.ProcessEnv = { STUDIO_EDGE_SECRET_ARN: arn };
    const asked: string[] = [];
    const client = { send: async (cmd: GetSecretValueCommand) => { asked.push(String(cmd.input.SecretId)); return { SecretString: 'e'.repeat(64) }; } } as unknown as SecretsManagerClient;
    let load: typeof loadSecrets = loadSecrets;
    jest.isolateModules(() => { load = (jest.requireActual('./secrets') as { loadSecrets: typeof loadSecrets }).loadSecrets; });
    expect(config(env).STUDIO_EDGE_SECRET).toBeUndefined();
    await load(env, client);
    expect(asked).toEqual([arn]);
    expect(config(env).STUDIO_EDGE_SECRET).toBe('e'.repeat(64));
  });
});

/**
 * `studio start` (`npm start`): the whole product on this machine. The API (and the web apps,
 * when built) on http://127.0.0.1:3000 (PORT, HOST override), data under `.studio/` (STUDIO_DATA
 * overrides), one workflow per template in each environment (sandbox and live), until SIGINT or SIGTERM. The API token is kept in
 * `.studio/api-token` so that it stays the same across restarts (STUDIO_API_TOKEN overrides).
 * `--parity` runs the synthesized stack instead (local/parity, data under `.studio/parity-data`),
 * loaded only then: a normal start never loads the CDK or the parity modules.
 * The data folder and every file in it are private to the user (700/600): it holds the tokens'
 * secrets and every applicant's documents. HOST other than loopback opens the API (only the
 * API) to the network, with a warning; STUDIO_ALLOWED_ORIGINS (comma-separated) lists the
 * origins a browser page may use the bucket from (default the API's own).
 * STUDIO_DYNAMODB_QUICK_START=1 starts DynamoDB Local's JVM on less CPU (it then runs slower): tests.
 */
import { stopRequested } from './io';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SECRETS_FILE, startStack } from '../local/stack';
import { seedTemplates, type Seeded } from '../local/stack/seed';
import { writeStackFile } from '../local/stack/stack-file';

const ROOT = path.resolve(__dirname, '..');
export const DATA_DIR = path.join(ROOT, '.studio');
export const TOKEN_FILE = 'api-token';

export interface StartIo { log?: (line: string) => void; signal?: AbortSignal; env?: NodeJS.ProcessEnv }

export async function start(args: string[], io: StartIo = {}): Promise<number> {
  const log = io.log ?? ((l: string) => console.log(l));
  const env = io.env ?? process.env;
  if (args.includes('--help') || args.includes('-h')) { log('usage: studio start [--parity]   (PORT, HOST, STUDIO_DATA, STUDIO_API_TOKEN from the environment)'); return 0; }
  const parity = args.includes('--parity');
  const rest = args.filter((a) => a !== '--parity');
  if (rest.length) { console.error(`start: unexpected arguments ${rest.join(' ')}`); return 2; }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`start: PORT must be 0-65535, got ${env.PORT}`); return 2; }
  const dataDir = path.resolve(env.STUDIO_DATA ?? (parity ? path.join(DATA_DIR, 'parity-data') : DATA_DIR));
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const host = env.HOST ?? '127.0.0.1';
  if (!isLoopback(host)) console.error(`studio: WARNING: HOST=${host} makes the API reachable from other machines; anyone who can reach it and holds a token can use it. DynamoDB, S3 and Step Functions stay on 127.0.0.1.`);
  const allowedOrigins = env.STUDIO_ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean);
  const tokenFile = path.join(dataDir, TOKEN_FILE);
  const apiToken = env.STUDIO_API_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  const began = Date.now();
  const jvm = env.STUDIO_DYNAMODB_QUICK_START === '1' ? { quickStart: true } : {};
  const options = { dataDir, port, host, ...(apiToken ? { apiToken } : {}), ...(allowedOrigins?.length ? { allowedOrigins } : {}), ...jvm, log: (l: string) => log(`  ${l}`) };
  const stack = parity ? await (await import('../local/parity')).startParityStack(options) : await startStack(options);
  let removeStackFile = () => undefined as void;
  try {
    if (!env.STUDIO_API_TOKEN) { writeFileSync(tokenFile, `${stack.apiToken}\n`, { mode: 0o600 }); chmodSync(tokenFile, 0o600); }
    // For `studio watchlist import` (local/stack/stack-file.ts).
    removeStackFile = writeStackFile(dataDir, {
      s3: stack.endpoints.s3, bucket: stack.env.BUCKET_NAME, region: stack.env.AWS_REGION,
      aws_access_key_id: stack.env.AWS_ACCESS_KEY_ID, aws_secret_access_key: stack.env.AWS_SECRET_ACCESS_KEY,
    });
    const seeded = await seedTemplates().catch((e: unknown): Seeded => ({ created: [], existing: [], skipped: (e as Error).message }));
    log(quickStart(stack, dataDir, seeded, Date.now() - began));
    const why = await stopRequested(io.signal);
    log(`\nstudio: ${why}, stopping…`);
  } finally {
    removeStackFile();
    await stack.stop();
  }
  log('studio: stopped');
  return 0;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

function quickStart(stack: Awaited<ReturnType<typeof startStack>>, dataDir: string, seeded: Seeded | Record<'sandbox' | 'live', Seeded>, ms: number): string {
  const e = stack.endpoints;
  const workflows = 'skipped' in seeded ? `templates not loaded: ${seeded.skipped}`
    : Object.entries(seeded).map(([env, s]) => `${env}: ${s.created.length} created from templates, ${s.existing.length} already there`).join('; ');
  return [
    '',
    `Open Studio${'parity' in stack ? ' (parity mode: the synthesized stack)' : ''} is running on ${stack.url} (started in ${(ms / 1000).toFixed(1)} s; data in ${path.relative(process.cwd(), dataDir) || '.'})`,
    '',
    `  API token      ${stack.apiToken}`,
    `  try            curl -H "Authorization: Token token=${stack.apiToken}" ${stack.url}/v3.6/workflows`,
    `  Onfido client  new DefaultApi(new Configuration({ apiToken, basePath: "${stack.url}/v3.6" }))`,
    // The browser apps are served only once web/dist has been built; say nothing of them before.
    ...(existsSync(path.join(process.cwd(), 'web', 'dist')) ? [`  console        ${stack.url}/console/      capture  ${stack.url}/capture/`] : []),
    `  console users  npx studio users add EMAIL --role admin|analyst${'parity' in stack ? ' --parity' : ''}   (sign in with email and password)`,
    `  workflows      ${workflows}`,
    `  demo           npm run demo   (in another terminal)`,
    '',
    `  AWS endpoints  DynamoDB ${e.dynamodb}  S3 ${e.s3}  Step Functions ${e.sfn}  EventBridge ${e.events}`,
    `                 (sign with AWS_ACCESS_KEY_ID=${stack.env.AWS_ACCESS_KEY_ID} and the aws_secret_access_key in ${path.join(path.relative(process.cwd(), dataDir) || '.', SECRETS_FILE)})`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}


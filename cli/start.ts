/**
 * `studio start` (`npm start`): the whole product on this machine. The API (and the web apps,
 * when built) on http://127.0.0.1:3000 (PORT, HOST override), data under `.studio/` (STUDIO_DATA
 * overrides), one workflow per template, until SIGINT or SIGTERM. The API token is kept in
 * `.studio/api-token` so that it stays the same across restarts (STUDIO_API_TOKEN overrides).
 */
import { stopRequested } from './io';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startStack } from '../local/stack';
import { seedTemplates } from '../local/stack/seed';

const ROOT = path.resolve(__dirname, '..');
export const DATA_DIR = path.join(ROOT, '.studio');
export const TOKEN_FILE = 'api-token';

export interface StartIo { log?: (line: string) => void; signal?: AbortSignal; env?: NodeJS.ProcessEnv }

export async function start(args: string[], io: StartIo = {}): Promise<number> {
  const log = io.log ?? ((l: string) => console.log(l));
  const env = io.env ?? process.env;
  if (args.includes('--help') || args.includes('-h')) { log('usage: studio start   (PORT, HOST, STUDIO_DATA, STUDIO_API_TOKEN from the environment)'); return 0; }
  if (args.length) { console.error(`start: unexpected arguments ${args.join(' ')}`); return 2; }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`start: PORT must be 0-65535, got ${env.PORT}`); return 2; }
  const dataDir = path.resolve(env.STUDIO_DATA ?? DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const tokenFile = path.join(dataDir, TOKEN_FILE);
  const apiToken = env.STUDIO_API_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  const began = Date.now();
  const stack = await startStack({ dataDir, port, host: env.HOST ?? '127.0.0.1', ...(apiToken ? { apiToken } : {}), log: (l) => log(`  ${l}`) });
  try {
    if (!env.STUDIO_API_TOKEN) { writeFileSync(tokenFile, `${stack.apiToken}\n`); chmodSync(tokenFile, 0o600); }
    const seeded = await seedTemplates(stack.url, stack.apiToken).catch((e: unknown) => ({ created: [], existing: [], skipped: (e as Error).message }));
    log(quickStart(stack, dataDir, seeded, Date.now() - began));
    const why = await stopRequested(io.signal);
    log(`\nstudio: ${why}, stopping…`);
  } finally {
    await stack.stop();
  }
  log('studio: stopped');
  return 0;
}

function quickStart(stack: Awaited<ReturnType<typeof startStack>>, dataDir: string, seeded: { created: string[]; existing: string[]; skipped?: string }, ms: number): string {
  const e = stack.endpoints;
  const workflows = seeded.skipped ? `templates not loaded: ${seeded.skipped}` : `${seeded.created.length} workflow(s) created from templates, ${seeded.existing.length} already there`;
  return [
    '',
    `Open Studio is running on ${stack.url} (started in ${(ms / 1000).toFixed(1)} s; data in ${path.relative(process.cwd(), dataDir) || '.'})`,
    '',
    `  API token      ${stack.apiToken}`,
    `  try            curl -H "Authorization: Token token=${stack.apiToken}" ${stack.url}/v3.6/workflows`,
    `  Onfido client  new DefaultApi(new Configuration({ apiToken, basePath: "${stack.url}/v3.6" }))`,
    // The browser apps are served only once web/dist has been built; say nothing of them before.
    ...(existsSync(path.join(process.cwd(), 'web', 'dist')) ? [`  console        ${stack.url}/console/      capture  ${stack.url}/capture/`] : []),
    `  workflows      ${workflows}`,
    `  demo           npm run demo   (in another terminal)`,
    '',
    `  AWS endpoints  DynamoDB ${e.dynamodb}  S3 ${e.s3}  Step Functions ${e.sfn}  EventBridge ${e.events}`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}


/**
 * `studio sfn-local [--port 8083] [--host 127.0.0.1] [--data DIR] [--lambdas FILE]` serves the
 * Step Functions API (AWS JSON 1.0, as @aws-sdk/client-sfn and the AWS CLI speak it) until
 * SIGINT or SIGTERM. With --data, state machines and executions survive restarts. --lambdas maps
 * function names or ARNs to handlers ("name": "./module.ts#handler"); without it Lambda tasks
 * fail with Lambda.ResourceNotFoundException. `events:putEvents` tasks go to a default event bus, as
 * in every AWS account; each event is recorded: appended to <data>/events.jsonl with --data,
 * else logged (`sfn-local: event {...}`).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { stopRequested } from './io';
import { LocalEventBus, type BusEvent } from '../local/events';
import type { LambdaHandler } from '../local/sfn/contract';
import { createEngine } from '../local/sfn/engine';
import { ControlPlane, createSfnServer, DEFAULT_ACCOUNT, DEFAULT_REGION, loadLambdas } from '../local/sfn/service';

const USAGE = 'usage: studio sfn-local [--port 8083] [--host 127.0.0.1] [--data DIR] [--lambdas FILE]';

interface Options {
  port: number;
  host: string;
  dataDir?: string;
  lambdasFile?: string;
}

function parseArgs(args: string[]): Options | string {
  const options: Options = { port: 8083, host: '127.0.0.1' };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `--port must be 0-65535, got '${value}'`;
      options.port = port;
    } else if (flag === '--host') options.host = value;
    else if (flag === '--data') options.dataDir = value;
    else if (flag === '--lambdas') options.lambdasFile = value;
    else return `unknown option '${flag}'`;
  }
  return options;
}


/** Where accepted events go: a JSON-lines file in the data folder, or the log. */
function eventRecorder(dataDir: string | undefined, log: (line: string) => void): { describe: string; record: (event: BusEvent, bus: string) => void } {
  if (!dataDir) return { describe: 'events logged', record: (event, bus) => log(`sfn-local: event ${JSON.stringify({ bus, event })}`) };
  const file = path.join(dataDir, 'events.jsonl');
  return {
    describe: `events in ${file}`,
    record: (event, bus) => {
      mkdirSync(dataDir, { recursive: true });
      appendFileSync(file, `${JSON.stringify({ bus, event })}\n`);
    },
  };
}

export async function sfnLocal(args: string[], io: { signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<number> {
  const log = io.log ?? ((line: string) => console.log(line));
  if (args.includes('--help') || args.includes('-h')) {
    log(USAGE);
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    console.error(`sfn-local: ${options}\n${USAGE}`);
    return 2;
  }
  let lambdas: Record<string, LambdaHandler>;
  try {
    lambdas = options.lambdasFile ? await loadLambdas(options.lambdasFile) : {};
  } catch (err) {
    console.error(`sfn-local: cannot load --lambdas ${options.lambdasFile}: ${(err as Error).message}`);
    return 1;
  }
  const events = eventRecorder(options.dataDir, log);
  const eventBus = new LocalEventBus({ region: DEFAULT_REGION, account: DEFAULT_ACCOUNT, onEvent: events.record });
  const engine = createEngine({ lambdas, eventBus, region: DEFAULT_REGION, accountId: DEFAULT_ACCOUNT, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  try {
    const controlPlane = await ControlPlane.open(options.dataDir ? { dataDir: options.dataDir } : {});
    const server = await createSfnServer({ engine, controlPlane, port: options.port, host: options.host });
    log(`Step Functions Local on ${server.url} (${options.dataDir ? `data in ${options.dataDir}` : 'in memory'}; ${Object.keys(lambdas).length} Lambda function(s); ${events.describe})`);
    const why = await stopRequested(io.signal);
    log(`sfn-local: ${why}, shutting down`);
    await server.close();
    return 0;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(`sfn-local: ${code === 'EADDRINUSE' ? `port ${options.port} is already in use (try --port 0 or another port)` : (err as Error).message}`);
    return 1;
  } finally {
    await engine.close();
    await eventBus.close();
  }
}

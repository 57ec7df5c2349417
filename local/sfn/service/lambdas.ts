/**
 * `--lambdas FILE`: a JSON file, or a JS/TS module (default export or `lambdas` export), mapping
 * function names or ARNs to handlers. A value is "./module.ts#export" (export defaults to
 * `handler`; paths are relative to FILE) or, in a module, the handler function itself.
 * The engine resolves an ARN in a state machine to the function's name, so either key works.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LambdaContext, LambdaHandler } from '../contract';

type RawHandler = (event: unknown, context: LambdaContext, callback?: (err: unknown, result?: unknown) => void) => unknown;

export class LambdaConfigError extends Error {
  override readonly name = 'LambdaConfigError';
}

/** Wraps a Node handler so callback-style handlers and plain values behave like async ones. */
function asAsync(fn: RawHandler): LambdaHandler {
  return (event, context) =>
    new Promise((resolve, reject) => {
      const returned = fn(event, context, (err, result) => (err ? reject(err) : resolve(result)));
      if (fn.length < 3 || (returned !== undefined && typeof (returned as Promise<unknown>)?.then === 'function')) {
        Promise.resolve(returned).then(resolve, reject);
      }
    });
}

function loadSpec(spec: string, baseDir: string, key: string): LambdaHandler {
  const [modulePath = '', exportName = 'handler'] = spec.split('#');
  if (modulePath === '') throw new LambdaConfigError(`Lambda '${key}': '${spec}' names no module; use "./path/to/module.ts#handler".`);
  const resolved = path.resolve(baseDir, modulePath);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(resolved) as Record<string, unknown>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new LambdaConfigError(`Lambda '${key}': ${resolved} has no function export '${exportName}' (exports: ${Object.keys(mod).join(', ') || 'none'}).`);
  return asAsync(fn as RawHandler);
}

async function readMapping(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, unknown>;
  const mapping = mod['lambdas'] ?? mod['default'] ?? mod;
  if (typeof mapping !== 'object' || mapping === null) throw new LambdaConfigError(`${file} must export an object mapping function names to handlers.`);
  return mapping as Record<string, unknown>;
}

export async function loadLambdas(file: string): Promise<Record<string, LambdaHandler>> {
  const absolute = path.resolve(file);
  const mapping = await readMapping(absolute);
  const handlers: Record<string, LambdaHandler> = Object.create(null) as Record<string, LambdaHandler>;
  for (const [key, value] of Object.entries(mapping)) {
    let handler: LambdaHandler;
    if (typeof value === 'string') handler = loadSpec(value, path.dirname(absolute), key);
    else if (typeof value === 'function') handler = asAsync(value as RawHandler);
    else throw new LambdaConfigError(`Lambda '${key}' in ${file}: expected "./module.ts#export" or a function, got ${JSON.stringify(value)}.`);
    handlers[key] = handler;
  }
  return handlers;
}

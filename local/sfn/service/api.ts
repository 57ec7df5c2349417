/**
 * The in-process API: every operation by name (`call`, used by the HTTP server) and as a typed
 * method (`api.startExecution({...})`) whose outputs are shaped like the SDK's (Dates included).
 * Request bodies are parsed with the operation's zod schema; a failure is a ValidationException.
 */
import type { z } from 'zod';
import type { Engine } from '../contract';
import type { ControlPlane } from './control-plane';
import { SfnApiError, ValidationError } from './errors';
import { executionHandlers } from './operations/executions';
import { historyHandlers } from './operations/history';
import { machineHandlers } from './operations/machines';
import type { Handlers, OperationContext, Output } from './operations/types';
import { versionHandlers } from './operations/versions';
import { schemas, type OperationName } from './schemas';
import { Starter } from './start';

const handlers: Handlers<OperationName> = { ...machineHandlers, ...versionHandlers, ...executionHandlers, ...historyHandlers };

export const OPERATIONS = Object.keys(schemas) as OperationName[];

export class UnknownOperationError extends SfnApiError {
  constructor(operation: string) {
    super('UnknownOperationException', `Unknown operation '${operation}'; supported: ${OPERATIONS.join(', ')}.`);
  }
}

type Methods = { [K in OperationName as Uncapitalize<K>]: (input: z.input<(typeof schemas)[K]>) => Promise<Output<K>> };

export type SfnApi = Methods & {
  /** Runs an operation from its AWS name and an untrusted JSON body. */
  call(operation: string, body: unknown): Promise<unknown>;
  readonly engine: Engine;
  readonly controlPlane: ControlPlane;
};

export function isOperation(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(schemas, name);
}

function validationMessage(error: z.ZodError): string {
  const issues = error.issues.map((i) => `Value at '${i.path.join('.') || '(body)'}' failed to satisfy constraint: ${i.message}`);
  return `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${issues.join('; ')}`;
}

export function createSfnApi(deps: { engine: Engine; controlPlane: ControlPlane }): SfnApi {
  const ctx: OperationContext = { ...deps, starter: new Starter(deps.engine, deps.controlPlane) };

  async function call(operation: string, body: unknown): Promise<unknown> {
    if (!isOperation(operation)) throw new UnknownOperationError(operation);
    const parsed = schemas[operation].safeParse(body ?? {});
    if (!parsed.success) throw new ValidationError(validationMessage(parsed.error));
    const handler = handlers[operation] as unknown as (c: OperationContext, input: unknown) => Promise<unknown>;
    return handler(ctx, parsed.data);
  }

  const methods = Object.fromEntries(OPERATIONS.map((op) => [op.charAt(0).toLowerCase() + op.slice(1), (input: unknown) => call(op, input)]));
  return { ...(methods as unknown as Methods), call, engine: deps.engine, controlPlane: deps.controlPlane };
}

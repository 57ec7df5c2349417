/**
 * StartExecution: resolve the machine, version or alias; apply AWS's name idempotency (same name
 * and same input while still running returns the running execution; anything else with that name
 * is ExecutionAlreadyExists); remember the revision; hand the definition to the engine.
 */
import type { Engine, ExecutionRecord } from '../contract';
import { checkName, executionArn } from './arn';
import type { ControlPlane } from './control-plane';
import { ExecutionAlreadyExistsError, InvalidExecutionInputError } from './errors';
import { Mutex } from './mutex';

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface StartParams {
  stateMachineArn: string;
  name?: string;
  input?: string;
}

/** Checks a JSON payload (execution input, task output) is valid and within 256 KiB. */
export function checkPayload(text: string, what: string, ErrorClass: new (message: string) => Error): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) throw new ErrorClass(`${what} is ${bytes} bytes; the limit is 262144 bytes (256 KiB).`);
  try {
    JSON.parse(text);
  } catch (err) {
    throw new ErrorClass(`${what} is not valid JSON: ${(err as Error).message}. Pass JSON text such as "{}".`);
  }
}

export class Starter {
  // Starts are serialized so that two starts with one name cannot both pass the existence check.
  private readonly mutex = new Mutex();

  constructor(private readonly engine: Engine, private readonly controlPlane: ControlPlane) {}

  start(p: StartParams): Promise<ExecutionRecord> {
    return this.mutex.run(async () => {
      const { machine, revision, versionArn, aliasArn } = await this.controlPlane.startTarget(p.stateMachineArn);
      const name = p.name ?? this.controlPlane.newId();
      checkName(name, 'execution name');
      const input = p.input ?? '{}';
      checkPayload(input, 'Invalid Execution Input: the input', InvalidExecutionInputError);
      const express = revision.type === 'EXPRESS';
      const arn = executionArn(this.controlPlane.location, machine.name, name, express ? this.controlPlane.newId() : undefined);
      const existing = express ? undefined : await this.engine.describe(arn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === input) return existing;
        throw new ExecutionAlreadyExistsError(`Execution Already Exists: '${arn}' (${existing.status === 'RUNNING' ? 'running with a different input' : existing.status}); execution names are unique per state machine.`);
      }
      await this.controlPlane.recordExecution({ executionArn: arn, revisionId: revision.revisionId });
      return this.engine.start({
        executionArn: arn,
        stateMachineArn: machine.arn,
        ...(versionArn !== undefined ? { stateMachineVersionArn: versionArn } : {}),
        ...(aliasArn !== undefined ? { stateMachineAliasArn: aliasArn } : {}),
        name,
        definition: revision.definition,
        roleArn: revision.roleArn,
        input,
      });
    });
  }
}

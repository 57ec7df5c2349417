/**
 * A workflow version as an older release left it: its state machine version compiled without what the
 * current compiler adds (here the waits' retry of the task function's transient `StorageUnavailable`,
 * `WAIT_TRANSIENT_ERRORS`), published and recorded as activation does it (description `workflow version <n>`).
 * `activatedBeforeUpgrade` also makes it the active version as activation did then: the alias `live`
 * on that machine version, the workflow item saying so (activating it now would recompile it first).
 */
import { randomUUID } from 'node:crypto';
import { WAIT_TRANSIENT_ERRORS } from '../../compiler';
import { compileVersion } from '../../lambdas/workflows/compile';
import { pointAlias, publishVersion } from '../../lambdas/workflows/publish';
import { acquireLease, markActive, recordMachineVersion } from '../../lambdas/workflows/state';

type Json = Record<string, unknown>;
const TRANSIENT = new Set<string>(WAIT_TRANSIENT_ERRORS);

/** The ASL without its retriers of WAIT_TRANSIENT_ERRORS, at any depth (parallel branches too). */
export function withoutStorageRetry(asl: string): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Json)) {
      if (k !== 'Retry' || !Array.isArray(x)) { out[k] = strip(x); continue; }
      const kept = x.filter((r) => !(r as { ErrorEquals: string[] }).ErrorEquals.some((e) => TRANSIENT.has(e)));
      if (kept.length > 0) out[k] = kept;
    }
    return out;
  };
  return JSON.stringify(strip(JSON.parse(asl)), null, 2);
}

/** Whether a definition retries the task function's transient storage errors. */
export const retriesStorage = (asl: string | undefined): boolean => [...TRANSIENT].some((e) => (asl ?? '').includes(`"${e}"`));

/** The version's compiled form now (what an upgrade must bring its machine to). */
export function currentAsl(workflowId: string, version: number, definition: unknown): string {
  const compiled = compileVersion(workflowId, version, definition);
  if (!compiled.ok) throw new Error(`${workflowId}/${version} does not compile: ${JSON.stringify(compiled.problems)}`);
  return compiled.json;
}

/** Publishes the stale compiled form of a saved version and records it as its machine version; returns its ARN. */
export async function publishStale(workflowId: string, version: number, definition: unknown, description = `workflow version ${version}`): Promise<string> {
  const stale = withoutStorageRetry(currentAsl(workflowId, version, definition));
  if (retriesStorage(stale)) throw new Error('the stale definition still retries StorageUnavailable');
  const { stateMachineVersionArn } = await publishVersion(workflowId, stale, description, true);
  if (!(await recordMachineVersion(workflowId, version, stateMachineVersionArn, new Date().toISOString()))) {
    throw new Error(`version ${workflowId}/${version} has a machine version already`);
  }
  return stateMachineVersionArn;
}

/** publishStale, then the version made active on that machine version as an activation before the upgrade left it. */
export async function activatedBeforeUpgrade(workflowId: string, version: number, definition: unknown, description?: string): Promise<string> {
  const stale = await publishStale(workflowId, version, definition, description);
  const token = randomUUID();
  if (!(await acquireLease(workflowId, version, token, new Date()))) throw new Error(`workflow ${workflowId} is being activated`);
  const aliasArn = await pointAlias(workflowId, stale);
  const stateMachineArn = stale.slice(0, stale.lastIndexOf(':'));
  if (!(await markActive(workflowId, { version, token, stateMachineArn, aliasArn, now: new Date().toISOString() }))) throw new Error('not activated');
  return stale;
}

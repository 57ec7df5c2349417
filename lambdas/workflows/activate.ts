/**
 * Activation: compile, publish once, point `live` at it, then record the version as active.
 * Order matters: a version is marked active only after its state machine version exists and
 * the alias points at it; every step is idempotent, so a failed activation is simply retried.
 * A lease on the workflow item serialises activations, so the alias and the record agree.
 * A version published before is activated on its recorded machine version, first brought up to
 * this release's compiler if it was compiled by an older one (recompile.ts; if that fails, it is
 * logged and the recorded machine version serves as before).
 */
import { conflict, notFound } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import type { Environment } from '../store/runs';
import { getVersionItem, getWorkflowItem, versionStatus, type VersionItem, type WorkflowItem } from '../store/workflows';
import { captureCapabilities, compileVersion } from './compile';
import { discardVersion, pointAlias, publishVersion } from './publish';
import { refreshVersion } from './recompile';
import { acquireLease, markActive, recordMachineVersion, releaseLease } from './state';
import { InvalidVersionError } from './views';

export interface Activated {
  workflow: WorkflowItem; item: VersionItem;
  state_machine_arn: string; state_machine_version_arn: string; alias_arn: string; capabilities: string[];
}

/** The workflow and one of its versions; 404 when either is not in the caller's environment. */
export async function loadVersion(workflowId: string, version: number, environment: Environment): Promise<{ workflow: WorkflowItem; item: VersionItem }> {
  const [workflow, item] = await Promise.all([getWorkflowItem(workflowId, environment), getVersionItem(workflowId, version, environment)]);
  if (!workflow) throw notFound('Workflow', workflowId);
  if (!item) throw notFound('Workflow version', `${workflowId}/versions/${version}`);
  return { workflow, item };
}

/** `log`: where a failed rollback (alias, lease) is reported; the activation's own error is what the caller gets. */
export async function activateVersion(workflowId: string, version: number, environment: Environment, rt: Runtime = systemRuntime,
  log: (message: string, error?: unknown) => void = logError): Promise<Activated> {
  const { workflow, item } = await loadVersion(workflowId, version, environment);
  if (versionStatus(workflow, item) === 'archived') throw conflict(`Version ${version} is archived; archived versions cannot be activated`);
  const definition: unknown = JSON.parse(item.definition_json ?? 'null');
  const compiled = compileVersion(workflowId, version, definition);
  if (!compiled.ok) throw new InvalidVersionError(compiled.problems);
  const token = rt.newId();
  if (!(await acquireLease(workflowId, version, token, rt.now()))) {
    throw conflict('Another version of this workflow is being activated right now; activate again in a moment');
  }
  let aliasMoved = false;
  try {
    const recorded = item.state_machine_version_arn;
    const versionArn = recorded ? await upToDate(workflowId, version, recorded, compiled.json, rt, log) : await publishOnce(workflow, version, compiled.json, rt);
    const stateMachineArn = versionArn.slice(0, versionArn.lastIndexOf(':'));
    aliasMoved = true;
    const aliasArn = await pointAlias(workflowId, versionArn);
    const now = isoSeconds(rt.now());
    if (!(await markActive(workflowId, { version, token, stateMachineArn, aliasArn, now }))) {
      throw conflict(`Version ${version} was archived, or another activation took over, while it was being activated`);
    }
    aliasMoved = false;
    const after = await loadVersion(workflowId, version, environment);
    return {
      ...after, state_machine_arn: stateMachineArn, state_machine_version_arn: versionArn, alias_arn: aliasArn,
      capabilities: captureCapabilities(definition),
    };
  } finally {
    if (aliasMoved) {
      await restoreAlias(workflow).catch((e: unknown) => log(`workflow ${workflowId}: the live alias could not be restored after a failed activation of version ${version}`, e));
    }
    // A lease that cannot be released expires by itself after LEASE_SECONDS.
    await releaseLease(workflowId, token).catch((e: unknown) => log(`workflow ${workflowId}: the activation lease could not be released (it expires by itself)`, e));
  }
}

/** Publishes the compiled version and records it; reuses the version another activation recorded first. */
async function publishOnce(workflow: WorkflowItem, version: number, asl: string, rt: Runtime): Promise<string> {
  const workflowId = workflow.id;
  const published = await publishVersion(workflowId, asl, `workflow version ${version}`, workflow.state_machine_arn !== undefined);
  if (await recordMachineVersion(workflowId, version, published.stateMachineVersionArn, isoSeconds(rt.now()))) {
    return published.stateMachineVersionArn;
  }
  const recorded = (await getVersionItem(workflowId, version, workflow.environment))?.state_machine_version_arn;
  if (!recorded) throw new Error(`version ${workflowId}/${version} disappeared while it was being published`);
  if (recorded !== published.stateMachineVersionArn) await discardVersion(published.stateMachineVersionArn);
  return recorded;
}

/** The recorded machine version, or the one it was recompiled as when an older compiler published it. */
async function upToDate(workflowId: string, version: number, recorded: string, asl: string, rt: Runtime, log: (message: string, error?: unknown) => void): Promise<string> {
  try {
    return (await refreshVersion(workflowId, version, recorded, asl, rt.now())).arn;
  } catch (e) {
    log(`workflow ${workflowId}: version ${version} is activated on the machine version an older compiler published (recompiling it failed)`, e);
    return recorded;
  }
}

/** After a failed activation, `live` goes back to the version on record as active (if any). */
async function restoreAlias({ id, environment }: WorkflowItem): Promise<void> {
  const workflow = await getWorkflowItem(id, environment);
  if (workflow?.active_version === undefined) return;
  const active = await getVersionItem(id, workflow.active_version, environment);
  if (active?.state_machine_version_arn) await pointAlias(id, active.state_machine_version_arn);
}

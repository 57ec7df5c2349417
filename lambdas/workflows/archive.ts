/** Archiving a version, and the compiled state machine of a version. */
import { conflict } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import type { Environment } from '../store/runs';
import { versionStatus, type VersionItem, type WorkflowItem } from '../store/workflows';
import { loadVersion } from './activate';
import { compileVersion } from './compile';
import { markArchived } from './state';
import { InvalidVersionError } from './views';

/** Inactive and invalid versions can be archived; the active one cannot, nor can one be archived twice. */
export async function archiveVersion(workflowId: string, version: number, environment: Environment, rt: Runtime = systemRuntime): Promise<{ workflow: WorkflowItem; item: VersionItem }> {
  const { workflow, item } = await loadVersion(workflowId, version, environment);
  refuse(versionStatus(workflow, item), version);
  if (!(await markArchived(workflowId, version, isoSeconds(rt.now())))) {
    // It was activated or archived since it was read.
    const now = await loadVersion(workflowId, version, environment);
    refuse(versionStatus(now.workflow, now.item), version);
  }
  return loadVersion(workflowId, version, environment);
}

function refuse(status: string, version: number): void {
  if (status === 'active') throw conflict(`Version ${version} is the active version and cannot be archived; activate another version first`);
  if (status === 'archived') throw conflict(`Version ${version} is already archived`);
}

/** The state machine a version compiles to (exactly what activation publishes). */
export async function compiledAsl(workflowId: string, version: number, environment: Environment): Promise<string> {
  const { item } = await loadVersion(workflowId, version, environment);
  const compiled = compileVersion(workflowId, version, JSON.parse(item.definition_json ?? 'null'));
  if (!compiled.ok) throw new InvalidVersionError(compiled.problems);
  return compiled.json;
}

/**
 * An upgrade of the product brings the state machine of every workflow's active version up to the
 * compiler it ships (recompile.ts). Run by the deploy once the functions are updated (the custom
 * resource upgrade-resource.ts, lib/workflow-upgrade.ts) and by every start of the local stack on
 * a data folder (local/stack). New runs start on the active version only (runs/create.ts); an
 * inactive version is brought up to date when it is activated again (activate.ts).
 * Each workflow is upgraded under its activation lease: one being activated right now is left as
 * it is and reported. A version that cannot be recompiled (it no longer compiles, a call fails)
 * keeps its machine version, is logged and reported, and the others go on.
 */
import { systemRuntime, isoSeconds, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { Environment } from '../store/runs';
import { getVersionItem, getWorkflowItem, listWorkflowItems, type WorkflowItem } from '../store/workflows';
import { compileVersion } from './compile';
import { LIVE_ALIAS, pointAlias } from './publish';
import { refreshVersion, type Refreshed } from './recompile';
import { acquireLease, markRecompiled, releaseLease } from './state';

/** What an upgrade did, by `<workflow id>/<version>`. */
export interface UpgradeReport {
  recompiled: string[]; current: string[];
  /** Not published by activation (deployed as code): left to their own deploy. */
  skipped: string[];
  failed: Array<{ version: string; error: string }>;
  /** Workflows not looked at: the time ran out. */
  notReached: number;
}

export interface UpgradeOptions {
  rt?: Runtime;
  log?: (message: string, error?: unknown) => void;
  /** Milliseconds the caller has left (a Lambda's remaining time): no workflow is begun with less than MIN_TIME_LEFT_MS. */
  timeLeftMs?: () => number;
}
export const MIN_TIME_LEFT_MS = 60_000;

export const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 300);

export async function upgradeMachines(o: UpgradeOptions = {}): Promise<UpgradeReport> {
  const { rt = systemRuntime, log = logError, timeLeftMs = () => Infinity } = o;
  const report: UpgradeReport = { recompiled: [], current: [], skipped: [], failed: [], notReached: 0 };
  const workflows = (await Promise.all(Environment.options.map((env) => listWorkflowItems(env)))).flat()
    .filter((w) => w.active_version !== undefined);
  for (const [i, listed] of workflows.entries()) {
    if (timeLeftMs() < MIN_TIME_LEFT_MS) {
      report.notReached = workflows.length - i;
      log(`workflow machines: out of time, ${report.notReached} workflow(s) not looked at keep their machine versions`);
      break;
    }
    let name = `${listed.id}/${listed.active_version}`;
    try {
      const done = await upgradeWorkflow(listed, rt, log);
      name = `${listed.id}/${done.version}`;
      if (done.status === 'recompiled') report.recompiled.push(name);
      else if (done.status === 'current') report.current.push(name);
      else if (done.status === 'foreign') report.skipped.push(name);
    } catch (e) {
      report.failed.push({ version: name, error: errorText(e) });
      log(`workflow version ${name}: its state machine could not be brought up to this release's compiler; it keeps the machine version it had`, e);
    }
  }
  return report;
}

type Done = { status: Refreshed['status'] | 'unpublished'; version: number };

/** The workflow's active version (read again under the lease) recompiled if its machine is stale, the alias moved with it. */
async function upgradeWorkflow(listed: WorkflowItem, rt: Runtime, log: NonNullable<UpgradeOptions['log']>): Promise<Done> {
  const { id, environment } = listed;
  const token = rt.newId();
  if (!(await acquireLease(id, listed.active_version!, token, rt.now()))) {
    throw new Error('an activation of this workflow is under way; deploy again (or start the local stack again) once it is done');
  }
  try {
    const version = (await getWorkflowItem(id, environment))?.active_version;
    if (version === undefined) return { status: 'unpublished', version: listed.active_version! };
    const item = await getVersionItem(id, version, environment);
    if (!item?.state_machine_version_arn) return { status: 'unpublished', version };
    const compiled = compileVersion(id, version, JSON.parse(item.definition_json ?? 'null'));
    if (!compiled.ok) throw new Error(`it no longer compiles (${[...new Set(compiled.problems.map((p) => p.code))].join(', ')})`);
    const refreshed = await refreshVersion(id, version, item.state_machine_version_arn, compiled.json, rt.now());
    if (refreshed.status !== 'recompiled') return { status: refreshed.status, version };
    if (!(await markRecompiled(id, { version, token, now: isoSeconds(rt.now()) }))) {
      throw new Error(`recompiled as ${refreshed.arn}, but the workflow changed meanwhile: warm API functions may start runs on the previous machine version until they restart`);
    }
    await pointAlias(id, refreshed.arn).catch((e: unknown) => {
      throw new Error(`recompiled as ${refreshed.arn} (new runs start on it), but the alias ${LIVE_ALIAS} still points at the previous machine version: ${errorText(e)}`);
    });
    return { status: 'recompiled', version };
  } finally {
    // A lease that cannot be released expires by itself after LEASE_SECONDS.
    await releaseLease(id, token).catch((e: unknown) => log(`workflow ${id}: the activation lease could not be released (it expires by itself)`, e));
  }
}

const list = (items: string[], separator: string) => {
  if (items.length === 0) return 'none';
  const text = items.join(separator);
  return text.length <= 900 ? text : `${text.slice(0, 880)}… (${items.length} in all)`;
};

/** The report as a custom resource's Data (CloudFormation takes at most 4 KB of response): every value a string. */
export function reportData(r: UpgradeReport): { Summary: string; Recompiled: string; Skipped: string; Failed: string } {
  const failed = r.failed.length ? `${r.failed.length} failed (they keep their machine versions; the log says why)` : '0 failed';
  return {
    Summary: `${r.recompiled.length} recompiled, ${r.current.length} current, ${r.skipped.length} left to their own deploy, ${failed}, ${r.notReached} not reached`,
    Recompiled: list(r.recompiled, ' '), Skipped: list(r.skipped, ' '), Failed: list(r.failed.map((f) => `${f.version}: ${f.error}`), '; '),
  };
}

/**
 * Workflow runs (Onfido v3.6): create, find, list. Runs belong to the environment of the
 * token that created them; an SDK token sees only the runs of its applicant, and of those
 * only what the capture page needs (no `sdk_token`: an SDK token never mints another).
 */
import { notFound } from '../../shared/errors';
import { createRun, CreateRunBody } from '../../runs/create';
import { listRuns, ListRunsQuery } from '../../runs/list';
import { z } from 'zod';
import { WorkflowSettings } from '../../../compiler';
import { toCaptureRun, toWorkflowRun, type CaptureRun } from '../../runs/view';
import { getVersionItem, getWorkflowItem } from '../../store/workflows';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { getRun, type RunItem } from '../../store/runs';
import { json, type Caller, type Request } from '../http';
import { seesRunCredentials } from '../roles';
import type { Router } from '../router';
import { parseJsonBody, parseWith } from '../validate';

/** The run, if this caller may see it; 404 otherwise (never tells another environment's runs apart). */
export async function runFor(caller: Caller, id: string): Promise<RunItem> {
  return visibleRun(caller, id, await getRun(id));
}

/** `run` (read as the caller's run `id`) if this caller may see it; 404 otherwise. */
export function visibleRun(caller: Caller, id: string, run: RunItem | undefined): RunItem {
  if (!run || run.environment !== caller.environment) throw notFound('WorkflowRun', id);
  if (caller.kind === 'sdk' && (run.applicant_id !== caller.applicantId || (caller.runId !== undefined && caller.runId !== run.id))) {
    throw notFound('WorkflowRun', id);
  }
  return run;
}

/** The run's workflow as the capture page shows it: the name, and the settings of the run's version. */
async function captureWorkflow(run: RunItem): Promise<CaptureRun['workflow']> {
  const [workflow, version] = await Promise.all([
    getWorkflowItem(run.workflow_id, run.environment), getVersionItem(run.workflow_id, run.workflow_version_id, run.environment),
  ]);
  const definition = WorkflowSettingsHolder.safeParse(JSON.parse(version?.definition_json ?? 'null'));
  return { name: workflow?.name ?? '', settings: definition.success ? definition.data?.settings ?? null : null };
}
const WorkflowSettingsHolder = z.object({ settings: WorkflowSettings.optional() }).nullable();

/** Repeated names (`status=a&status=b`) and comma lists (`status=a,b`) mean the same. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const key of new Set(query.keys())) out[key.replace(/\[\]$/, '')] = query.getAll(key).join(',');
  return out;
}

export function addWorkflowRunRoutes(router: Router, rt: Runtime = systemRuntime): void {
  async function create(req: Request) {
    const body = parseJsonBody(CreateRunBody, req.body);
    return json(201, toWorkflowRun(await createRun(body, req.caller.environment, rt), rt.now().getTime(), { credentials: seesRunCredentials(req.caller) }));
  }
  async function find(req: Request) {
    const run = await runFor(req.caller, req.params.id ?? '');
    if (req.caller.kind !== 'sdk') return json(200, toWorkflowRun(run, rt.now().getTime(), { credentials: seesRunCredentials(req.caller) }));
    return json(200, toCaptureRun(run, await captureWorkflow(run)));
  }
  async function list(req: Request) {
    const query = parseWith(ListRunsQuery, queryObject(req.query), 'query');
    return json(200, (await listRuns(query, req.caller.environment)).map((r) => toWorkflowRun(r, rt.now().getTime(), { credentials: seesRunCredentials(req.caller) })));
  }
  router.add('POST', '/v3.6/workflow_runs', 'api', create);
  router.add('GET', '/v3.6/workflow_runs', 'api', list);
  router.add('GET', '/v3.6/workflow_runs/{id}', 'api_or_sdk', find);
}

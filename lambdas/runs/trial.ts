/**
 * Trial runs ("Try it" in the builder): a draft definition, saved or not, activated or not, run
 * in sandbox with a sample applicant and chosen report results. The draft is compiled and
 * published as a version of the workflow's trial machine (`<machine>-trial`, apart from the
 * machine whose alias `live` serves real runs), the run is started on that version exactly as
 * runs/start.ts starts any run, and the version is then deleted (its execution keeps running:
 * Step Functions keeps at most 1,000 versions per machine). The run carries `trial: true` and
 * `workflow_version_id: 0` (the draft); the console's results leave trials out by default, and
 * `GET /v3.6/workflow_runs` always (its sample applicant, marked `trial`, is left out of `GET /v3.6/applicants`).
 * Integrators never hear of a trial: its `workflow_run.completed` has the source `studio.trials`
 * (no rule of the product's events matches it) and the webhook worker drops its task events.
 */
import { z } from 'zod';
import { compile, emit, validate } from '../../compiler';
import { TRIAL_EVENT_SOURCE } from '../events/schemas';
import { validationError } from '../shared/errors';
import { systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { createApplicant, getApplicant, type ApplicantData, type ApplicantRecord } from '../store/applicants';
import { runIndexItems } from '../store/run-index';
import { RunLink, type RunItem } from '../store/runs';
import type { WorkflowItem } from '../store/workflows';
import { compileContext } from '../workflows/compile';
import { discardVersion, publishVersion } from '../workflows/publish';
import { trialMachineOf, trialVersionDescription } from './trial-version';

export { findTrialVersion, trialMachineOf } from './trial-version';
import { InvalidVersionError } from '../workflows/views';
import { checkInputs, executionInput } from './inputs';
import { startRun } from './start';

/** A report result to force, by task id or report type (lambdas/reports/sandbox: `_sandbox_results`). */
export const ReportResults = z.record(z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be a task id or a report type'), z.enum(['clear', 'consider']))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 report results');

export interface TrialRequest {
  definition: unknown;
  applicant?: ApplicantData | undefined; applicant_id?: string | undefined;
  report_results?: z.infer<typeof ReportResults> | undefined;
  custom_data?: Record<string, unknown> | undefined; tags?: string[] | undefined;
}


export async function createTrialRun(workflow: WorkflowItem, body: TrialRequest, rt: Runtime = systemRuntime, log = logError): Promise<RunItem> {
  const environment = workflow.environment;
  if (environment !== 'sandbox') {
    throw validationError('Trial runs run in sandbox: try the workflow in the sandbox environment', { environment: ['must be sandbox for a trial run'] });
  }
  const validation = validate(body.definition);
  // Its outcome goes on the bus as `studio.trials`: the webhooks, the evidence function and integrators' rules never see it.
  const compiled = compile(body.definition, { ...compileContext(), eventSource: TRIAL_EVENT_SOURCE });
  if (!compiled.ok || !validation.workflow) throw new InvalidVersionError(compiled.ok ? validation.problems : compiled.problems);
  const custom = { ...body.custom_data, ...(body.report_results ? { _sandbox_results: body.report_results } : {}) };
  const applicant = await trialApplicant(body, environment, rt);
  const check = checkInputs(validation.workflow.input, { ...applicant }, custom);
  if (Object.keys(check.fields).length > 0) {
    throw validationError(`The workflow's configured inputs are missing or invalid: ${Object.keys(check.fields).join(', ')}`, check.fields);
  }
  const id = rt.newId();
  // The run id in the Comment makes every trial its own revision, so its own version.
  const asl = emit({ ...compiled.asl, Comment: `${compiled.asl.Comment} · workflow ${workflow.id} trial run ${id}` });
  const published = await publishVersion(trialMachineOf(workflow.id), asl, trialVersionDescription(id), true);
  const run = {
    id, environment, applicant_id: applicant.id, workflow_id: workflow.id, workflow_version_id: 0, trial: true,
    tags: body.tags ?? [], customer_user_id: null, link: RunLink.parse({}), custom_data: custom, created_at: rt.now().toISOString(),
  };
  const input = executionInput(validation.workflow.tasks, { ...run, sandbox: true }, check.applicant, custom);
  try {
    return await startRun(run, published.stateMachineVersionArn, input, rt, log, runIndexItems(run, applicant));
  } finally {
    await discardVersion(published.stateMachineVersionArn);
  }
}

/** The sample applicant (created in sandbox) or an existing sandbox applicant. */
async function trialApplicant(body: TrialRequest, environment: 'sandbox', rt: Runtime): Promise<ApplicantRecord> {
  if (body.applicant_id !== undefined) {
    const found = await getApplicant(body.applicant_id, environment);
    if (found.delete_at) throw validationError(`Applicant ${body.applicant_id} is scheduled for deletion`, { applicant_id: ['is scheduled for deletion'] });
    return found;
  }
  if (body.applicant) return createApplicant(environment, body.applicant, rt, { trial: true });
  throw validationError('A trial run needs a sample applicant', { applicant: ['is required unless applicant_id names a sandbox applicant'] });
}

/**
 * Creating a run: the live version of a workflow of the caller's environment (another
 * environment's workflow is a 404), the applicant, the configured inputs; the run
 * item is written first (processing), then the execution is started on the version's state
 * machine version (a run keeps the version it started on), named after the run (idempotent).
 * If the start fails the run is marked `error`: there is never a half-started run.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { runError, type ExecutionInput } from '../../compiler';
import { clients } from '../shared/aws';
import { internal, notFound, validationError } from '../shared/errors';
import { systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { getApplicant } from '../store/applicants';
import { markRunError, putRun, RunLink, setExecutionArn, type Environment, type RunItem } from '../store/runs';
import { getLiveVersion, getWorkflowItem } from '../store/workflows';
import { checkInputs } from './inputs';

export const CreateRunBody = z.object({
  workflow_id: z.string().min(1),
  applicant_id: z.string().min(1),
  custom_data: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string().min(1).max(128)).max(30).optional(),
  customer_user_id: z.string().max(256).optional(),
  link: z.object({
    completed_redirect_url: z.string().url().optional(), expired_redirect_url: z.string().url().optional(),
    expires_at: z.string().datetime({ offset: true }).optional(), language: z.string().min(2).max(16).optional(),
  }).optional(),
});
export type CreateRunBody = z.infer<typeof CreateRunBody>;

export async function createRun(body: CreateRunBody, environment: Environment, rt: Runtime = systemRuntime, log = logError): Promise<RunItem> {
  if (body.link?.expires_at && Date.parse(body.link.expires_at) <= rt.now().getTime()) {
    throw validationError('The link would have expired already', { 'link.expires_at': ['must be in the future'] });
  }
  const live = await getLiveVersion(body.workflow_id, environment);
  if (!live) {
    if (!(await getWorkflowItem(body.workflow_id, environment))) throw notFound('Workflow', body.workflow_id);
    throw validationError(`Workflow ${body.workflow_id} has no active version; activate a version before starting runs`, { workflow_id: ['has no active version'] });
  }
  const applicant = await getApplicant(body.applicant_id, environment);
  if (applicant.delete_at) throw validationError(`Applicant ${body.applicant_id} is scheduled for deletion`, { applicant_id: ['is scheduled for deletion'] });
  const custom = body.custom_data ?? {};
  const check = checkInputs(live.definition.input, { ...applicant }, custom);
  if (Object.keys(check.fields).length > 0) {
    throw validationError(`The workflow's configured inputs are missing or invalid: ${Object.keys(check.fields).join(', ')}`, check.fields);
  }
  const created_at = rt.now().toISOString();
  const run = await putRun({
    id: rt.newId(), environment, applicant_id: applicant.id, workflow_id: body.workflow_id, workflow_version_id: live.version,
    tags: body.tags ?? [], customer_user_id: body.customer_user_id ?? null, link: RunLink.parse(body.link ?? {}), custom_data: custom, created_at,
  });
  const input: ExecutionInput = { workflow_run_id: run.id, applicant_id: run.applicant_id, sandbox: environment === 'sandbox', applicant: check.applicant, custom };
  let executionArn: string | undefined;
  try {
    const started = await clients().sfn.send(new StartExecutionCommand({ stateMachineArn: live.state_machine_version_arn, name: run.id, input: JSON.stringify(input) }));
    executionArn = started.executionArn;
  } catch (e) {
    log(`workflow run ${run.id}: the execution did not start`, e);
    await markRunError(run.id, runError('execution_not_started'), rt.now().toISOString());
    throw internal();
  }
  if (executionArn) await setExecutionArn(run.id, executionArn);
  return { ...run, ...(executionArn ? { execution_arn: executionArn } : {}) };
}

/**
 * Creating a run: the live version of a workflow of the caller's environment (another
 * environment's workflow is a 404), the applicant, the configured inputs; then runs/start.ts
 * writes the run (processing) and starts the execution on the version's state machine version
 * (a run keeps the version it started on). The workflow and the applicant are one batch read,
 * the published version comes from the process cache after its first use (store/workflows.ts):
 * two DynamoDB round trips per run when warm, three when not.
 */
import { z } from 'zod';
import { jsonDepth, storableNumbers, UNSTORABLE_NUMBER } from '../shared/json-depth';
import { notFound, payloadTooLarge, validationError } from '../shared/errors';
import { systemRuntime, type Runtime } from '../shared/ids';
import { logError } from '../shared/powertools';
import { applicantOf } from '../store/applicants';
import { getItems } from '../store/batch';
import { runIndexItems } from '../store/run-index';
import { RunLink, type Environment, type RunItem } from '../store/runs';
import { keys } from '../store/table';
import { liveVersionOf, workflowOf } from '../store/workflows';
import { checkInputs, executionInput } from './inputs';
import { startRun } from './start';

/** `custom_data` must fit the execution input (Step Functions: 256 KiB with the applicant) and the run item
 *  (DynamoDB: 400 KB, 32 levels of nesting counting the item, so custom_data itself and 30 more).
 *  Larger is a 413, deeper a 422, both before anything is written. */
export const MAX_CUSTOM_DATA_BYTES = 64 * 1024;
export const MAX_CUSTOM_DATA_DEPTH = 31;

/** Optional, and `null` means absent: Onfido's spec marks these nullable, and typed clients send the nulls. */
const absent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());

export const CreateRunBody = z.object({
  workflow_id: z.string().min(1).max(100),
  applicant_id: z.string().min(1).max(100),
  custom_data: z.record(z.string(), z.unknown())
    .refine((d) => jsonDepth(d, MAX_CUSTOM_DATA_DEPTH) <= MAX_CUSTOM_DATA_DEPTH, `must not nest deeper than ${MAX_CUSTOM_DATA_DEPTH} levels (${MAX_CUSTOM_DATA_DEPTH + 1} with the run that holds it)`)
    .refine(storableNumbers, UNSTORABLE_NUMBER).optional(),
  tags: absent(z.array(z.string().min(1).max(128)).max(30)),
  customer_user_id: z.string().max(256).optional(),
  link: absent(z.object({
    completed_redirect_url: absent(z.string().url()), expired_redirect_url: absent(z.string().url()),
    expires_at: absent(z.string().datetime({ offset: true })), language: absent(z.string().min(2).max(16)),
  })),
});
export type CreateRunBody = z.infer<typeof CreateRunBody>;

export async function createRun(body: CreateRunBody, environment: Environment, rt: Runtime = systemRuntime, log = logError): Promise<RunItem> {
  const customBytes = body.custom_data ? Buffer.byteLength(JSON.stringify(body.custom_data)) : 0;
  if (customBytes > MAX_CUSTOM_DATA_BYTES) throw payloadTooLarge(`custom_data is ${customBytes} bytes; at most ${MAX_CUSTOM_DATA_BYTES} (64 KiB) fit a run`);
  if (body.link?.expires_at && Date.parse(body.link.expires_at) <= rt.now().getTime()) {
    throw validationError('The link would have expired already', { 'link.expires_at': ['must be in the future'] });
  }
  const [workflowItem, applicantItem] = await getItems([keys.workflow(body.workflow_id), keys.applicant(body.applicant_id)]);
  const workflow = workflowOf(workflowItem, environment);
  if (!workflow) throw notFound('Workflow', body.workflow_id);
  const live = await liveVersionOf(workflow);
  if (!live) {
    throw validationError(`Workflow ${body.workflow_id} has no active version; activate a version before starting runs`, { workflow_id: ['has no active version'] });
  }
  const applicant = applicantOf(applicantItem, body.applicant_id, environment);
  if (applicant.delete_at) throw validationError(`Applicant ${body.applicant_id} is scheduled for deletion`, { applicant_id: ['is scheduled for deletion'] });
  const custom = body.custom_data ?? {};
  const check = checkInputs(live.definition.input, { ...applicant }, custom);
  if (Object.keys(check.fields).length > 0) {
    throw validationError(`The workflow's configured inputs are missing or invalid: ${Object.keys(check.fields).join(', ')}`, check.fields);
  }
  const created_at = rt.now().toISOString();
  const run = {
    id: rt.newId(), environment, applicant_id: applicant.id, workflow_id: body.workflow_id, workflow_version_id: live.version,
    tags: body.tags ?? [], customer_user_id: body.customer_user_id ?? null, link: RunLink.parse(body.link ?? {}), custom_data: custom, created_at,
  };
  // Only the applicant fields and custom data the workflow's conditions and outputs read enter the execution (and its history).
  const input = executionInput(live.definition.tasks, { ...run, sandbox: environment === 'sandbox' }, check.applicant, custom);
  return startRun(run, live.state_machine_version_arn, input, rt, log, runIndexItems(run, applicant));
}

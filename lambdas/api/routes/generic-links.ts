/**
 * Generic capture links (an extension, as Smart Capture Link's workflow links): a workflow whose
 * live version sets `settings.generic_link: true` can be started by anyone at
 * `/capture/f/<workflow id>`. The page reads what to ask (GET: the applicant fields and the
 * required custom inputs of the workflow's `input`), then creates the applicant and the run in the
 * workflow's environment (POST) and follows the run's link. Only the asked custom inputs are taken
 * from the public; the rest of the run's `custom_data` stays the integrator's. Public: at most
 * RUNS_PER_MINUTE runs a minute per client address (an IPv6 one by its /64: address-key.ts;
 * counted in DynamoDB, so across Lambda instances), then 429 with `Retry-After`.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../../shared/aws';
import { config } from '../../shared/config';
import { ApiError, notFound, validationError } from '../../shared/errors';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { createRun } from '../../runs/create';
import { applicantFieldsOf, checkInputs } from '../../runs/inputs';
import { toWorkflowRun } from '../../runs/view';
import { createApplicant } from '../../store/applicants';
import { deleteApplicant } from '../../store/applicant-deletion';
import { takeSlot, type RateLimit } from '../../store/rate-limits';
import { keys } from '../../store/table';
import { liveVersionOf, WorkflowItem, type LiveVersion } from '../../store/workflows';
import { addressLimitKey } from '../address-key';
import { json, type Request } from '../http';
import type { Router } from '../router';
import { parseJsonBody } from '../validate';
import { ApplicantCreate, country } from './applicants';

export const RUNS_PER_MINUTE = 10;
const RULE: RateLimit = { name: 'generic_link_runs', limit: RUNS_PER_MINUTE, windowSeconds: 60 };
/** What the page can ask an end user; first and last name always (every applicant has them). `nationality`
 *  is never required (API applicants cannot hold it); `location` is asked as the country of residence. */
export const GENERIC_FIELDS = ['first_name', 'last_name', 'email', 'dob', 'phone_number', 'address', 'id_numbers', 'location'] as const;
const LANGUAGES = ['en_US', 'de_DE', 'es_ES', 'fr_FR', 'it_IT', 'pt_PT', 'nl_NL'] as const;

const GenericRunBody = z.object({
  applicant: ApplicantCreate.pick({ first_name: true, last_name: true, email: true, dob: true, phone_number: true, address: true, id_numbers: true })
    .extend({ location: z.object({ country_of_residence: country }).strict().optional() }).strict(),
  custom_data: z.record(z.string(), z.unknown()).optional(),
  language: z.enum(LANGUAGES).optional(),
}).strict();
type CustomType = NonNullable<NonNullable<LiveVersion['definition']['input']>['custom']>[string]['type'];

/** The workflow and its live version when it offers a generic link; 404 otherwise (never telling why). */
async function linkedWorkflow(id: string): Promise<{ workflow: WorkflowItem; live: LiveVersion }> {
  const res = await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: keys.workflow(id) }));
  const parsed = res.Item ? WorkflowItem.safeParse(res.Item) : undefined;
  const live = parsed?.success ? await liveVersionOf(parsed.data) : undefined;
  if (!parsed?.success || !live || live.definition.settings?.generic_link !== true) throw notFound('GenericLink', id);
  return { workflow: parsed.data, live };
}

/** The applicant fields the workflow requires (among those the page asks), first and last name first. */
function askedFields(live: LiveVersion): string[] {
  const configured = Array.isArray(live.definition.input?.applicant) ? applicantFieldsOf(live.definition.input) : [];
  return GENERIC_FIELDS.filter((f) => f === 'first_name' || f === 'last_name' || configured.includes(f));
}

/** The custom inputs the workflow requires (not `required: false`): the page asks them, typed. */
function askedCustom(live: LiveVersion): Array<{ name: string; type: CustomType }> {
  return Object.entries(live.definition.input?.custom ?? {}).filter(([, d]) => d.required !== false).map(([name, d]) => ({ name, type: d.type }));
}

export function addGenericLinkRoutes(router: Router, rt: Runtime = systemRuntime): void {
  router.add('GET', '/v3.6/generic_links/{workflow_id}', 'public', async (req) => {
    const { workflow, live } = await linkedWorkflow(req.params.workflow_id ?? '');
    return json(200, {
      workflow_id: workflow.id, name: workflow.name, settings: live.definition.settings ?? null, applicant_fields: askedFields(live), custom_inputs: askedCustom(live),
    });
  });
  router.add('POST', '/v3.6/generic_links/{workflow_id}/workflow_runs', 'public', async (req: Request) => {
    const { workflow, live } = await linkedWorkflow(req.params.workflow_id ?? '');
    const body = parseJsonBody(GenericRunBody, req.body);
    const fields: Record<string, string[]> = Object.create(null);
    for (const f of askedFields(live)) {
      const v: unknown = body.applicant[f as keyof typeof body.applicant];
      if (v === undefined || (Array.isArray(v) && v.length === 0)) fields[`applicant.${f}`] = ['is required by this workflow'];
    }
    const asked = new Set(askedCustom(live).map((c) => c.name));
    const custom = body.custom_data ?? {};
    for (const k of Object.keys(custom)) if (!asked.has(k)) fields[`custom_data.${k}`] = ['is not asked by this link'];
    for (const [k, v] of Object.entries(checkInputs(live.definition.input, body.applicant, custom).fields)) fields[k] ??= v;
    if (Object.keys(fields).length) throw validationError('The workflow needs more about the applicant', fields);
    const slot = await takeSlot(RULE, addressLimitKey(req.sourceIp), rt.now());
    if (!slot.allowed) {
      throw new ApiError(429, 'rate_limit', `At most ${RUNS_PER_MINUTE} verifications a minute can be started from one address; try again in ${slot.retryAfterSeconds} s`,
        {}, { 'retry-after': String(slot.retryAfterSeconds) });
    }
    const applicant = await createApplicant(workflow.environment, body.applicant, rt);
    try {
      const run = await createRun({
        workflow_id: workflow.id, applicant_id: applicant.id, ...(body.custom_data ? { custom_data: body.custom_data } : {}),
        ...(body.language ? { link: { language: body.language } } : {}),
      },
        workflow.environment, rt);
      return json(201, { workflow_run_id: run.id, url: toWorkflowRun(run, rt.now().getTime(), { credentials: true }).link.url });
    } catch (e) {
      await deleteApplicant(applicant.id, workflow.environment, { kind: 'generic_link', workflow_id: workflow.id }, rt).catch(() => undefined); // no applicant without its run
      throw e;
    }
  });
}

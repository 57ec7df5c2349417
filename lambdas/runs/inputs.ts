/**
 * The inputs a workflow version is configured with, checked when a run is created: every
 * configured custom input present (unless it says `required: false`; an empty list or string is present) and of its type,
 * every applicant field a version lists present on the applicant (`"all"` passes those the applicant has and requires
 * none: see README, Workflows). Pure; the problems come back as Onfido `fields`.
 */
import { APPLICANT_FIELDS, references, SANDBOX_RESULTS_KEY, type ExecutionInput, type WorkflowInput } from '../../compiler';

type CustomType = NonNullable<WorkflowInput['custom']>[string]['type'];

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TYPE_CHECKS: Record<CustomType, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  string_list: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  date_time: (v) => typeof v === 'string' && ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
};
const TYPE_NAMES: Record<CustomType, string> = {
  string: 'a string', boolean: 'true or false', number: 'a number', string_list: 'a list of strings', date_time: 'an ISO 8601 date-time',
};

/** Workflow applicant fields that API v3.6 applicants cannot hold: passed when present, never required
 *  (otherwise a version asking for them could never start a run). */
const UNSETTABLE_APPLICANT_FIELDS = new Set(['nationality']);

/** An applicant field counts when it holds something: an applicant's empty field is one not filled in. */
const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
/** A custom input is missing only when absent or null: `[]` and `""` are values (`is_empty` routes on them). */
const given = (v: unknown) => v !== undefined && v !== null;

/** The applicant fields a version passes to its runs. */
export function applicantFieldsOf(input: WorkflowInput | undefined): readonly string[] {
  if (!input?.applicant) return [];
  return input.applicant === 'all' ? APPLICANT_FIELDS : input.applicant;
}

export interface InputCheck { fields: Record<string, string[]>; applicant: Record<string, unknown> }

export function checkInputs(input: WorkflowInput | undefined, applicant: Record<string, unknown>, custom: Record<string, unknown>): InputCheck {
  const fields: Record<string, string[]> = Object.create(null);
  const add = (k: string, m: string) => { (fields[k] ??= []).push(m); };
  for (const [name, def] of Object.entries(input?.custom ?? {})) {
    const value = custom[name];
    if (!given(value)) {
      if (def.required !== false) add(`custom_data.${name}`, `is required by the workflow (${def.type})`);
    } else if (!TYPE_CHECKS[def.type](value)) {
      add(`custom_data.${name}`, `must be ${TYPE_NAMES[def.type]}, got ${JSON.stringify(value)}`);
    }
  }
  const passed: Record<string, unknown> = {};
  const strict = Array.isArray(input?.applicant);
  for (const field of applicantFieldsOf(input)) {
    const value = applicant[field];
    if (present(value)) passed[field] = value;
    else if (strict && !UNSETTABLE_APPLICANT_FIELDS.has(field)) add(`applicant.${field}`, 'is required by the workflow; update the applicant first');
  }
  return { fields, applicant: passed };
}

/**
 * A run's execution input: only the applicant fields and custom data keys the workflow's conditions and outputs read
 * (compiler/references.ts; `_sandbox_results` too), since the execution's history keeps its input; handlers read the
 * rest by id (store/sources.ts).
 */
export function executionInput(tasks: unknown, run: { id: string; applicant_id: string; sandbox: boolean },
  applicant: Record<string, unknown>, custom: Record<string, unknown>): ExecutionInput {
  const read = references(tasks);
  const pick = (from: Record<string, unknown>, names: ReadonlySet<string> | 'all', also: readonly string[] = []) =>
    Object.fromEntries(Object.entries(from).filter(([k]) => names === 'all' || names.has(k) || also.includes(k)));
  return {
    workflow_run_id: run.id, applicant_id: run.applicant_id, sandbox: run.sandbox,
    applicant: pick(applicant, read.applicant), custom: pick(custom, read.custom, [SANDBOX_RESULTS_KEY]),
  };
}

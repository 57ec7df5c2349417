/**
 * The generic link's form, without the page: what the workflow asks (`GET /v3.6/generic_links/<id>`:
 * applicant fields and required custom inputs), the request body from the form's values, each
 * field's problem, and where the API's `fields` errors belong. Form keys: `email`,
 * `address.postcode`, `id_numbers.type`, `location.country_of_residence`, `custom.<name>`.
 */
import type { WorkflowSettings } from '../api';

export type CustomType = 'string' | 'boolean' | 'number' | 'string_list' | 'date_time';
export interface CustomInput { name: string; type: CustomType }
export interface Info { name: string; settings: WorkflowSettings | null; applicant_fields: string[]; custom_inputs?: CustomInput[] }

/** Single-line applicant fields, in the order asked. */
export const PLAIN: Record<string, { type: string; autoComplete: string }> = {
  first_name: { type: 'text', autoComplete: 'given-name' }, last_name: { type: 'text', autoComplete: 'family-name' },
  email: { type: 'email', autoComplete: 'email' }, dob: { type: 'date', autoComplete: 'bday' }, phone_number: { type: 'tel', autoComplete: 'tel' },
};
/** Address lines: key, required, autocomplete token (the country is a combobox). */
export const ADDRESS = [['building_number', false, 'address-line1'], ['street', true, 'address-line2'], ['town', true, 'address-level2'], ['postcode', true, 'postal-code']] as const;
/** Onfido's id_numbers types (one spelling of the driving licence). */
export const ID_TYPES = ['passport', 'identity_card', 'driving_licence', 'tax_id', 'social_insurance', 'ssn', 'voter_id', 'share_code', 'other'] as const;

/** Why a field is not ready: empty, not a number, not a date and time. */
export type Problem = 'required' | 'number' | 'date_time';

/** "risk_tier" → "Risk tier": a custom input's label (integrator-given names are not translated). */
export const labelOf = (name: string) => { const s = name.replace(/_+/g, ' ').trim(); return s.charAt(0).toLocaleUpperCase() + s.slice(1); };

/** A custom input's value from its text, or its problem (an empty one is `undefined`). */
function customValue(type: CustomType, text: string): { value?: unknown; problem?: Problem } {
  const v = text.trim();
  if (type === 'string_list') { const items = v.split('\n').map((s) => s.trim()).filter(Boolean); return items.length ? { value: items } : {}; }
  if (!v) return {};
  if (type === 'boolean') return { value: v === 'yes' };
  if (type === 'number') { const n = Number(v.replace(',', '.')); return Number.isFinite(n) ? { value: n } : { problem: 'number' }; }
  if (type === 'date_time') { const d = new Date(v); return Number.isNaN(d.getTime()) ? { problem: 'date_time' } : { value: d.toISOString() }; }
  return { value: v };
}

/** The POST body (`applicant`, `custom_data`) from the form's values, or each field's problem. */
export function buildRequest(info: Info, values: Record<string, string>): { body: { applicant: Record<string, unknown>; custom_data?: Record<string, unknown> } } | { errors: Record<string, Problem> } {
  const asked = new Set(info.applicant_fields);
  const errors: Record<string, Problem> = {};
  const get = (k: string) => (values[k] ?? '').trim();
  const applicant: Record<string, unknown> = {};
  for (const f of Object.keys(PLAIN).filter((n) => asked.has(n))) { if (get(f)) applicant[f] = get(f); else errors[f] = 'required'; }
  if (asked.has('address')) {
    const a: Record<string, string> = {};
    for (const [k, required] of ADDRESS) { if (get(`address.${k}`)) a[k] = get(`address.${k}`); else if (required) errors[`address.${k}`] = 'required'; }
    if (get('address.country')) a.country = get('address.country'); else errors['address.country'] = 'required';
    applicant.address = a;
  }
  if (asked.has('id_numbers')) {
    if (!get('id_numbers.type')) errors['id_numbers.type'] = 'required';
    if (!get('id_numbers.value')) errors['id_numbers.value'] = 'required';
    applicant.id_numbers = [{ type: get('id_numbers.type'), value: get('id_numbers.value') }];
  }
  if (asked.has('location')) {
    if (!get('location.country_of_residence')) errors['location.country_of_residence'] = 'required';
    applicant.location = { country_of_residence: get('location.country_of_residence') };
  }
  const custom: Record<string, unknown> = {};
  for (const { name, type } of info.custom_inputs ?? []) {
    const { value, problem } = customValue(type, values[`custom.${name}`] ?? '');
    if (problem) errors[`custom.${name}`] = problem; else if (value === undefined) errors[`custom.${name}`] = 'required'; else custom[name] = value;
  }
  if (Object.keys(errors).length) return { errors };
  return { body: { applicant, ...(info.custom_inputs?.length ? { custom_data: custom } : {}) } };
}

/** The form key an API error field (`applicant.address.postcode`, `custom_data.plan`) belongs to; undefined when none. */
export function formKeyOf(field: string, info: Info): string | undefined {
  const custom = /^custom_data\.([A-Za-z0-9_]+)$/.exec(field)?.[1];
  if (custom) return (info.custom_inputs ?? []).some((c) => c.name === custom) ? `custom.${custom}` : undefined;
  const name = field.replace(/^applicant\./, '');
  if (name in PLAIN) return name;
  if (name.startsWith('id_numbers')) return name.endsWith('.type') ? 'id_numbers.type' : 'id_numbers.value';
  if (name.startsWith('location')) return 'location.country_of_residence';
  const line = /^address\.(\w+)$/.exec(name)?.[1];
  if (line) return line === 'country' || ADDRESS.some(([k]) => k === line) ? `address.${line}` : undefined;
  return name === 'address' ? 'address.street' : undefined;
}

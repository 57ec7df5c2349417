/**
 * The identity data a check can compare: the applicant record, and what earlier tasks found
 * (autofill's extracted_data, document_report properties, profile_data_capture fields).
 * Task outputs are recognised by shape, since a request carries outputs by task id only.
 */
import type { ApplicantData } from '../types';

export type Address = NonNullable<ApplicantData['address']>;

export interface PersonSource {
  source: 'applicant' | 'document' | 'profile_data';
  task_id?: string;
  first_name?: string;
  last_name?: string;
  dob?: string;
  nationality?: string;
  address?: Address;
  phone_number?: string;
  email?: string;
  ssn?: string;
  pan?: string;
  country_of_residence?: string;
  document_number?: string;
  issuing_country?: string;
  document_type?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function pick(o: Obj): Omit<PersonSource, 'source'> {
  const numbers = Array.isArray(o.document_numbers) ? o.document_numbers.filter(isObj) : [];
  const address = isObj(o.address) ? (o.address as Address) : undefined;
  const out: Omit<PersonSource, 'source'> = {
    first_name: str(o.first_name), last_name: str(o.last_name),
    dob: str(o.dob) ?? str(o.date_of_birth), nationality: str(o.nationality),
    address, phone_number: str(o.phone_number), email: str(o.email),
    ssn: str(o.ssn), pan: str(o.pan), country_of_residence: str(o.country_of_residence),
    document_number: str(o.document_number) ?? str(numbers[0]?.value),
    issuing_country: str(o.issuing_country), document_type: str(o.document_type),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function fromTask(taskId: string, output: unknown): PersonSource | undefined {
  if (!isObj(output)) return undefined;
  if (isObj(output.extracted_data)) return { source: 'document', task_id: taskId, ...pick(output.extracted_data) };
  if (isObj(output.breakdown) && isObj(output.properties)) {
    const p = pick(output.properties);
    return p.first_name || p.last_name || p.dob ? { source: 'document', task_id: taskId, ...p } : undefined;
  }
  const p = pick(output);
  return Object.keys(p).length > 0 ? { source: 'profile_data', task_id: taskId, ...p } : undefined;
}

export function collectSources(applicant: ApplicantData, tasks: Record<string, unknown> = {}): PersonSource[] {
  const ssn = applicant.id_numbers?.find((n) => n.type === 'ssn')?.value;
  const pan = applicant.id_numbers?.find((n) => n.type === 'pan')?.value;
  const own: PersonSource = { source: 'applicant', ...pick({ ...applicant, ssn, pan }) };
  const found = Object.entries(tasks).map(([id, out]) => fromTask(id, out)).filter((s): s is PersonSource => !!s);
  return [own, ...found];
}

/** The first value of a field over the sources, in their order of trust. */
export function firstOf<K extends keyof PersonSource>(sources: readonly PersonSource[], key: K): PersonSource[K] | undefined {
  for (const s of sources) if (s[key] !== undefined) return s[key];
  return undefined;
}

/**
 * The data an integrator sends to complete a Send/Receive task, checked against the task's
 * `receive` declaration: required fields present, each of its format, nothing undeclared.
 */
import { z } from 'zod';
import { ReceiveField } from '../../compiler';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMAT_CHECKS: Record<z.infer<typeof ReceiveField>['format'], (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)),
  date_time: (v) => typeof v === 'string' && !DATE.test(v) && !Number.isNaN(Date.parse(v)),
  string_list: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  other: () => true,
};

export const ReceiveSchema = z.record(z.string(), ReceiveField);

/** Problems by field (`data.score`), empty when the data fits. */
export function checkReceived(receive: unknown, data: unknown): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null);
  const add = (k: string, m: string) => { (fields[`data${k ? `.${k}` : ''}`] ??= []).push(m); };
  const schema = ReceiveSchema.safeParse(receive ?? {});
  if (!schema.success) { add('', 'the task has no readable receive schema'); return fields; }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) { add('', 'must be an object'); return fields; }
  const given = data as Record<string, unknown>;
  for (const [name, field] of Object.entries(schema.data)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (field.required) add(name, `is required (${field.format})`);
    } else if (!FORMAT_CHECKS[field.format](value)) {
      add(name, `must be of format ${field.format}, got ${JSON.stringify(value)}`);
    }
  }
  for (const name of Object.keys(given)) if (!(name in schema.data)) add(name, 'is not declared in the task\'s receive schema');
  return fields;
}

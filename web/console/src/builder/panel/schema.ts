/** The task types' JSON Schemas (generated from the zod model), read to build the panel's simple fields. */
import { workflowJsonSchema } from '../../../../../compiler';

export interface Prop { type?: string | string[]; enum?: string[]; items?: Prop; anyOf?: Prop[]; const?: string; properties?: Record<string, Prop>; required?: string[] }

const root = workflowJsonSchema() as { properties: { tasks: { items: { oneOf: Prop[] } } } };
const BY_TYPE = new Map(root.properties.tasks.items.oneOf.map((s) => [s.properties?.type?.const ?? '', s]));

/** Fields with an editor of their own (or none): routing, identity and the hand-made editors. */
const HAND_MADE = new Set(['id', 'type', 'name', 'version', 'next', 'else', 'branches', 'target', 'limit_reached', 'documents', 'output', 'send', 'receive']);

export type Field =
  | { key: string; kind: 'enum'; values: string[]; required: boolean }
  | { key: string; kind: 'boolean' | 'integer' | 'string' | 'list'; required: boolean }
  | { key: string; kind: 'set'; values: string[]; required: boolean };

const enumOf = (p: Prop | undefined): string[] | undefined => p?.enum ?? p?.anyOf?.find((x) => x.enum)?.enum;

/** The simple fields of a task type, in schema order. */
export function fieldsOf(type: string): Field[] {
  const schema = BY_TYPE.get(type);
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).flatMap(([key, p]): Field[] => {
    if (HAND_MADE.has(key)) return [];
    const base = { key, required: required.has(key) };
    if (p.enum) return [{ ...base, kind: 'enum', values: p.enum }];
    if (p.type === 'boolean') return [{ ...base, kind: 'boolean' }];
    if (p.type === 'integer' || p.type === 'number') return [{ ...base, kind: 'integer' }];
    if (p.type === 'string') return [{ ...base, kind: 'string' }];
    if (p.type === 'array') {
      const values = enumOf(p.items);
      return [values ? { ...base, kind: 'set', values } : { ...base, kind: 'list' }];
    }
    return [];
  });
}

/**
 * The data paths a task may use: configured inputs, and the outputs of the tasks that precede
 * it on every route (asked of the compiler's own graph analysis, as the validator does).
 */
import { analyse, APPLICANT_TYPES, buildGraph, parse, REGISTRY, type DataType, type Task } from '../../../../compiler';
import { taskLabel, type Draft } from './model';
import { isRecord, taskParts, workflowParts } from './panel/readable';

export interface PathOption { path: string; label: string; type: DataType }

function leaves(prefix: string, label: string, type: DataType, depth = 0): PathOption[] {
  const here: PathOption = { path: prefix, label: depth === 0 ? `${label} › All data` : label, type };
  if (depth > 4) return [here];
  if (type.kind === 'object') {
    return [here, ...Object.entries(type.fields).flatMap(([k, v]) => leaves(`${prefix}.${k}`, `${label} › ${k}`, v, depth + 1))];
  }
  if (type.kind === 'array') return [here, ...leaves(`${prefix}[0]`, `${label} › first`, type.item, depth + 1)];
  return [here];
}

/** Tasks preceding `at` on every route, nearest first. */
export function precedingTasks(draft: Draft, at: string): Task[] {
  const parsed = parse(draft);
  const an = analyse(buildGraph(parsed.raw, parsed.top.start ?? ''));
  const ids: string[] = [];
  an.eachPreceding(at, (id) => { ids.push(id); });
  return ids.flatMap((id) => draft.tasks.filter((t) => t.id === id));
}

/** The configured inputs (those in a form the settings cannot edit, panel/readable.ts, offer none). */
export function inputPaths(draft: Draft): PathOption[] {
  const parts = workflowParts(draft);
  const input = parts.has('input') ? undefined : draft.input;
  const applicant = input?.applicant === 'all' ? Object.keys(APPLICANT_TYPES) : parts.has('input.applicant') ? [] : input?.applicant ?? [];
  const custom = parts.has('input.custom') ? [] : Object.entries(input?.custom ?? {}).filter(([k]) => !parts.has(`input.custom.${k}`));
  return [
    ...applicant.map((f) => ({ path: `input.applicant.${f}`, label: `Applicant › ${f}`, type: APPLICANT_TYPES[f] ?? { kind: 'unknown' } as DataType })),
    ...custom.map(([k, v]) => ({ path: `input.custom.${k}`, label: `Input › ${k}`, type: { kind: v.type === 'string' ? 'string' : v.type } as DataType })),
  ];
}

/**
 * The task as its output type reads it (compiler REGISTRY: a profile capture's `fields`, a
 * Send/Receive task's `receive`), without what the panel cannot edit there (panel/readable.ts) or a missing list.
 */
function readable(t: Task): Task {
  const parts = taskParts(t);
  if (t.type === 'profile_data_capture' && !Array.isArray(t.fields)) return { ...t, fields: [] as unknown as typeof t.fields };
  if (t.type !== 'send_receive' || t.receive === undefined) return t;
  const receive = isRecord(t.receive) && !parts.has('receive') ? Object.fromEntries(Object.entries(t.receive).filter(([k]) => !parts.has(`receive.${k}`))) : {};
  return { ...t, receive };
}

/** Every path `at` may read: inputs, then each preceding task's output (whole and by field). */
export function pathsAt(draft: Draft, at: string): PathOption[] {
  const tasks = precedingTasks(draft, at).reverse();
  return [
    ...inputPaths(draft),
    ...tasks.flatMap((t) => (REGISTRY[t.type] ? leaves(`tasks.${t.id}.output`, taskLabel(t), REGISTRY[t.type].output(readable(t))) : [])),
  ];
}

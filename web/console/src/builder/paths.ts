/**
 * The data paths a task may use: configured inputs, and the outputs of the tasks that precede
 * it on every route (asked of the compiler's own graph analysis, as the validator does).
 */
import { analyse, APPLICANT_TYPES, buildGraph, parse, REGISTRY, type DataType, type Task } from '../../../../compiler';
import { taskLabel, type Draft } from './model';

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

export function inputPaths(draft: Draft): PathOption[] {
  const applicant = draft.input?.applicant === 'all' ? Object.keys(APPLICANT_TYPES) : draft.input?.applicant ?? [];
  const custom = Object.entries(draft.input?.custom ?? {});
  return [
    ...applicant.map((f) => ({ path: `input.applicant.${f}`, label: `Applicant › ${f}`, type: APPLICANT_TYPES[f] ?? { kind: 'unknown' } as DataType })),
    ...custom.map(([k, v]) => ({ path: `input.custom.${k}`, label: `Input › ${k}`, type: { kind: v.type === 'string' ? 'string' : v.type } as DataType })),
  ];
}

/** Every path `at` may read: inputs, then each preceding task's output (whole and by field). */
export function pathsAt(draft: Draft, at: string): PathOption[] {
  const tasks = precedingTasks(draft, at).reverse();
  return [
    ...inputPaths(draft),
    ...tasks.flatMap((t) => (REGISTRY[t.type] ? leaves(`tasks.${t.id}.output`, taskLabel(t), REGISTRY[t.type].output(t)) : [])),
  ];
}

/**
 * What a workflow reads in its states of each task's output, of the applicant and of the custom
 * data: the data paths its logic and retry conditions and result outputs name
 * (`tasks.<id>.output...`, `input.applicant...`, `input.custom...`). The compiled machine carries
 * only these (with ids and results), so that an execution's history, which AWS keeps 90 days
 * after the run, holds as little personal data as possible; handlers read the rest from DynamoDB
 * and S3 by id. The data a Send/Receive task sends is not read in the states: its handler reads
 * it by these paths (`sourceTaskIds`).
 */
import { splitPath } from './tasks/types';

/** Output fields as paths of segments below `output` (an array index ends a path: its whole value is kept);
 *  `'all'` when the whole output is named. */
export type Kept = ReadonlyArray<readonly string[]> | 'all';

export interface References {
  /** By task id; a task missing here has nothing of its output read. */
  outputs: Map<string, Kept>;
  /** Applicant fields read from the execution input, or `'all'`. */
  applicant: ReadonlySet<string> | 'all';
  /** Custom data keys read from the execution input, or `'all'`. */
  custom: ReadonlySet<string> | 'all';
}

const PATH = /^(tasks\.[A-Za-z0-9_]+\.output|input\.(?:applicant|custom))(?:[.[]|$)/;

/** A Send/Receive task's `send`: read by its handler, not in the states. */
const isSendOf = (owner: object, key: string) => key === 'send' && (owner as { type?: unknown }).type === 'send_receive';

/** Every data path named anywhere in the tasks (conditions, their `value.path`, result outputs), nested branches included. */
function namedPaths(value: unknown, into: string[][]): void {
  if (typeof value === 'string') { if (PATH.test(value)) into.push(splitPath(value)); return; }
  if (Array.isArray(value)) { for (const v of value) namedPaths(v, into); return; }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!isSendOf(value, k)) namedPaths(v, into);
  }
}

/** The task ids of `tasks.<id>.output...` paths among `paths`, sorted, each once. */
export function sourceTaskIds(paths: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const p of paths) { const [root, id] = splitPath(p); if (root === 'tasks' && id) ids.add(id); }
  return [...ids].sort();
}

const below = (segments: string[]): string[] => {
  const cut = segments.findIndex((s) => s.startsWith('['));
  return cut === -1 ? segments : segments.slice(0, cut);
};

/** The references of a definition's `tasks` (raw or parsed). */
export function references(tasks: unknown): References {
  const paths: string[][] = [];
  namedPaths(tasks, paths);
  // In one order whatever the order of keys in the definition: the compiled output is deterministic.
  paths.sort((a, b) => { const x = JSON.stringify(a); const y = JSON.stringify(b); return x < y ? -1 : x > y ? 1 : 0; });
  const outputs = new Map<string, string[][] | 'all'>();
  const input: Record<string, Set<string> | 'all'> = { applicant: new Set(), custom: new Set() };
  for (const p of paths) {
    if (p[0] === 'input') {
      const known = input[p[1]!]!;
      if (p[2] === undefined || p[2].startsWith('[')) input[p[1]!] = 'all';
      else if (known !== 'all') known.add(p[2]);
      continue;
    }
    const id = p[1]!;
    const rest = below(p.slice(3));
    const known = outputs.get(id);
    if (rest.length === 0) outputs.set(id, 'all');
    else if (known !== 'all' && !known?.some((k) => k.join('.') === rest.join('.'))) outputs.set(id, [...(known ?? []), rest]);
  }
  return { outputs, applicant: input.applicant!, custom: input.custom! };
}

/** `value` reduced to the kept paths (objects only; anything else, or `'all'`, is kept whole). */
export function keepPaths(value: unknown, kept: Kept): unknown {
  if (kept === 'all' || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  // Deeper paths first: a shorter one met later replaces the partial copy with the whole value (never writing into `value`).
  for (const path of [...kept].sort((a, b) => b.length - a.length)) {
    let from: unknown = value;
    let to = out;
    for (const [i, key] of path.entries()) {
      if (from === null || typeof from !== 'object' || Array.isArray(from) || !Object.hasOwn(from, key)) break;
      from = (from as Record<string, unknown>)[key];
      if (i === path.length - 1) { to[key] = from; break; }
      if (from === null || typeof from !== 'object' || Array.isArray(from)) { to[key] = from; break; }
      const next = to[key];
      to = (to[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next as Record<string, unknown> : {}) as Record<string, unknown>;
    }
  }
  return out;
}

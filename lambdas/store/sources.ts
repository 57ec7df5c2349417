/**
 * Data a compiled workflow names by path but does not carry in its states (compiler/references.ts):
 * what a Send/Receive task sends, a report's semantic values, the whole outputs behind trimmed
 * ones (`{ id, … }`). Read from DynamoDB so that the execution's history never holds them:
 * `input.custom.<name>…` from the run's custom data, `input.applicant.<field>…` from the
 * applicant, `tasks.<id>.output…` from the output the states hold (`outputs`), read whole from
 * its task by its `id` when it was trimmed. Each item is read once per reader.
 */
import { splitPath, type ExecutionInput } from '../../compiler';
import { getApplicant } from './applicants';
import { getRun } from './runs';
import { getTask } from './tasks';

/** `value` below `segments` (`name` or `[n]`); undefined when a step is missing. */
export function valueAt(value: unknown, segments: readonly string[]): unknown {
  let at = value;
  for (const s of segments) {
    if (at === null || typeof at !== 'object') return undefined;
    const index = /^\[(\d+)\]$/.exec(s);
    if (index) { at = Array.isArray(at) ? at[Number(index[1])] : undefined; continue; }
    if (Array.isArray(at) || !Object.hasOwn(at, s)) return undefined;
    at = (at as Record<string, unknown>)[s];
  }
  return at;
}

/** The whole output behind one the states hold: read from the run's task named by its `id`; the value itself when it
 *  has none or no task of the run has that id (an output that carries an `id` of its own). */
export async function wholeOutput(runId: string, value: unknown, get: typeof getTask = getTask): Promise<unknown> {
  const id = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') return value;
  const stored = await get(runId, id);
  return stored ? stored.output : value;
}

export type DataReader = (path: string) => Promise<unknown>;

/** Reads data paths for one request of run `run`; `outputs`: the states' outputs of the tasks the paths name;
 *  `customData`: the run's custom data when the caller has read the run already. */
export function dataReader(run: ExecutionInput, outputs: Record<string, unknown> = {}, customData?: Record<string, unknown>): DataReader {
  let custom: Promise<Record<string, unknown>> | undefined = customData ? Promise.resolve(customData) : undefined;
  let applicant: Promise<Record<string, unknown>> | undefined;
  const whole = new Map<string, Promise<unknown>>();
  return async (path) => {
    const [root, second, ...rest] = splitPath(path);
    if (root === 'input' && second === 'custom') {
      custom ??= getRun(run.workflow_run_id).then((r) => r?.custom_data ?? run.custom);
      return valueAt(await custom, rest);
    }
    if (root === 'input' && second === 'applicant') {
      applicant ??= getApplicant(run.applicant_id, run.sandbox ? 'sandbox' : 'live').then((a) => ({ ...a }));
      return valueAt(await applicant, rest);
    }
    if (root !== 'tasks' || !second || !Object.hasOwn(outputs, second)) return undefined;
    let output = whole.get(second);
    if (!output) whole.set(second, output = wholeOutput(run.workflow_run_id, outputs[second]));
    // `tasks.<id>.output…`: the segments after `output`.
    return valueAt(await output, rest.slice(1));
  };
}

/** Each key's value read by its path (keys whose value is missing are left out). */
export async function readEach(paths: Record<string, string>, read: DataReader): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, path] of Object.entries(paths)) {
    const value = await read(path);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** For each key the first present value of its paths (keys with none are left out). */
export async function readFirst(paths: Record<string, readonly string[]>, read: DataReader): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, list] of Object.entries(paths)) {
    for (const path of list) {
      const value = await read(path);
      if (value !== undefined) { out[key] = value; break; }
    }
  }
  return out;
}

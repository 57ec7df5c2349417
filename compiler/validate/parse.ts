/**
 * Phase 1: parse leniently. The top level and each task are checked against the zod schema on
 * their own, so that one broken task does not hide the problems of the others; a task that
 * fails its schema still takes part in the graph checks through its routing fields.
 */
import { z } from 'zod';
import { TASK_SCHEMAS, Workflow, type Task, type TaskType } from '../model';
import type { RawTask } from '../graph';
import { problem, type Problem } from './problem';

const TopLevel = Workflow.extend({ tasks: z.array(z.unknown()).min(1) });
export type TopLevel = Omit<z.infer<typeof TopLevel>, 'tasks'>;

export interface Parsed {
  top: Partial<TopLevel>;
  raw: RawTask[];
  tasks: Map<string, Task>;   // tasks that passed their schema (first of duplicate ids)
  problems: Problem[];
}

const fmt = (path: ReadonlyArray<PropertyKey>) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

function zodProblems(error: z.ZodError, prefix: string, task: string | null): Problem[] {
  return error.issues.map((issue) => {
    const where = fmt([...issue.path]);
    const path = prefix && where ? `${prefix}${where.startsWith('[') ? '' : '.'}${where}` : prefix || where;
    return problem('invalid_field', task, path, `${path || 'definition'}: ${issue.message}`);
  });
}

export function parse(input: unknown): Parsed {
  const problems: Problem[] = [];
  const record = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const top = TopLevel.safeParse(record);
  if (!top.success) problems.push(...zodProblems(top.error, '', null).filter((p) => !/^tasks\[\d+\]/.test(p.path)));
  const partial: Partial<TopLevel> = {};
  for (const key of ['name', 'description', 'input', 'output', 'start'] as const) {
    const field = TopLevel.shape[key].safeParse(record[key]);
    if (field.success && field.data !== undefined) Object.assign(partial, { [key]: field.data });
  }
  const raw: RawTask[] = [];
  const tasks = new Map<string, Task>();
  const list = Array.isArray(record.tasks) ? record.tasks : [];
  list.forEach((value, index) => {
    const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    const id = typeof obj.id === 'string' ? obj.id : `#${index}`;
    const type = typeof obj.type === 'string' ? obj.type : '';
    raw.push({ index, id, type, raw: obj });
    const schema = (TASK_SCHEMAS as Record<string, z.ZodType<Task>>)[type];
    if (!schema) {
      problems.push(problem('unknown_task_type', id, `tasks[${index}].type`,
        `task ${id} has type ${JSON.stringify(obj.type)}; use one of: ${Object.keys(TASK_SCHEMAS).join(', ')}`));
      return;
    }
    const parsed = schema.safeParse(obj);
    if (parsed.success) { if (!tasks.has(parsed.data.id)) tasks.set(parsed.data.id, parsed.data); }
    else problems.push(...zodProblems(parsed.error, `tasks[${index}]`, id));
  });
  return { top: partial, raw, tasks, problems };
}

export const isTaskType = (type: string): type is TaskType => Object.hasOwn(TASK_SCHEMAS, type);

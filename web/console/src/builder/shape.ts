/**
 * Whether a JSON value has the shape of a draft, judged by the compiler's own schemas
 * (compiler/model: the workflow and each task type): a draft may break their rules (an empty
 * name, a route to nowhere: "Problems" says so), but what the canvas draws may not be of the wrong
 * type or kind: `tasks` a list of objects, each with a string id and a known type, and the routes
 * and labels of the workflow and its tasks (`start`; a task's `name`, `next`, `else`, `target`,
 * `limit_reached`; `branches` a list of objects, a logic branch's condition an object). Any other
 * field may hold any JSON (the API stores drafts as they are): the panel shows a part it cannot
 * edit as such (panel/readable.ts) and the rest of the task stays editable.
 */
import type { z } from 'zod';
import { TASK_SCHEMAS, Workflow } from '../../../../compiler';
import type { Draft } from './model';

/** Where and why a value is not a draft. */
export interface ShapeProblem { path: string; message: string }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TOP = Workflow.omit({ tasks: true });
/** The fields the canvas reads (graph.ts, model.ts), of the workflow and of its tasks. */
const DRAWN_TOP = new Set<PropertyKey>(['start']);
const DRAWN_TASK = new Set<PropertyKey>(['id', 'type', 'name', 'next', 'else', 'target', 'limit_reached', 'branches']);
const at = (path: ReadonlyArray<PropertyKey>) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
const valueAt = (v: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>((x, p) => (isRecord(x) || Array.isArray(x) ? (x as Record<PropertyKey, unknown>)[p] : undefined), v);

/** The first issue of shape in a drawn field (a wrong type; a value matching no alternative that is not even an object), else undefined. */
function shapeIssue(schema: z.ZodType, value: unknown, prefix: string, drawn: ReadonlySet<PropertyKey>): ShapeProblem | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const bad = result.error.issues.find((i) => drawn.has(i.path[0] ?? '')
    && (i.code === 'invalid_type' || (i.code === 'invalid_union' && !isRecord(valueAt(value, i.path)))));
  return bad && { path: `${prefix}${bad.path.length && prefix ? '.' : ''}${at(bad.path)}`.replace(/\.\[/g, '['), message: bad.message };
}

/** undefined when `value` can be a draft (it may still have problems), else the first reason it cannot. */
export function draftShape(value: unknown): ShapeProblem | undefined {
  if (!isRecord(value)) return { path: 'definition', message: 'a definition is a JSON object' };
  if (!Array.isArray(value.tasks)) return { path: 'tasks', message: 'is a list of tasks' };
  const top = shapeIssue(TOP, value, '', DRAWN_TOP);
  if (top) return top;
  for (const [i, task] of value.tasks.entries()) {
    const where = `tasks[${i}]`;
    if (!isRecord(task)) return { path: where, message: 'a task is a JSON object' };
    if (typeof task.id !== 'string') return { path: `${where}.id`, message: 'a task id is a string' };
    const schema = typeof task.type === 'string' ? (TASK_SCHEMAS as Record<string, z.ZodType>)[task.type] : undefined;
    if (!schema) return { path: `${where}.type`, message: `is one of ${Object.keys(TASK_SCHEMAS).join(', ')}` };
    const problem = shapeIssue(schema, task, where, DRAWN_TASK);
    if (problem) return problem;
  }
  return undefined;
}

/** `value` as a draft when it has the shape of one. */
export const asDraft = (value: unknown): Draft | undefined => (draftShape(value) ? undefined : value as Draft);

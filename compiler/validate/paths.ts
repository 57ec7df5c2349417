/**
 * Resolves a data path at the task that uses it: is it configured, does its task precede the
 * use on every route, and what is its type.
 */
import { REGISTRY } from '../tasks/registry';
import { splitPath, T, typeAt, type DataType } from '../tasks/types';
import { isTaskType } from './parse';
import { pathOf, type RuleContext } from './context';
import { problem, type Problem } from './problem';

export const APPLICANT_TYPES: Record<string, DataType> = {
  first_name: T.string, last_name: T.string, dob: T.date, email: T.string, phone_number: T.string,
  nationality: T.string, address: T.object({}, true), id_numbers: T.array(T.object({}, true)), location: T.object({}, true),
};
const CUSTOM_TYPES: Record<string, DataType> = {
  string: T.string, number: T.number, boolean: T.boolean, string_list: T.stringList, date_time: T.dateTime,
};

export type Resolved = { ok: true; type: DataType } | { ok: false; problem: Problem };

export function resolvePath(ctx: RuleContext, path: string, at: string, field: string): Resolved {
  const where = pathOf(ctx, at, field);
  const fail = (p: Problem): Resolved => ({ ok: false, problem: p });
  const segments = splitPath(path);
  const [root, second, third, ...rest] = segments;
  if (root === 'input' && second === 'applicant' && third) {
    const configured = ctx.top.input?.applicant;
    if (configured !== 'all' && !(configured ?? []).includes(third as never)) {
      return fail(problem('input_not_configured', at, where,
        `${path} is not a configured input: add "${third}" to input.applicant (or use "all")`));
    }
    const type = typeAt(APPLICANT_TYPES[third] ?? T.unknown, rest);
    return type === 'missing' ? fail(problem('unknown_output_field', at, where, `${path}: applicant ${third} has no such field`)) : { ok: true, type };
  }
  if (root === 'input' && second === 'custom' && third) {
    const input = ctx.top.input?.custom?.[third];
    if (!input) return fail(problem('input_not_configured', at, where, `${path} is not a configured input: declare "${third}" in input.custom with its type`));
    const type = typeAt(CUSTOM_TYPES[input.type] ?? T.unknown, rest);
    return type === 'missing' ? fail(problem('unknown_output_field', at, where, `${path}: a ${input.type} input has no field ${rest.join('.')}`)) : { ok: true, type };
  }
  if (root === 'tasks' && second && third === 'output') {
    const source = ctx.graph.tasks.get(second);
    if (!source) return fail(problem('unknown_task_in_path', at, where, `${path} names task ${second}, which does not exist: use the id of an earlier task`));
    if (!ctx.an.precedes(second, at)) {
      return fail(problem('path_not_preceding', at, where,
        `${path} names task ${second}, which does not run before ${at} on every route: use a task that every route to ${at} passes through`));
    }
    const typed = ctx.tasks.get(second);
    if (!typed || !isTaskType(source.type)) return { ok: true, type: T.unknown };
    const type = typeAt(REGISTRY[typed.type].output(typed), rest);
    return type === 'missing'
      ? fail(problem('unknown_output_field', at, where, `${path}: the output of ${typed.type} task ${second} has no field ${rest.join('.')}`))
      : { ok: true, type };
  }
  return fail(problem('invalid_field', at, where, `${path} is not a data path: use input.applicant.<field>, input.custom.<name> or tasks.<task id>.output.<path>`));
}

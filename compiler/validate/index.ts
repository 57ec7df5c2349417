/**
 * validate(): parse leniently, build the graph, run every rule, report every problem at once.
 */
import { analyse, buildGraph } from '../graph';
import type { Workflow } from '../model';
import type { Rule, RuleContext } from './context';
import { parse } from './parse';
import type { Problem } from './problem';
import { cycles, duplicateIds, reachability, routes } from './rules-graph';
import { prerequisites, retries, sources, timeouts, versions } from './rules-tasks';
import { conditions } from './rules-conditions';

export { PROBLEM_CODES, type Problem, type ProblemCode } from './problem';
export { parse } from './parse';
export { APPLICANT_TYPES } from './paths';
export { opsFor } from './rules-conditions';

const RULES: Rule[] = [duplicateIds, routes, reachability, cycles, prerequisites, retries, timeouts, versions, conditions, sources];

export interface Validation {
  valid: boolean;
  problems: Problem[];
  /** The typed workflow, when valid. */
  workflow?: Workflow;
  /** The analysed workflow, for the compiler (present when valid). */
  context?: RuleContext;
}

export function validate(input: unknown): Validation {
  const parsed = parse(input);
  const graph = buildGraph(parsed.raw, parsed.top.start ?? '');
  const ctx: RuleContext = { ...parsed, graph, an: analyse(graph) };
  const problems = [...parsed.problems, ...graph.problems, ...RULES.flatMap((rule) => rule(ctx))];
  if (problems.length > 0) return { valid: false, problems };
  const workflow = { ...parsed.top, tasks: [...parsed.tasks.values()] } as Workflow;
  return { valid: true, problems, workflow, context: ctx };
}

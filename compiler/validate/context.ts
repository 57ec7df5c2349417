/** What every rule sees: the parsed definition, its graph and the graph's analysis. */
import type { Analysis, TaskGraph } from '../graph';
import type { Task } from '../model';
import type { Parsed } from './parse';

export interface RuleContext extends Parsed {
  graph: TaskGraph;
  an: Analysis;
}

export type Rule = (ctx: RuleContext) => import('./problem').Problem[];

export const pathOf = (ctx: RuleContext, id: string, field: string) =>
  `tasks[${ctx.graph.tasks.get(id)?.index ?? '?'}]${field ? `.${field}` : ''}`;

export const typedTasks = (ctx: RuleContext): Task[] => [...ctx.tasks.values()];

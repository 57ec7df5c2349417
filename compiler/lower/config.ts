/** The configuration of a task: everything but its identity and routing. */
import type { Task } from '../model';

const NOT_CONFIG = new Set(['id', 'name', 'type', 'version', 'next', 'timeout_seconds']);
export const configOf = (task: Task): Record<string, unknown> =>
  Object.fromEntries(Object.entries(task).filter(([k]) => !NOT_CONFIG.has(k)));

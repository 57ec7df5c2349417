/** Helpers that write JSONata: expressions, literals, data paths and variable names. */
import { splitPath } from '../tasks/types';

export const expr = (body: string): string => `{% ${body} %}`;

/** A copy with object keys sorted at every depth: key order in a definition never changes the output. */
export function canonical<T>(value: T): T {
  if (Array.isArray(value)) return value.map(canonical) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])])) as T;
  }
  return value;
}

/** A JSON value as a JSONata literal (JSON is valid JSONata). */
export const lit = (value: unknown): string => JSON.stringify(canonical(value));

/** Copies a literal for an ASL field, turning any string that Step Functions would read as an
 *  expression (`{% ... %}`) into an expression that yields that very string. */
export function literal<T>(value: T): T {
  return escapeExpressions(canonical(value));
}
function escapeExpressions<T>(value: T): T {
  if (typeof value === 'string') return (/^\{%[\s\S]*%\}$/.test(value) ? expr(lit(value)) : value) as T;
  if (Array.isArray(value)) return value.map(escapeExpressions) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeExpressions(v)])) as T;
  }
  return value;
}

export const taskVar = (id: string) => `t_${id}`;
export const retryCounter = (id: string) => `r_${id}`;
export const retryReason = (id: string) => `q_${id}`;
export const END_VAR = 'end';

export const EXECUTION_INPUT = '$states.context.Execution.Input';
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
const segment = (s: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !RESERVED.has(s) ? s : `\`${s}\``);

/** `input.custom.x` → `$states.context.Execution.Input.custom.x`; `tasks.a.output.b[0]` → `$t_a.b[0]`. */
export function pathExpr(path: string): string {
  const [root, second, third, ...rest] = splitPath(path);
  let head: string;
  let tail: string[];
  if (root === 'input') { head = EXECUTION_INPUT; tail = [second!, third!, ...rest]; }
  else { head = `$${taskVar(second!)}`; tail = rest; }
  return head + tail.map((s) => (s.startsWith('[') ? s : `.${segment(s)}`)).join('');
}

/** A JSONata object constructor from [key, expression] pairs. */
export const objectExpr = (entries: ReadonlyArray<[string, string]>): string =>
  `{${entries.map(([k, v]) => `${lit(k)}: ${v}`).join(', ')}}`;

/** Entries of a user-keyed map in a stable order. */
export const sortedEntries = <V>(record: Record<string, V> | undefined): Array<[string, V]> =>
  Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

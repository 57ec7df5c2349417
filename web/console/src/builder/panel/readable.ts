/**
 * The parts of a draft the panel cannot edit. The builder opens any definition of the shape of a
 * draft (shape.ts: the tasks and the routes the canvas draws), so every other field may hold any
 * JSON the API stored: a condition with a misspelt key, `output` that is a string, a Send
 * property that is a number. A part is editable when its editor can show all of it and change it
 * without losing any of it; else its editor shows it as not editable here (NotEditable.tsx), names
 * it and points to the code view, and the rest of the task stays editable. Each part is named by
 * its path in the task (`branches[0].when.all[1]`) or in the workflow (`input.custom.age`), with
 * what it should be (`Expected`, en_US `notEditable.expected`).
 */
import { APPLICANT_FIELDS } from '../../../../../compiler';
import { fieldsOf } from './schema';

export type Expected =
  | 'condition' | 'list' | 'textList' | 'map' | 'textMap' | 'object' | 'text' | 'number' | 'boolean' | 'route' | 'branch'
  | 'parallelBranch' | 'documents' | 'applicant' | 'sendProperty' | 'receiveProperty' | 'customInput' | 'outputProperty' | 'branding';
/** Path (in the task, or in the workflow) → what the part there should be. */
export type Parts = ReadonlyMap<string, Expected>;

type Obj = Record<string, unknown>;
export const isRecord = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const opt = (test: (v: unknown) => boolean) => (v: unknown) => v === undefined || test(v);
const optText = opt(isText);
const optBool = opt((v) => typeof v === 'boolean');
const isRoute = (v: unknown) => v === null || isText(v);
const isTextList = (v: unknown) => Array.isArray(v) && v.every(isText);
const keysIn = (o: Obj, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

export const DOCUMENT_TYPES = ['passport', 'national_identity_card', 'driving_licence', 'residence_permit'] as const;
const isDocument = (d: unknown) => isRecord(d) && keysIn(d, ['type', 'countries'])
  && (DOCUMENT_TYPES as readonly unknown[]).includes(d.type) && opt(isTextList)(d.countries);

// Conditions: a comparison, or a group (exactly one of all / any, a list, or not of a condition).
const isPrimitive = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
const isValue = (v: unknown) => v === undefined || v === null || isPrimitive(v) || (Array.isArray(v) && v.every(isPrimitive))
  || (isRecord(v) && ((keysIn(v, ['path']) && isText(v.path)) || (keysIn(v, ['relative']) && isText(v.relative))));
const isComparisonShape = (c: unknown): boolean =>
  isRecord(c) && keysIn(c, ['path', 'op', 'value']) && isText(c.path) && isText(c.op) && isValue(c.value);
function isConditionShape(c: unknown): boolean {
  if (isComparisonShape(c)) return true;
  if (!isRecord(c) || Object.keys(c).length !== 1) return false;
  return 'not' in c ? isConditionShape(c.not) : Array.isArray(c.all ?? c.any);
}

/** A condition's items as the group editor lists them (conditions.ts `toGroup`), with their paths: a comparison alone is its own item. */
export function conditionItems(c: Obj, path: string): Array<{ item: unknown; path: string }> {
  if (isRecord(c.not)) return conditionItems(c.not, `${path}.not`);
  for (const key of ['all', 'any'] as const) {
    const list = c[key];
    if (Array.isArray(list)) return list.map((item, i) => ({ item, path: `${path}.${key}[${i}]` }));
  }
  return [{ item: c, path }];
}

/** A condition the editor cannot draw is one part; in a group it can draw, each item is judged on its own. */
function condition(c: unknown, path: string, out: Map<string, Expected>): void {
  if (!isConditionShape(c)) out.set(path, 'condition');
  else if (!isComparisonShape(c)) for (const x of conditionItems(c as Obj, path)) condition(x.item, x.path, out);
}

const check = (out: Map<string, Expected>, path: string, ok: boolean, expected: Expected) => { if (!ok) out.set(path, expected); return ok; };
const propertyOk = (keys: readonly string[], typeKey: string) => (p: unknown) => isRecord(p) && keysIn(p, keys) && isText(p[typeKey])
  && optText(p.source) && optText(p.semantic) && optBool(p.required) && optText(p.description);
/** A map of named properties (`send`, `input.custom`, `output`): the map, then each property. */
function properties(out: Map<string, Expected>, path: string, v: unknown, ok: (p: unknown) => boolean, expected: Expected) {
  if (v === undefined || !check(out, path, isRecord(v), 'map')) return;
  for (const [k, p] of Object.entries(v as Obj)) check(out, `${path}.${k}`, ok(p), expected);
}

const FIELD_OK = { enum: isText, boolean: (v: unknown) => typeof v === 'boolean', integer: (v: unknown) => typeof v === 'number', string: isText, list: isTextList, set: Array.isArray };
const FIELD_EXPECTED = { enum: 'text', boolean: 'boolean', integer: 'number', string: 'text', list: 'textList', set: 'list' } as const;

/** The parts of a task its editors cannot edit (none: an empty map). */
export function taskParts(task: Obj): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const type = String(task.type);
  check(out, 'name', optText(task.name), 'text');
  for (const key of ['next', 'else', 'limit_reached'] as const) if (key in task) check(out, key, isRoute(task[key]), 'route');
  if (type === 'retry') check(out, 'target', isText(task.target), 'text');
  for (const f of fieldsOf(type)) if (task[f.key] !== undefined) check(out, f.key, FIELD_OK[f.kind](task[f.key]), FIELD_EXPECTED[f.kind]);
  if (type === 'document_capture') check(out, 'documents', opt((d) => Array.isArray(d) && d.every(isDocument))(task.documents), 'documents');
  if (type === 'result') check(out, 'output', opt((o) => isRecord(o) && Object.values(o).every(isText))(task.output), 'textMap');
  if (type === 'send_receive') {
    properties(out, 'send', task.send, propertyOk(['format', 'source', 'semantic'], 'format'), 'sendProperty');
    properties(out, 'receive', task.receive, propertyOk(['format', 'required', 'semantic'], 'format'), 'receiveProperty');
  }
  if ((type === 'logic' || type === 'parallel') && check(out, 'branches', Array.isArray(task.branches), 'list')) {
    (task.branches as unknown[]).forEach((b, i) => {
      const at = `branches[${i}]`;
      if (type === 'parallel') { check(out, at, isRecord(b) && keysIn(b, ['start']) && isText(b.start), 'parallelBranch'); return; }
      if (!check(out, at, isRecord(b) && keysIn(b, ['name', 'when', 'next']), 'branch')) return;
      const branch = b as Obj;
      check(out, `${at}.name`, optText(branch.name), 'text');
      check(out, `${at}.next`, isRoute(branch.next), 'route');
      condition(branch.when, `${at}.when`, out);
    });
  }
  return out;
}

/** The parts of the workflow settings (Start) their editors cannot edit. */
export function workflowParts(draft: Obj): Map<string, Expected> {
  const out = new Map<string, Expected>();
  check(out, 'name', isText(draft.name), 'text');
  check(out, 'description', optText(draft.description), 'text');
  const { input, settings } = draft;
  if (input !== undefined && check(out, 'input', isRecord(input), 'object')) {
    const { applicant } = input as Obj;
    check(out, 'input.applicant', applicant === undefined || applicant === 'all'
      || (Array.isArray(applicant) && applicant.every((f) => (APPLICANT_FIELDS as readonly unknown[]).includes(f))), 'applicant');
    properties(out, 'input.custom', (input as Obj).custom, propertyOk(['type', 'required', 'semantic'], 'type'), 'customInput');
  }
  properties(out, 'output', draft.output, propertyOk(['format', 'description'], 'format'), 'outputProperty');
  if (settings !== undefined && check(out, 'settings', isRecord(settings), 'object')) {
    const s = settings as Obj;
    check(out, 'settings.welcome', optBool(s.welcome), 'boolean');
    check(out, 'settings.generic_link', optBool(s.generic_link), 'boolean');
    check(out, 'settings.branding', opt((b) => isRecord(b) && keysIn(b, ['logo_url', 'primary_colour']) && optText(b.logo_url) && optText(b.primary_colour))(s.branding), 'branding');
  }
  return out;
}

const covers = (a: string, b: string) => a === b || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);

/**
 * The parts of the draft the panel cannot edit that no problem of `problems` names yet (one of
 * their paths within the other's): Problems lists these too. A wrong type breaks the schema, so
 * the validator names nearly all of them already.
 */
export function unlisted(draft: Obj, problems: ReadonlyArray<{ task: string | null; path: string }>): Array<{ task: string | null; path: string; expected: Expected }> {
  const tasks = Array.isArray(draft.tasks) ? draft.tasks as unknown[] : [];
  const parts = [
    ...[...workflowParts(draft)].map(([path, expected]) => ({ task: null, path, expected })),
    ...tasks.flatMap((t, i) => (isRecord(t) ? [...taskParts(t)].map(([p, expected]) => ({ task: String(t.id), path: `tasks[${i}].${p}`, expected })) : [])),
  ];
  return parts.filter((x) => !problems.some((p) => p.task === x.task && (covers(p.path, x.path) || covers(x.path, p.path))));
}

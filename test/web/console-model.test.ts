/** The builder's pure edits: where "Add task after" puts a task, deletion, and how conditions are saved. */
import { findTemplate, validate } from '../../compiler';
import { addAfter, blankDraft, connect, edgeRoute, insertOn, removeTask, START, type Draft, type NewTask } from '../../web/console/src/builder/model';
import { flatten, fromGroup, misfit, moveItem, parseValue, relativeParts, toGroup, unflatten, valueForOp, valueKind, valueText } from '../../web/console/src/builder/panel/conditions';
import { push, redo, start, undo } from '../../web/console/src/builder/history';
import { compareCanvas, diffDefinitions, jsonDiff } from '../../web/console/src/builder/diff';
import { drawRoute } from '../../web/console/src/builder/trial';
import { allCountries, searchCountries } from '../../web/console/src/builder/panel/country-list';
import { opsFor } from '../../compiler';

const add = (d: Draft, anchor: string, spec: NewTask) => {
  const r = addAfter(d, anchor, spec);
  if (!r) throw new Error(`no open route after ${anchor}`);
  return r;
};

test('adding after Start and after a task inserts on the route; what followed follows the new task', () => {
  let d = add(blankDraft('W'), START, { type: 'document_capture' }).draft;
  d = add(d, START, { type: 'face_capture_photo' }).draft;
  expect(d.start).toBe('face_capture_photo');
  expect(d.tasks.find((t) => t.id === 'face_capture_photo')).toMatchObject({ next: 'document_capture' });
  const r = add(d, 'face_capture_photo', { type: 'document_capture' });
  expect(r.id).toBe('document_capture_2');
  expect(r.draft.tasks.find((t) => t.id === 'document_capture_2')).toMatchObject({ next: 'document_capture' });
});

test('after a logic task, open branches fill in order, then else; a full logic task and a result have no open route', () => {
  let d = add(blankDraft('W'), START, { type: 'logic' }).draft;
  d = { ...d, tasks: d.tasks.map((t) => (t.type === 'logic' ? { ...t, branches: [...t.branches, { when: { all: [] }, next: null }] } : t)) };
  for (const outcome of ['approve', 'decline', 'review'] as const) d = add(d, 'logic', { type: 'result', outcome }).draft;
  expect(d.tasks.find((t) => t.id === 'logic')).toMatchObject({ branches: [{ next: 'approve' }, { next: 'decline' }], else: 'review' });
  expect(addAfter(d, 'logic', { type: 'autofill' })).toBeUndefined();
  expect(addAfter(d, 'approve', { type: 'autofill' })).toBeUndefined();
});

test('removing a task reconnects its predecessors to what followed it', () => {
  let d = add(blankDraft('W'), START, { type: 'result', outcome: 'approve' }).draft;
  d = add(d, START, { type: 'document_capture' }).draft;
  d = add(d, 'document_capture', { type: 'face_capture_photo' }).draft;
  const removed = removeTask(d, 'face_capture_photo');
  expect(removed.tasks.find((t) => t.id === 'document_capture')).toMatchObject({ next: 'approve' });
  expect(validate(removed).problems).toEqual([]);
  expect(removeTask(removed, 'document_capture').start).toBe('approve');
});

test('one comparison is saved bare, several in a group; typed values become numbers, booleans and relative dates', () => {
  const a = { path: 'input.custom.age', op: 'gte' as const, value: 18 };
  const b = { path: 'input.applicant.dob', op: 'before' as const, value: { relative: '-P18Y' } };
  expect(unflatten('all', [a])).toEqual(a);
  expect(unflatten('any', [a, b])).toEqual({ any: [a, b] });
  expect(flatten({ any: [a, b] })).toEqual({ mode: 'any', list: [a, b] });
  expect(flatten({ not: a })).toEqual({ nested: { not: a } });
  const [num, bool, date, str, unknown] = [{ kind: 'number' }, { kind: 'boolean' }, { kind: 'date' }, { kind: 'string' }, { kind: 'unknown' }] as const;
  expect([parseValue('18', num, 'gte'), parseValue('true', bool, 'eq'), parseValue('-P18Y', date, 'before'), parseValue('-P18Y', str, 'eq')])
    .toEqual([18, true, { relative: '-P18Y' }, '-P18Y']);
  expect([parseValue('18', unknown, 'eq'), parseValue('true', undefined, 'eq')]).toEqual([18, true]);
});

// Each fails with the old parseValue(text, dateLike): lists stayed one string, "02139" became 2139.
test('a value is read by its path\'s type and op: lists for in / not_in, strings stay strings, a path of unknown type keeps its type', () => {
  const [num, str, enumType, unknown] = [{ kind: 'number' }, { kind: 'string' }, { kind: 'string', values: ['low', 'medium', 'high'] }, { kind: 'unknown' }] as const;
  expect(parseValue('02139', str, 'eq')).toBe('02139');
  expect(parseValue('true', str, 'eq')).toBe('true');
  expect(parseValue(' 1.5 ', num, 'gt')).toBe(1.5);
  expect(parseValue('lots', num, 'gt')).toBe('lots');
  expect(parseValue('low, medium', enumType, 'in')).toEqual(['low', 'medium']);
  expect(parseValue('low, ', enumType, 'not_in')).toEqual(['low']);
  expect(parseValue('1, 2,3', num, 'in')).toEqual([1, 2, 3]);
  expect(parseValue('1, 2', str, 'in')).toEqual(['1', '2']);
  expect(parseValue('"Smith, J", Doe, "say ""hi"""', str, 'in')).toEqual(['Smith, J', 'Doe', 'say "hi"']);
  expect(parseValue('', str, 'in')).toEqual([]);
  // Unknown type: the type the value had before the edit; a new value is guessed.
  expect(parseValue('02140', unknown, 'eq', '02139')).toBe('02140');
  expect(parseValue('19', unknown, 'eq', 18)).toBe(19);
  expect(parseValue('19', unknown, 'eq', '')).toBe(19);
  expect(parseValue('7, 8', unknown, 'in', ['1', '2'])).toEqual(['7', '8']);
  expect(misfit('lots', num, 'gt')).toBe('number');
  expect(misfit('1, x', num, 'in')).toBe('number');
  expect(misfit('12', num, 'gt')).toBeUndefined();
  expect(misfit('x', str, 'eq')).toBeUndefined();
});

test('every stored value form round-trips through its text; changing the op wraps or unwraps a single value and keeps the others', () => {
  const str = { kind: 'string' } as const;
  for (const v of [['low', 'medium'], ['Smith, J', ' padded ', '', 'say "hi"'], ['02139']]) {
    expect(parseValue(valueText(v), str, 'in', v)).toEqual(v);
  }
  expect(parseValue(valueText([1, 2.5]), { kind: 'number' }, 'in')).toEqual([1, 2.5]);
  expect(parseValue(valueText([true, 'x', 3]), { kind: 'unknown' }, 'in', [true, 'x', 3])).toEqual([true, 'x', 3]);
  expect(valueText({ path: 'input.custom.limit' })).toBe('input.custom.limit');
  expect(valueText({ relative: '-P18Y' })).toBe('-P18Y');
  expect(parseValue('-P21Y', { kind: 'unknown' }, 'before', { relative: '-P18Y' })).toEqual({ relative: '-P21Y' });
  expect([valueKind({ path: 'input.custom.a' }), valueKind({ relative: 'P1D' }), valueKind(['a']), valueKind(null)]).toEqual(['path', 'relative', 'value', 'value']);
  expect(valueForOp('low', 'in')).toEqual(['low']);
  expect(valueForOp('', 'not_in')).toEqual([]);
  expect(valueForOp(['low'], 'eq')).toBe('low');
  expect(valueForOp(['low', 'medium'], 'eq')).toEqual(['low', 'medium']);
  expect(valueForOp(['low', 'medium'], 'not_in')).toEqual(['low', 'medium']);
  expect(valueForOp({ path: 'input.custom.a' }, 'in')).toEqual({ path: 'input.custom.a' });
  expect(valueForOp({ relative: '-P18Y' }, 'after')).toEqual({ relative: '-P18Y' });
  expect(valueForOp(null, 'eq')).toBeNull();
  expect(valueForOp(undefined, 'eq')).toBe('');
  expect(valueForOp(2139, 'neq')).toBe(2139);
});

test('undo and redo walk the history; a new edit drops the redo steps', () => {
  let h = undo(undo(push(push(start(1), 2), 3)));
  expect(h.present).toBe(1);
  h = redo(h);
  expect(h.present).toBe(2);
  h = redo(push(h, 4));
  expect([h.present, h.future, h.past]).toEqual([4, [], [1, 2]]);
  expect(undo(start(1))).toEqual(start(1));
});

test('comparing two definitions names tasks added, removed and changed, field by field', () => {
  const before = add(add(blankDraft('W'), START, { type: 'result', outcome: 'approve' }).draft, START, { type: 'document_capture' }).draft;
  const after = {
    ...before, description: 'Now with a selfie',
    tasks: [...before.tasks.filter((t) => t.id !== 'approve').map((t) => (t.id === 'document_capture' ? { ...t, name: 'Capture document' } : t)),
      { id: 'review', type: 'result' as const, outcome: 'review' as const }],
  };
  const diff = diffDefinitions(before, after);
  expect(diff.added.map((c) => [c.id, c.label])).toEqual([['review', 'Review applicant']]);
  expect(diff.removed.map((c) => [c.id, c.label])).toEqual([['approve', 'Approve applicant']]);
  expect(diff.changed).toEqual([{ id: 'document_capture', label: 'Capture document', fields: [{ field: 'name', before: '—', after: '"Capture document"' }] }]);
  expect(diff.workflow).toEqual([{ field: 'description', before: '—', after: '"Now with a selfie"' }]);
  expect(diffDefinitions(after, after)).toEqual({ added: [], removed: [], changed: [], workflow: [] });
});

test('a task inserted on an edge leads where the edge led; connect reconnects a route; parallel branch starts are routes', () => {
  const template = findTemplate('document_selfie_photo')?.definition as Draft;
  const r = insertOn(template, 'decide', 'b1', { type: 'watchlist_report' });
  expect(r?.draft.tasks.find((t) => t.id === 'decide')).toMatchObject({ branches: [{ next: 'approve' }, { next: 'watchlist_report' }] });
  expect(r?.draft.tasks.find((t) => t.id === 'watchlist_report')).toMatchObject({ next: 'decline_face' });
  expect(insertOn(template, START, 'start', { type: 'autofill' })?.draft).toMatchObject({ start: 'autofill', tasks: expect.arrayContaining([expect.objectContaining({ id: 'autofill', next: 'document' })]) });
  expect(connect(template, 'selfie', 'next', 'facial_similarity').tasks.find((t) => t.id === 'selfie')).toMatchObject({ next: 'facial_similarity' });
  expect(connect(template, 'selfie', 'next', 'selfie')).toBe(template);
  expect(edgeRoute('decide:b1')).toEqual({ source: 'decide', key: 'b1' });
  expect(edgeRoute(`${START}->document`)).toEqual({ source: START, key: 'start' });
  const par: Draft = { name: 'P', start: 'p', tasks: [{ id: 'p', type: 'parallel', branches: [{ start: 'a' }, { start: 'b' }], next: null },
    { id: 'a', type: 'watchlist_report', next: null }, { id: 'b', type: 'identity_report', next: null }] };
  expect(connect(par, 'p', 'p1', 'a').tasks[0]).toMatchObject({ branches: [{ start: 'a' }, { start: 'a' }], next: null });
});

test('condition groups: NOT wraps all/any, one comparison is saved bare, a nested group is kept, items move', () => {
  const a = { path: 'input.applicant.first_name', op: 'exists' } as const;
  const b = { path: 'input.applicant.last_name', op: 'exists' } as const;
  expect(toGroup({ not: { any: [a, b] } })).toEqual({ mode: 'none', items: [a, b] });
  expect(toGroup({ not: a })).toEqual({ mode: 'not_all', items: [a] });
  expect(fromGroup({ mode: 'none', items: [a, b] })).toEqual({ not: { any: [a, b] } });
  expect(fromGroup({ mode: 'not_all', items: [a] })).toEqual({ not: a });
  expect(fromGroup({ mode: 'all', items: [a] })).toEqual(a);
  expect(fromGroup({ mode: 'all', items: [{ all: [] }] })).toEqual({ all: [{ all: [] }] });
  expect(fromGroup(toGroup({ any: [a, { not: { all: [a, b] } }] }))).toEqual({ any: [a, { not: { all: [a, b] } }] });
  expect(moveItem([1, 2, 3], 2, 0)).toEqual([3, 1, 2]);
  expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
});

test('a group of one comparison keeps its any / none mode', () => {
  const a = { path: 'input.applicant.first_name', op: 'exists' } as const;
  for (const mode of ['all', 'any', 'not_all', 'none'] as const) expect(toGroup(fromGroup({ mode, items: [a] }))).toEqual({ mode, items: [a] });
});

test('the JSON diff keeps common lines and marks removed and added ones; the compare canvas keeps removed tasks, marked', () => {
  expect(jsonDiff({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 })).toEqual([
    { kind: 'same', text: '{' }, { kind: 'same', text: '  "a": 1,' }, { kind: 'removed', text: '  "b": 2' },
    { kind: 'added', text: '  "b": 3,' }, { kind: 'added', text: '  "c": 4' }, { kind: 'same', text: '}' },
  ]);
  const before = findTemplate('document_selfie_photo')?.definition as Draft;
  const after = removeTask({ ...before, tasks: before.tasks.map((t) => (t.id === 'approve' ? { ...t, name: 'OK' } : t)) }, 'selfie');
  const { draft, marks } = compareCanvas(before, after, diffDefinitions(before, after));
  expect(draft.tasks.map((t) => t.id)).toContain('selfie');
  expect(marks.get('selfie')).toBe('removed');
  expect(marks.get('approve')).toBe('changed');
  expect(marks.get('document')).toBe('changed');
});

test('a trial route is drawn as visited nodes and the edge to the target entered next (every branch of a parallel split; a retry loop twice)', () => {
  const e = (source: string, key: string, target: string, kind = 'next') => ({ id: `${source}:${key}`, source, target, kind });
  const edges = [
    { id: `${START}->split`, source: START, target: 'split', kind: 'next' },
    e('split', 'p0', 'a', 'split'), e('split', 'p1', 'b', 'split'), e('split', 'next', 'retry'),
    e('retry', 'retry', 'split', 'retry'), e('retry', 'limit', 'review', 'limit'),
    e('a', 'next', 'x'), e('review', 'next', 'x'),
  ];
  const drawnRoute = drawRoute(['split', 'a', 'b', 'retry', 'split', 'b', 'a', 'retry', 'review'], edges);
  expect([...drawnRoute.taken].sort()).toEqual([`${START}->split`, 'retry:limit', 'retry:retry', 'split:next', 'split:p0', 'split:p1']);
  expect([...drawnRoute.marks.keys()].sort()).toEqual([START, 'a', 'b', 'retry', 'review', 'split'].sort());
  expect(drawRoute([], edges)).toEqual({ marks: new Map(), taken: new Set() });
});

test('the condition editor offers the operators that fit the path type, as the validator judges them', () => {
  const none = ['exists', 'not_exists', 'is_empty', 'is_not_empty'];
  expect(opsFor({ kind: 'boolean' })).toEqual(['eq', 'neq', ...none]);
  expect(opsFor({ kind: 'number' })).toEqual(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', ...none]);
  expect(opsFor({ kind: 'string', values: ['clear', 'consider'] })).toEqual(['eq', 'neq', 'in', 'not_in', 'contains', 'not_contains', ...none]);
  expect(opsFor({ kind: 'date' })).toEqual(['eq', 'neq', ...none, 'before', 'after']);
  expect(opsFor({ kind: 'object', fields: {} })).toEqual(none);
  expect(opsFor(undefined)).toHaveLength(16);
  // Every offered op passes the validator's type check on a number path, and one not offered fails it.
  const def = (op: string) => ({ name: 'W', input: { custom: { score: { type: 'number' } } }, start: 'l', tasks: [
    { id: 'l', type: 'logic', branches: [{ name: 'B', when: { path: 'input.custom.score', op, ...(none.includes(op) ? {} : { value: op.endsWith('in') ? [1] : 1 }) }, next: 'a' }], else: 'a' },
    { id: 'a', type: 'result', outcome: 'approve' }] });
  for (const op of opsFor({ kind: 'number' })) expect(validate(def(op)).problems).toEqual([]);
  expect(validate(def('before')).problems.map((p) => p.code)).toContain('op_type_mismatch');
  expect(relativeParts('-P18Y')).toEqual({ past: true, parts: [{ unit: 'year', count: 18 }] });
  expect(relativeParts('P1M2D')).toEqual({ past: false, parts: [{ unit: 'month', count: 1 }, { unit: 'day', count: 2 }] });
  expect(relativeParts('PT3H')).toBeUndefined();
});

test('countries are named in en_US and found by a word of their name or their code', () => {
  const list = allCountries();
  expect(list.length).toBeGreaterThan(240);
  expect(list.find((c) => c.code === 'GBR')?.name).toBe('United Kingdom');
  expect(searchCountries(list, 'kingdom').map((c) => c.code)).toEqual(['GBR']);
  expect(searchCountries(list, 'fra')[0]).toEqual({ code: 'FRA', name: 'France' });
  expect(searchCountries(list, 'deu')).toEqual([{ code: 'DEU', name: 'Germany' }]);
  expect(searchCountries(list, 'cote')[0]?.code).toBe('CIV');
  expect(searchCountries(list, '  ')).toEqual([]);
  expect(searchCountries(list, 'a')).toHaveLength(8);
});

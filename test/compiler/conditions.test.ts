/** The compiled JSONata of conditions, evaluated with the jsonata package (the version AWS runs). */
import jsonata from 'jsonata';
import type { Condition } from '../../compiler';
import { conditionExpr, relativeMillis } from '../../compiler/lower/conditions';

const NOW = '2026-11-25T12:00:00.000Z';
async function evaluate(c: Condition, data: { applicant?: object; custom?: object; tasks?: Record<string, unknown> } = {}) {
  const e = jsonata(conditionExpr(c));
  e.registerFunction('now', () => NOW, '<:s>');
  const bindings: Record<string, unknown> = { states: { context: { Execution: { Input: { applicant: data.applicant ?? {}, custom: data.custom ?? {} } } } } };
  for (const [id, out] of Object.entries(data.tasks ?? {})) bindings[`t_${id}`] = out;
  return e.evaluate({}, bindings);
}
const custom = (path: string) => `input.custom.${path}`;

describe('compiled conditions', () => {
  it.each([
    [{ path: custom('x'), op: 'eq', value: 'a' }, { x: 'a' }, true],
    [{ path: custom('x'), op: 'eq', value: 'a' }, {}, false],
    [{ path: custom('x'), op: 'neq', value: 'a' }, { x: 'b' }, true],
    [{ path: custom('x'), op: 'neq', value: 'a' }, {}, true],
    [{ path: custom('n'), op: 'gt', value: 5 }, { n: 6 }, true],
    [{ path: custom('n'), op: 'gt', value: 5 }, { n: '6' }, false],
    [{ path: custom('n'), op: 'gte', value: 5 }, { n: 5 }, true],
    [{ path: custom('n'), op: 'lt', value: 5 }, {}, false],
    [{ path: custom('n'), op: 'lte', value: 5 }, { n: 5 }, true],
    [{ path: custom('x'), op: 'in', value: ['a', 'b'] }, { x: 'b' }, true],
    [{ path: custom('x'), op: 'not_in', value: ['a', 'b'] }, { x: 'c' }, true],
    [{ path: custom('l'), op: 'contains', value: 'loan' }, { l: ['card', 'loan'] }, true],
    [{ path: custom('l'), op: 'contains', value: 'lo' }, { l: ['loan'] }, false],
    [{ path: custom('l'), op: 'contains', value: 'loan' }, { l: [] }, false],
    [{ path: custom('s'), op: 'contains', value: 'ell' }, { s: 'hello' }, true],
    [{ path: custom('l'), op: 'not_contains', value: 'loan' }, { l: ['card'] }, true],
    [{ path: custom('x'), op: 'exists' }, { x: 0 }, true],
    [{ path: custom('x'), op: 'exists' }, { x: null }, false],
    [{ path: custom('x'), op: 'not_exists' }, {}, true],
    [{ path: custom('l'), op: 'is_empty' }, { l: [] }, true],
    [{ path: custom('l'), op: 'is_empty' }, { l: [{ id: 'm1' }] }, false],
    [{ path: custom('s'), op: 'is_empty' }, { s: '' }, true],
    [{ path: custom('s'), op: 'is_not_empty' }, { s: 'x' }, true],
    [{ path: custom('d'), op: 'before', value: '2000-01-01' }, { d: '1999-12-31' }, true],
    [{ path: custom('d'), op: 'after', value: '2000-01-01' }, { d: '1999-12-31' }, false],
    [{ path: custom('d'), op: 'before', value: '2000-01-01' }, { d: 'not a date' }, false],
    [{ path: custom('d'), op: 'after', value: { path: custom('e') } }, { d: '2020-01-02T00:00:00Z', e: '2020-01-01' }, true],
    [{ path: custom('n'), op: 'gt', value: { path: custom('m') } }, { n: 3, m: 2 }, true],
    // A literal that is not a number (the validator refuses it) compares false: JSONata would raise on `30 >= "18"`.
    [{ path: custom('n'), op: 'gte', value: '18' }, { n: 30 }, false],
    [{ path: custom('n'), op: 'lt', value: true }, { n: 3 }, false],
  ] as Array<[Condition, object, boolean]>)('%j on %j is %s', async (c, data, expected) => {
    expect(await evaluate(c, { custom: data })).toBe(expected);
  });

  it('is 18 years old exactly on the 18th birthday, calendar-correct', async () => {
    const adult: Condition = { path: 'input.applicant.dob', op: 'before', value: { relative: '-P18Y' } };
    expect(await evaluate(adult, { applicant: { dob: '2008-11-24' } })).toBe(true);
    expect(await evaluate(adult, { applicant: { dob: '2008-11-25T12:00:01Z' } })).toBe(false);
    expect(await evaluate(adult, { applicant: { dob: '2008-11-26' } })).toBe(false);
  });

  it('moves the calendar for months and years, clamping to the month end', async () => {
    const at = async (now: string, d: string) => {
      const e = jsonata(relativeMillis(d));
      e.registerFunction('now', () => now, '<:s>');
      return new Date(await e.evaluate({})).toISOString();
    };
    expect(await at('2024-02-29T10:00:00.000Z', '-P18Y')).toBe('2006-02-28T10:00:00.000Z');
    expect(await at('2026-03-31T00:00:00.000Z', '-P1M')).toBe('2026-02-28T00:00:00.000Z');
    expect(await at('2026-12-15T05:00:00.000Z', 'P1M')).toBe('2027-01-15T05:00:00.000Z');
    expect(await at('2026-01-15T00:00:00.000Z', '-P1Y2M3DT4H')).toBe('2024-11-11T20:00:00.000Z');
    expect(await at('2026-11-25T19:00:00.000Z', 'P2W')).toBe('2026-12-09T19:00:00.000Z');
  });

  it('combines with all, any and not, always yielding a boolean', async () => {
    const c: Condition = { all: [
      { path: custom('a'), op: 'eq', value: 1 },
      { any: [{ path: custom('b'), op: 'exists' }, { not: { path: custom('c'), op: 'gt', value: 3 } }] },
    ] };
    expect(await evaluate(c, { custom: { a: 1, c: 1 } })).toBe(true);
    expect(await evaluate(c, { custom: { a: 1, c: 9 } })).toBe(false);
    expect(await evaluate(c, { custom: {} })).toBe(false);
  });

  it('reads task outputs, with array indexes', async () => {
    const c: Condition = { path: 'tasks.doc.output[0].issuing_country', op: 'eq', value: 'GBR' };
    expect(await evaluate(c, { tasks: { doc: [{ id: 'd1', issuing_country: 'GBR' }] } })).toBe(true);
    expect(await evaluate({ path: 'tasks.motion.output', op: 'is_empty' }, { tasks: { motion: [] } })).toBe(true);
  });
});

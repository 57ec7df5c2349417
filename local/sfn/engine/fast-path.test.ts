import jsonata from 'jsonata';
import { evalExpression, evalTemplate, evalTemplateSync, NOT_SYNC, type JsonataScope } from './asl/jsonata';
import { systemRandomness } from './asl/randomness';

/** The JSONata-free paths must give exactly what JSONata gives. */
function scopeOf(vars: Record<string, unknown>, input: unknown): JsonataScope {
  const states = { input };
  return { vars, states, stateField: (k) => (states as Record<string, unknown>)[k], prefix: '', rng: systemRandomness };
}

describe('fast expression paths', () => {
  const exprs = ['$n > 100', '$n >= 1', '$n = 1', '$n != 1', '$n < -1.5', '$n<=2e1', '$a.b.c > 2', '$n', '$a.b', '$a.b.c', '$states.input.x', '$states.input'];
  const values: unknown[] = [0, 1, 1.5, 100, 101, -2, 20, 'x', null, true, { c: 3 }];
  for (const expr of exprs) {
    it(expr, async () => {
      for (const n of values) {
        const vars = { n, a: { b: n } };
        const input = { x: n };
        const sc = scopeOf(vars, input);
        let want: unknown, wantErr: unknown;
        try { want = await jsonata(expr).evaluate(null, { ...vars, states: { input } }); } catch (e) { wantErr = e; }
        let got: unknown, gotErr: unknown;
        try { got = await evalExpression(expr, sc, 'f'); } catch (e) { gotErr = e; }
        expect([expr, n, gotErr === undefined]).toEqual([expr, n, wantErr === undefined]);
        if (wantErr === undefined) expect([expr, n, got]).toEqual([expr, n, want]);
      }
    });
  }

  it('templates: synchronous when every expression is simple, same result as the general path', async () => {
    const sc = scopeOf({ n: 2, o: { p: [1, 2] } }, { x: 'y' });
    const tpl = { a: '{% $n %}', b: ['{% $states.input.x %}', 'lit', 3], c: { d: '{% $n > 1 %}' } };
    const sync = evalTemplateSync(tpl, sc);
    expect(sync).toEqual({ a: 2, b: ['y', 'lit', 3], c: { d: true } });
    expect(await evalTemplate(tpl, sc, 'Output')).toEqual(sync);
    // Arrays (sequence semantics) and missing values go to JSONata.
    expect(evalTemplateSync({ a: '{% $o.p %}' }, sc)).toBe(NOT_SYNC);
    expect(evalTemplateSync({ a: '{% $missing %}' }, sc)).toBe(NOT_SYNC);
    expect(await evalTemplate({ a: '{% $o.p %}' }, sc, 'Output')).toEqual({ a: [1, 2] });
  });
});

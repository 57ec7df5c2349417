import { compile, LOCAL_CONTEXT, TEMPLATES } from '../../compiler';
import { jsonFiles, readJson } from '../helpers/fixtures';

const definitions = [...TEMPLATES.map((t) => t.definition), ...jsonFiles('valid').map((f) => readJson(f.path))];
const json = (d: unknown) => { const r = compile(d, LOCAL_CONTEXT); if (!r.ok) throw new Error('invalid'); return r.json; };

describe('deterministic output', () => {
  it.each(definitions.map((d, i) => [i, d]))('definition %i compiles to byte-identical ASL every time', (_i, d) => {
    const first = json(d);
    expect(json(structuredClone(d))).toBe(first);
    expect(json(JSON.parse(JSON.stringify(d)))).toBe(first);
  });

  it('key order inside tasks does not change the output', () => {
    const reorder = (v: unknown): unknown => Array.isArray(v) ? v.map(reorder)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v;
    for (const d of definitions) expect(json(reorder(d))).toBe(json(d));
  });

  it('does not modify its input', () => {
    for (const d of definitions) { const copy = structuredClone(d); json(d); expect(d).toEqual(copy); }
  });
});

import { compile, LOCAL_CONTEXT, PROBLEM_CODES, validate } from '../../compiler';
import { jsonFiles, readJson } from '../helpers/fixtures';

interface InvalidFixture { expect: Array<{ code: string; task: string | null }>; definition?: unknown; definition_text?: string }
const fixtures = jsonFiles('invalid').map((f) => ({ name: f.name, ...readJson<InvalidFixture>(f.path) }));
const key = (p: { code: string; task: string | null }) => `${p.code} ${p.task ?? '-'}`;

describe('invalid workflows', () => {
  it.each(fixtures)('$name gets exactly its expected problems', (fx) => {
    const result = compile(fx.definition_text ?? fx.definition, LOCAL_CONTEXT);
    expect(result.ok).toBe(false);
    const got = result.ok ? [] : result.problems;
    expect(got.map(key).sort()).toEqual(fx.expect.map(key).sort());
    for (const p of got) {
      expect(p.message.length).toBeGreaterThan(20);
      expect(typeof p.path).toBe('string');
    }
  });

  it('every problem code has at least one fixture', () => {
    const covered = new Set(fixtures.flatMap((f) => f.expect.map((e) => e.code)));
    expect(Object.keys(PROBLEM_CODES).filter((c) => !covered.has(c))).toEqual([]);
  });

  it('reports problems of other tasks even when one task fails its schema', () => {
    const v = validate({ name: 'x', start: 'a', tasks: [
      { id: 'a', type: 'document_capture', nfc: 'maybe', next: 'b' },
      { id: 'b', type: 'document_report', next: 'gone' },
    ] });
    expect(v.problems.map((p) => p.code).sort()).toEqual(['dangling_next', 'invalid_field']);
  });

  it('never throws on garbage', () => {
    for (const input of [null, 1, 'x', [], {}, { tasks: 'no' }, { tasks: [null, 3, []] }, { start: 5, tasks: [{ id: 5 }] }]) {
      expect(() => validate(input)).not.toThrow();
      expect(validate(input).valid).toBe(false);
    }
  });
});

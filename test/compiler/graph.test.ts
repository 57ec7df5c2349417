import { analyse, buildGraph, dominators, type RawTask } from '../../compiler/graph';

const raw = (tasks: Array<Record<string, unknown>>): RawTask[] =>
  tasks.map((t, index) => ({ index, id: String(t.id), type: String(t.type), raw: t }));

describe('dominators', () => {
  it('finds immediate dominators of a diamond with a loop', () => {
    // 0 → 1 → {2, 3} → 4 → 1 (loop)
    const d = dominators([[1], [2, 3], [4], [4], [1]]);
    expect([...d.idom]).toEqual([0, 0, 1, 1, 1]);
    expect(d.dominates(1, 4)).toBe(true);
    expect(d.dominates(2, 4)).toBe(false);
  });

  it('marks unreachable nodes', () => {
    const d = dominators([[1], [], [1]]);
    expect(d.reachable(2)).toBe(false);
    expect(d.dominates(2, 1)).toBe(false);
  });

  it('handles a 100,000-node chain without recursion', () => {
    const succ = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : []));
    expect(dominators(succ).dominates(1, 99_999)).toBe(true);
  });
});

describe('precedes on every route', () => {
  const g = buildGraph(raw([
    { id: 'a', type: 'document_capture', next: 'l' },
    { id: 'l', type: 'logic', branches: [{ next: 'b' }], else: 'c' },
    { id: 'b', type: 'face_capture_photo', next: 'p' },
    { id: 'c', type: 'face_capture_video', next: 'p' },
    { id: 'p', type: 'parallel', branches: [{ start: 'w' }, { start: 'i' }], next: 'z' },
    { id: 'w', type: 'watchlist_report', next: 'w2' },
    { id: 'w2', type: 'logic', branches: [{ next: 'w3' }], else: null },
    { id: 'w3', type: 'identity_report', next: null },
    { id: 'i', type: 'identity_report', next: null },
    { id: 'z', type: 'result', outcome: 'approve' },
  ]), 'a');
  const an = analyse(g);

  it('a task on every route precedes; one on some routes does not', () => {
    expect(an.precedes('a', 'p')).toBe(true);
    expect(an.precedes('b', 'p')).toBe(false);
    expect(an.precedes('c', 'z')).toBe(false);
  });

  it('every branch of a parallel runs: a task ending its branch precedes the join', () => {
    expect(an.precedes('w', 'z')).toBe(true);
    expect(an.precedes('i', 'z')).toBe(true);
    expect(an.precedes('w3', 'z')).toBe(false); // only on one route of its branch
    expect(an.precedes('i', 'w')).toBe(false);  // branches are not ordered
  });

  it('lists preceding tasks nearest first, through joins', () => {
    const seen: string[] = [];
    an.eachPreceding('z', (id) => { seen.push(id); });
    expect(seen).toEqual(expect.arrayContaining(['p', 'w', 'w2', 'i', 'l', 'a']));
    expect(seen).not.toContain('b');
    expect(an.branchExports('p', 0)).toEqual(['w2', 'w']);
  });
});

/**
 * Immediate dominators (Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm"), and
 * O(1) dominance queries through pre/post numbers of the dominator tree. Nodes are 0..n-1,
 * node 0 the entry. Unreachable nodes get idom -1.
 */
export interface Dominance {
  idom: Int32Array;
  /** Reachable nodes in reverse post-order: every node comes after its immediate dominator. */
  order: readonly number[];
  /** a dominates b (reflexive); false when either is unreachable. */
  dominates(a: number, b: number): boolean;
  reachable(n: number): boolean;
}

export function dominators(succ: ReadonlyArray<readonly number[]>): Dominance {
  const n = succ.length;
  const order: number[] = []; // reverse post-order
  const rpo = new Int32Array(n).fill(-1);
  const preds: number[][] = Array.from({ length: n }, () => []);
  const state = new Uint8Array(n);
  const stack: Array<[number, number]> = [[0, 0]];
  state[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, i] = top;
    const next = succ[node]!;
    if (i < next.length) {
      top[1] = i + 1;
      const s = next[i]!;
      preds[s]!.push(node);
      if (state[s] === 0) { state[s] = 1; stack.push([s, 0]); }
    } else { stack.pop(); order.push(node); }
  }
  order.reverse();
  order.forEach((node, i) => { rpo[node] = i; });

  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (rpo[a]! > rpo[b]!) a = idom[a]!;
      while (rpo[b]! > rpo[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = 1; k < order.length; k++) {
      const b = order[k]!;
      let candidate = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1 || rpo[p] === -1) continue;
        candidate = candidate === -1 ? p : intersect(p, candidate);
      }
      if (candidate !== -1 && idom[b] !== candidate) { idom[b] = candidate; changed = true; }
    }
  }
  return numbered(idom, n, order);
}

function numbered(idom: Int32Array, n: number, order: readonly number[]): Dominance {
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let v = 1; v < n; v++) if (idom[v]! >= 0) children[idom[v]!]!.push(v);
  const pre = new Int32Array(n).fill(-1);
  const post = new Int32Array(n).fill(-1);
  let clock = 0;
  const stack: Array<[number, number]> = [[0, 0]];
  pre[0] = clock++;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children[top[0]]!;
    if (top[1] < kids.length) {
      const c = kids[top[1]++]!;
      pre[c] = clock++;
      stack.push([c, 0]);
    } else { post[top[0]] = clock++; stack.pop(); }
  }
  return {
    idom,
    order,
    reachable: (v) => pre[v] !== -1,
    dominates: (a, b) => pre[a] !== -1 && pre[b] !== -1 && pre[a]! <= pre[b]! && post[b]! <= post[a]!,
  };
}

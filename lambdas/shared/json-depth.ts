/**
 * How deeply a JSON value nests objects and arrays (a scalar: 0, `{}`: 1, `{ "a": [1] }`: 2),
 * counted without recursion and no further than `limit + 1`, so that a body nested thousands
 * deep costs nothing. DynamoDB stores at most 32 levels.
 */
export function jsonDepth(value: unknown, limit = 32): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Whether every number in a JSON value is one DynamoDB stores exactly as the client sent it: an
 * integer within ±(2^53 - 1) (the SDK refuses larger ones, which JSON parsing has already
 * rounded anyway: send them as strings), or another number no smaller than 1e-130 in size
 * (DynamoDB's least). Checked without recursion (call after jsonDepth has bounded the depth).
 */
export function storableNumbers(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || (Number.isInteger(v) ? !Number.isSafeInteger(v) : Math.abs(v) < 1e-130)) return false;
    } else if (v !== null && typeof v === 'object') stack.push(...(Array.isArray(v) ? v : Object.values(v)));
  }
  return true;
}

export const UNSTORABLE_NUMBER = 'must hold only integers within ±9007199254740991 (send larger ones, such as 64-bit ids, as strings) and other numbers no smaller than 1e-130';

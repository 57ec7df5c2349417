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

/** A Lambda handler loaded through a --lambdas mapping file in the CLI test. */
export const calls: unknown[] = [];

export async function handler(event: { name?: string }): Promise<{ greeting: string }> {
  calls.push(event);
  return { greeting: `hello ${event.name ?? 'nobody'}` };
}

/** Callback style, as older Node Lambda handlers are written. */
export function legacy(event: { n: number }, _context: unknown, callback: (err: unknown, result?: unknown) => void): void {
  callback(null, { doubled: event.n * 2 });
}

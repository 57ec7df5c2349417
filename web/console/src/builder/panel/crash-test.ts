/**
 * Test only: a way to show the builder's error boundary (Builder.tsx: its alert and "Back to the
 * last draft that could be shown") now that no draft the builder opens makes it throw (every part
 * the panel cannot edit is a note, readable.ts). With the query flag `?builder-crash-test` in the
 * builder's address, drawing the editor of a chosen task throws; Start's settings still draw.
 * Without the flag (as the console is used) this does nothing. Used by
 * test/web/console-builder-crash.test.ts.
 */
export const CRASH_TEST_FLAG = 'builder-crash-test';

export function crashTest(): void {
  if (new URLSearchParams(window.location.search).has(CRASH_TEST_FLAG)) throw new Error(`test crash (?${CRASH_TEST_FLAG})`);
}

/**
 * Test only: a way to show the builder's error boundary (Builder.tsx: its alert and "Back to the
 * last draft that could be shown") now that no draft the builder opens makes it throw (every part
 * the panel cannot edit is a note, readable.ts). In the test build of the console (web/build.js
 * --test, web/.dist-test, never deployed), with the query flag `?builder-crash-test` in the
 * builder's address, drawing the editor of a chosen task throws; Start's settings still draw.
 * The deployed console is built with `__BUILDER_CRASH_TEST__` false: the minifier drops this
 * check, and the flag does nothing. Used by test/web/console-builder-crash.test.ts.
 */
export const CRASH_TEST_FLAG = 'builder-crash-test';

export function crashTest(): void {
  if (__BUILDER_CRASH_TEST__ && new URLSearchParams(window.location.search).has(CRASH_TEST_FLAG)) throw new Error(`test crash (?${CRASH_TEST_FLAG})`);
}

declare module '*.css';
/** The elkjs layout worker's path (web/build.js). */
declare const __ELK_WORKER__: string;
/** The builder's test-only crash switch (builder/panel/crash-test.ts): `true` only in web/build.js --test's console. */
declare const __BUILDER_CRASH_TEST__: boolean;

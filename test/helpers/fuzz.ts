/**
 * The seed of the generated-input (fast-check) tests: fixed, so a run of the suite is the same
 * run every time and a failure is seen again by running it again. `STUDIO_FUZZ_SEED=<n>` explores
 * other inputs; fast-check's failure message names the seed and the path that reproduce it.
 */
export const FUZZ_SEED = Number(process.env.STUDIO_FUZZ_SEED ?? 20261202);
if (!Number.isSafeInteger(FUZZ_SEED)) throw new Error(`STUDIO_FUZZ_SEED must be an integer, not ${process.env.STUDIO_FUZZ_SEED}`);

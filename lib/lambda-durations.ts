/**
 * The handlers' mean durations per invocation that the cost model bills (lib/cost.ts), measured by
 * `npm run bench:durations` (bench/lambda-durations.ts) in parity mode on one live document +
 * selfie run with the real checks and one webhook: on the machine that ran it, not in AWS.
 * lambda-durations-measured.json holds the last measurement, its date and where it ran (lib/cost.ts reads it).
 */
/** The functions a run invokes that the model bills by duration. */
export const DURATION_FUNCTIONS = ['api', 'tasks', 'reports', 'webhooks', 'evidence'] as const;
export type DurationFunction = (typeof DURATION_FUNCTIONS)[number];
export interface MeasuredDurations {
  /** The day of the measurement (YYYY-MM-DD) and the machine it ran on. */
  measuredOn: string; where: string;
  /** Per function: the mean CPU time (user + system) and wall time of an invocation, the longest, the memory, the longest init. */
  functions: Partial<Record<DurationFunction, { invocations: number; meanCpuMs: number; meanMs: number; maxMs: number; memoryMb: number; initMs: number }>>;
}

/**
 * The seconds the model bills per invocation of `fn`: the measured mean CPU time. Lambda bills the
 * wall time, which on an idle machine is the CPU time plus the waits for DynamoDB and S3; on the
 * shared, heavily loaded machine of the measurement the wall time (`meanMs`, also kept) is mostly
 * waiting for a core, so the CPU time is the closer figure (a lower bound).
 */
export function durationSeconds(fn: DurationFunction, d: MeasuredDurations): number {
  const f = d.functions[fn];
  if (!f) throw new Error(`lib/lambda-durations-measured.json has no duration for ${fn}: run npm run bench:durations`);
  return f.meanCpuMs / 1000;
}

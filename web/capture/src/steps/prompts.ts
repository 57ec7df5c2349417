/** The prompts of a face recording, by seconds since it started: look at the camera, turn left, turn right, done. */
export const PROMPTS = [
  { from: 0, key: 'checks.lookAhead' },
  { from: 3, key: 'checks.turnLeft' },
  { from: 6, key: 'checks.turnRight' },
  { from: 9, key: 'checks.turnDone' },
] as const;
/** Seconds until every prompt has been shown (Motion stops on its own then). */
export const PROMPTS_DONE_S = 9;
/** The longest recording. */
export const LIMIT_S = 15;

export const promptAt = (elapsed: number) => [...PROMPTS].reverse().find((p) => elapsed >= p.from)!.key;

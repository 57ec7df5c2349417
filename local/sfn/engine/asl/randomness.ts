import { randomUUID } from 'node:crypto';

/**
 * Where the engine's randomness comes from: retry jitter, `$random()` without a seed and
 * `States.MathRandom` draw from `random` ([0, 1)); `$uuid()` and `States.UUID` from `uuid`.
 * Injected like the clock (EngineOptions.random / uuid); tests pass a seeded source.
 */
export interface Randomness {
  random(): number;
  uuid(): string;
}

export const systemRandomness: Randomness = { random: Math.random, uuid: randomUUID };

/** A deterministic source in [0, 1) (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version 4 UUID whose 122 random bits are drawn from `random`. */
export function uuidFrom(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The engine's source: what was injected; a UUID source derived from an injected `random`. */
export function randomnessOf(options: { random?: () => number; uuid?: () => string }): Randomness {
  const random = options.random ?? systemRandomness.random;
  const uuid = options.uuid ?? (options.random ? () => uuidFrom(random) : systemRandomness.uuid);
  return { random, uuid };
}

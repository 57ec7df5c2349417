/**
 * A breakdown area judged by agreement between sources: each source's value must be valid and
 * agree with the first valid one (the applicant's when it has one). One source alone cannot
 * corroborate anything, so its area is `consider` with `corroborated: false`.
 */
import { worst, type BreakdownArea, type Result } from '../types';
import type { PersonSource } from './sources';

export interface FieldCheck { valid: boolean; problems?: string[]; problem?: string }

export interface AreaSpec<T> {
  get: (s: PersonSource) => T | undefined;
  check: (v: T) => FieldCheck;
  same: (a: T, b: T) => boolean;
  /** What a source's breakdown shows of its value (masking applies here). */
  show: (v: T) => unknown;
  /** Whether one valid source is enough for `clear` (format-only checks). */
  singleSourceClears?: boolean;
}

/** Breakdown key of a source: `applicant`, or `<source>:<task id>` for task outputs. */
export const sourceKey = (s: PersonSource): string => (s.task_id ? `${s.source}:${s.task_id}` : s.source);

export function consistencyArea<T>(sources: readonly PersonSource[], spec: AreaSpec<T>): BreakdownArea | undefined {
  const found = sources.flatMap((s) => {
    const v = spec.get(s);
    return v === undefined ? [] : [{ s, v, check: spec.check(v) }];
  });
  if (found.length === 0) return undefined;
  const reference = found.find((f) => f.check.valid);
  const breakdown: Record<string, BreakdownArea> = {};
  for (const f of found) {
    const agrees = reference !== undefined && (f === reference || spec.same(reference.v, f.v));
    const problems = [...(f.check.problems ?? []), ...(f.check.problem ? [f.check.problem] : [])];
    if (f.check.valid && !agrees) problems.push('differs from the other sources');
    breakdown[sourceKey(f.s)] = {
      result: f.check.valid && agrees ? 'clear' : 'consider',
      properties: { value: spec.show(f.v), ...(problems.length ? { problems } : {}) },
    };
  }
  const corroborated = found.length >= 2;
  const results: Array<Result | null> = Object.values(breakdown).map((b) => b.result);
  if (!corroborated && !spec.singleSourceClears) results.push('consider');
  return { result: worst(results), breakdown, properties: { number_of_sources: found.length, corroborated } };
}

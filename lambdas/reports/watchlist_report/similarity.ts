/**
 * Name similarity for screening. No single metric is enough: Jaro-Winkler alone scores short
 * unrelated names high, Double Metaphone alone collides often. A token pair scores from all
 * three (spelling, phonetics, edit distance); names score by Monge-Elkan over tokens in both
 * directions, plus Jaro-Winkler of the sorted full names.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import mongeElkan from 'talisman/metrics/monge-elkan';
import { distance } from 'fastest-levenshtein';
import type { NameToken } from './normalize';

/** A token pair at or above this counts as the same name part. */
export const TOKEN_MATCH = 0.85;

/** Closest pair of Double Metaphone codes, by edit distance: SR vs SHR is near, not unrelated. */
function codeSimilarity(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, 1 - distance(x, y) / Math.max(x.length, y.length));
  return best;
}

export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.text === b.text) return 1;
  const jw = jaroWinkler(a.text, b.text);
  const phonetic = codeSimilarity(a.codes, b.codes);
  const edit = 1 - distance(a.text, b.text) / Math.max(a.text.length, b.text.length);
  return 0.6 * jw + 0.25 * phonetic + 0.15 * edit;
}

export interface NameScore {
  score: number;
  /** Significant tokens of each side that found a counterpart ≥ TOKEN_MATCH. */
  matched_query_tokens: number;
  matched_list_tokens: number;
}

const significant = (tokens: readonly NameToken[]) => {
  const s = tokens.filter((t) => !t.particle);
  return s.length > 0 ? s : [...tokens];
};

function covered(from: NameToken[], to: NameToken[]): number {
  return from.filter((f) => to.some((t) => tokenSimilarity(f, t) >= TOKEN_MATCH)).length;
}

/**
 * Query → list direction weighs more: a list name often carries patronymics or extra given
 * names that the applicant's name omits. Coverage rules stop one shared common token
 * ("Ali", "Kim") from matching: at least min(2, tokens) significant tokens of each side.
 */
export function nameScore(query: readonly NameToken[], listed: readonly NameToken[]): NameScore {
  const q = significant(query);
  const l = significant(listed);
  if (q.length === 0 || l.length === 0) return { score: 0, matched_query_tokens: 0, matched_list_tokens: 0 };
  const forward = mongeElkan(tokenSimilarity, q, l);
  const backward = mongeElkan(tokenSimilarity, l, q);
  const sorted = (ts: NameToken[]) => ts.map((t) => t.text).sort().join(' ');
  const whole = jaroWinkler(sorted(q), sorted(l));
  const score = 0.55 * forward + 0.25 * backward + 0.2 * whole;
  return { score, matched_query_tokens: covered(q, l), matched_list_tokens: covered(l, q) };
}

/** Whether the token coverage is enough for a name to be a candidate match at all. */
export function enoughCoverage(s: NameScore, queryTokens: number, listTokens: number): boolean {
  return s.matched_query_tokens >= Math.min(2, queryTokens) && s.matched_list_tokens >= Math.min(2, listTokens);
}

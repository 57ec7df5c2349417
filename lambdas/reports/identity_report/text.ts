/** Text folding and fuzzy equality shared by the identity comparisons. */
import jaroWinkler from 'talisman/metrics/jaro-winkler';

/** Lower case, accents dropped, punctuation to single spaces. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Same words in any order, each close in spelling (OCR and typing slips). */
export function sameWords(a: string, b: string, min = 0.9): boolean {
  const x = fold(a).split(' ').filter(Boolean).sort();
  const y = fold(b).split(' ').filter(Boolean).sort();
  if (x.length === 0 || y.length === 0) return false;
  if (x.join(' ') === y.join(' ')) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  // every word of the shorter side must be found: a middle name may be missing on one side
  return short.every((w) => long.some((v) => jaroWinkler(w, v) >= min));
}

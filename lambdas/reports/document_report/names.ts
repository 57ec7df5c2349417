/** Name comparison across MRZ, printed text and applicant records. */
import { fold } from './printed-values';

/** ICAO 9303 transliterations that differ from stripping the accent (Ü → UE, ß → SS...). */
const ICAO: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', Å: 'AA', Ø: 'OE', Æ: 'AE', Þ: 'TH', Œ: 'OE', Ĳ: 'IJ' };

/** Both foldings of a name: accents stripped, and ICAO's transliteration. */
export function nameForms(name: string): string[] {
  const upper = name.toUpperCase();
  const icao = fold([...upper].map((c) => ICAO[c] ?? c).join(''));
  return [...new Set([fold(upper), icao])];
}

/** Same name, allowing for an MRZ name cut at the field's end (`truncated`). */
export function sameName(a: string, b: string, truncated = false): boolean {
  return nameForms(a).some((x) => nameForms(b).some((y) => x === y || (truncated && x.length > 0 && (x.startsWith(y) || y.startsWith(x)))));
}

/** Every word of the shorter name is a word of the longer (applicant "Sarah" vs "SARAH JANE"). */
export function nameWordsAgree(applicant: string, document: string): boolean {
  return nameForms(applicant).some((x) => nameForms(document).some((y) => {
    const xs = x.split(' ').filter(Boolean), ys = y.split(' ').filter(Boolean);
    const [short, long] = xs.length <= ys.length ? [xs, ys] : [ys, xs];
    return short.length > 0 && short.every((w) => long.includes(w));
  }));
}

/** Name normalisation for screening: transliterate, fold case, split into tokens. */
import doubleMetaphone from 'talisman/phonetics/double-metaphone';
import { requireEsm } from './esm';

const anyAscii = requireEsm<{ default: (s: string) => string }>('any-ascii').default;

/** Connecting words that carry little identity: matched, but weighted low. */
const PARTICLES = new Set([
  'al', 'el', 'bin', 'ibn', 'bint', 'abu', 'ben', 'de', 'del', 'der', 'la', 'le', 'van', 'von',
  'da', 'dos', 'das', 'di', 'y', 'mc', 'mac', 'ul', 'ur', 'ud',
]);

export interface NameToken { text: string; particle: boolean; codes: string[] }

export function transliterate(raw: string): string {
  return anyAscii(raw.normalize('NFC'));
}

/** "BIN LADIN, Usama" → [usama?]… order-insensitive tokens; commas and hyphens split. */
export function tokenize(raw: string): NameToken[] {
  const folded = transliterate(raw).toLowerCase().replace(/['’`]/g, '').replace(/[^a-z0-9]+/g, ' ');
  return folded.split(' ').filter((t) => t.length > 0).map((text) => ({
    text,
    particle: PARTICLES.has(text),
    codes: text.length > 1 ? [...new Set(doubleMetaphone(text))].filter((c) => c.length > 0) : [],
  }));
}

/** Blocking keys: phonetic codes of the significant tokens. Candidates share at least one. */
export function blockingKeys(tokens: readonly NameToken[]): string[] {
  const keys = new Set<string>();
  for (const t of tokens) if (!t.particle) for (const c of t.codes) keys.add(c);
  return [...keys];
}

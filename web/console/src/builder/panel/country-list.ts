/** Every country by its alpha-3 code (as definitions store them) with its en_US name (`Intl.DisplayNames`), and the search over them. */
import countries from 'i18n-iso-countries';

const SHOWN = 8;
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export interface Country { code: string; name: string }

/** Every country (alpha-3 code) with its en_US name, sorted by name. */
export function allCountries(locale = 'en-US'): Country[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return Object.entries(countries.getAlpha3Codes())
    .map(([alpha3, alpha2]) => ({ code: alpha3, name: names.of(alpha2) ?? alpha3 }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** Countries whose name has a word starting with `query`, or whose code is `query`; the first `limit`. */
export function searchCountries(list: readonly Country[], query: string, limit = SHOWN): Country[] {
  const q = fold(query.trim());
  if (!q) return [];
  return list.filter((c) => c.code.toLowerCase() === q || fold(c.name).startsWith(q) || fold(c.name).includes(` ${q}`)).slice(0, limit);
}

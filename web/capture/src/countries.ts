/** Country names in the page's language (i18n-iso-countries), keyed by ISO 3166-1 alpha-3 code as the API uses them. */
import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pt from 'i18n-iso-countries/langs/pt.json';

for (const l of [de, en, es, fr, it, nl, pt]) countries.registerLocale(l);

export interface Country { code: string; name: string }

/** All countries (or only `codes`), sorted by their name in `lang` (an API language code such as de_DE). */
export function countryList(lang: string, codes?: readonly string[]): Country[] {
  const l = lang.split('_')[0]!;
  const use = countries.langs().includes(l) ? l : 'en';
  const all = codes ?? Object.keys(countries.getAlpha3Codes());
  return all.map((code) => ({ code, name: countries.getName(code, use, { select: 'official' }) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, l));
}

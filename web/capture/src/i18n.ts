/**
 * The page's languages: `link.language` (en_US, de_DE, es_ES, fr_FR, it_IT, pt_PT, nl_NL), else the
 * browser's first supported language, else en_US. i18next resources are keyed by the API's codes;
 * `<html lang>` gets the BCP 47 form and `dir` the language's direction.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES } from './locales';

export type Language = keyof typeof LOCALES;
export const LANGUAGES = Object.keys(LOCALES) as Language[];
/** Each language's own name, for the switcher. */
export const NATIVE: Record<string, string> = {
  en_US: 'English', de_DE: 'Deutsch', es_ES: 'Español', fr_FR: 'Français', it_IT: 'Italiano', pt_PT: 'Português', nl_NL: 'Nederlands', ar_XB: 'Pseudo RTL',
};
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

const isLanguage = (x: string): x is Language => (LANGUAGES as string[]).includes(x);

export function pickLanguage(fromLink: string | null | undefined, browser: readonly string[] = navigator.languages): Language {
  if (fromLink && isLanguage(fromLink)) return fromLink;
  for (const tag of browser) {
    const exact = tag.replace('-', '_');
    if (isLanguage(exact)) return exact;
    const same = LANGUAGES.find((l) => l.split('_')[0] === tag.split('-')[0] && l !== 'ar_XB');
    if (same) return same;
  }
  return 'en_US';
}

export const direction = (lang: Language): 'rtl' | 'ltr' => (RTL.has(lang.split('_')[0]!) ? 'rtl' : 'ltr');

export async function setLanguage(lang: Language): Promise<void> {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang.replace('_', '-');
  document.documentElement.dir = direction(lang);
}

export function initI18n(lang: Language): Promise<unknown> {
  const resources = Object.fromEntries(Object.entries(LOCALES).map(([l, strings]) => [l, { translation: strings }]));
  return i18next.use(initReactI18next).init({
    resources, lng: lang, fallbackLng: false, interpolation: { escapeValue: false }, returnNull: false,
    saveMissing: true, missingKeyHandler: (_lngs, _ns, key) => console.error(`missing translation: ${key}`),
  });
}

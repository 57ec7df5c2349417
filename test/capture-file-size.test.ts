/** A PDF's size on the capture page's review, in each locale's own number format (Node's ICU, as the browser's). */
import type { TFunction } from 'i18next';
import { LOCALES } from '../web/capture/src/locales';
import { fileSize } from '../web/capture/src/ui/file-size';

type Lang = keyof typeof LOCALES;
/** i18next's interpolation of the locale's own camera.sizeKB / camera.sizeMB text. */
const tOf = (lang: Lang) => ((key: string, o: { size: string }) => {
  const text = LOCALES[lang].camera[key.replace('camera.', '') as 'sizeKB' | 'sizeMB'];
  return text.replace('{{size}}', o.size);
}) as unknown as TFunction;
const size = (bytes: number, lang: Lang) => fileSize(bytes, lang, tOf(lang));
const MB = 1024 * 1024;

it('uses the locale\'s decimal separator and unit: 1,5 Mo in French, 1,5 MB in German, 1.5 MB in US English', () => {
  expect(size(1.5 * MB, 'en_US')).toBe('1.5 MB');
  expect(size(1.5 * MB, 'fr_FR')).toBe('1,5 Mo');
  expect(size(1.5 * MB, 'de_DE')).toBe('1,5 MB');
  expect(size(1.5 * MB, 'pt_PT')).toBe('1,5 MB');
});

it('groups thousands of KB as each locale does (none for four digits in Spanish)', () => {
  const bytes = 1023 * 1024;
  expect(size(bytes, 'en_US')).toBe('1,023 KB');
  expect(size(bytes, 'de_DE')).toBe('1.023 KB');
  expect(size(bytes, 'nl_NL')).toBe('1.023 KB');
  expect(size(bytes, 'fr_FR')).toBe('1\u202f023 Ko');
  expect(size(bytes, 'es_ES')).toBe('1023 KB');
});

it('never says 0 KB, and drops a trailing ,0', () => {
  expect(size(10, 'fr_FR')).toBe('1 Ko');
  expect(size(2 * MB, 'fr_FR')).toBe('2 Mo');
  expect(size(9.96 * MB, 'it_IT')).toBe('10 MB');
});

it('the pseudo right-to-left locale keeps Western digits, as its en_US text', () => {
  expect(size(1.5 * MB, 'ar_XB')).toBe('1.5 MB');
});

/** A file's size in the page's language: whole KB under 1 MB (at least 1), MB to one decimal above. */
import type { TFunction } from 'i18next';

const MB = 1024 * 1024;

/** `language` is the page's locale (`fr_FR`); its number format gives the separator ("1,5 Mo"). */
export function fileSize(bytes: number, language: string, t: TFunction): string {
  const number = (n: number, digits: number) => new Intl.NumberFormat(language.replace('_', '-'), { maximumFractionDigits: digits }).format(n);
  return bytes < MB ? t('camera.sizeKB', { size: number(Math.max(1, Math.round(bytes / 1024)), 0) }) : t('camera.sizeMB', { size: number(bytes / MB, 1) });
}

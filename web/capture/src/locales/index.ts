/** Every locale of the capture page (the API's link languages), and ar_XB: a pseudo right-to-left locale (the en_US text, laid out right to left) for testing RTL. */
import { de_DE } from './de_DE';
import { en_US, type Strings } from './en_US';
import { es_ES } from './es_ES';
import { fr_FR } from './fr_FR';
import { it_IT } from './it_IT';
import { nl_NL } from './nl_NL';
import { pt_PT } from './pt_PT';

export const LOCALES = { en_US, de_DE, es_ES, fr_FR, it_IT, pt_PT, nl_NL, ar_XB: en_US } satisfies Record<string, Strings>;

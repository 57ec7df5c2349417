/** Every locale of the capture page. ar_XB is a pseudo right-to-left locale (the en_US text, laid out right to left) for testing RTL. */
import { en_US, type Strings } from './en_US';

export const LOCALES: Record<'en_US' | 'ar_XB', Strings> = { en_US, ar_XB: en_US };

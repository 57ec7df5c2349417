/** en_US strings through i18next (one resource file). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en_US.json';

void i18next.use(initReactI18next).init({
  lng: 'en_US', fallbackLng: 'en_US', resources: { en_US: { translation: en } }, interpolation: { escapeValue: false }, initAsync: false,
});
export default i18next;

/**
 * Countries of one accepted document type: the chosen ones by name (each removable), and a search
 * over every country by name or ISO code (alpha-3, as the definition stores them). Names are
 * `Intl.DisplayNames` in en_US; none chosen means every country.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allCountries, searchCountries } from './country-list';

export function Countries({ id, label, search, value, onChange }: { id: string; label: string; search: string; value: readonly string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const list = useMemo(() => allCountries(), []);
  const nameOf = useMemo(() => new Map(list.map((c) => [c.code, c.name])), [list]);
  const [query, setQuery] = useState('');
  const found = searchCountries(list, query).filter((c) => !value.includes(c.code));
  return (
    <fieldset className="countries">
      <legend>{label}</legend>
      {value.length === 0 ? <p>{t('countries.all')}</p> : (
        <ul className="chosen">
          {value.map((code) => (
            <li key={code}>{nameOf.get(code) ?? code}{' '}
              <button type="button" onClick={() => onChange(value.filter((c) => c !== code))}
                aria-label={t('countries.remove', { name: nameOf.get(code) ?? code })}>✕</button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-search`}>{search}</label>
      <input id={`${id}-search`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {query.trim() && (
        <ul className="found" aria-live="polite">
          {found.length === 0 ? <li>{t('countries.none')}</li> : found.map((c) => (
            <li key={c.code}>
              <button type="button" onClick={() => { onChange([...value, c.code]); setQuery(''); }}>{t('countries.add', { name: c.name, code: c.code })}</button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

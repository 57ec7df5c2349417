/** Labelled form controls: errors are tied to their field (`aria-describedby`, `aria-invalid`). */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countryList } from '../countries';

interface FieldProps { label: string; hint?: string | undefined; error?: string | undefined; children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }

export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      {children({ id, describedBy, invalid: !!error })}
      {error && <span className="field-error" id={`${id}-error`}>{error}</span>}
    </div>
  );
}

interface CountryProps { label: string; hint?: string; error?: string | undefined; codes?: readonly string[] | undefined; value: string | undefined; onChange(code: string | undefined): void }

/** A searchable country combobox (`<input list>`): names in the page's language, the value an alpha-3 code. */
export function CountryField({ label, hint, error, codes, value, onChange }: CountryProps) {
  const { i18n } = useTranslation();
  const list = useMemo(() => countryList(i18n.language, codes), [i18n.language, codes]);
  const [text, setText] = useState(() => list.find((c) => c.code === value)?.name ?? '');
  const listId = useId();
  const pick = (typed: string) => {
    setText(typed);
    const t = typed.trim().toLocaleLowerCase();
    onChange(list.find((c) => c.name.toLocaleLowerCase() === t || c.code.toLowerCase() === t)?.code);
  };
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <>
          <input id={id} list={listId} value={text} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid}
            onChange={(e) => pick(e.target.value)} />
          <datalist id={listId}>{list.map((c) => <option key={c.code} value={c.name} />)}</datalist>
        </>
      )}
    </Field>
  );
}

interface ConsentProps { label: string; error?: string | undefined; checked: boolean; onChange(checked: boolean): void }

/** A consent checkbox with its error tied to it. */
export function ConsentBox({ label, error, checked, onChange }: ConsentProps) {
  const id = useId();
  return (
    <div className="consent-box">
      <label className="choice">
        <input type="checkbox" checked={checked} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {error && <span className="field-error" id={`${id}-error`}>{error}</span>}
    </div>
  );
}

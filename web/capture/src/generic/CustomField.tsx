/** One custom input of the workflow, by type: text, number, yes/no, a list (one per line), a date and time. Errors tied to the field. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/fields';
import { labelOf, type CustomInput } from './form';

interface Props { input: CustomInput; value: string; error: string | undefined; onChange(value: string): void }

export function CustomField({ input, value, error, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const label = labelOf(input.name);
  const name = `custom.${input.name}`;
  if (input.type === 'boolean') {
    return (
      <fieldset aria-describedby={error ? `${id}-error` : undefined}>
        <legend>{label}</legend>
        {(['yes', 'no'] as const).map((v) => (
          <label key={v} className="choice">
            <input type="radio" name={name} value={v} checked={value === v} aria-invalid={!!error} onChange={() => onChange(v)} />
            {t(`generic.${v}`)}
          </label>
        ))}
        {error && <span className="field-error" id={`${id}-error`}>{error}</span>}
      </fieldset>
    );
  }
  const hint = input.type === 'string_list' ? t('generic.listHint') : undefined;
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id: fieldId, describedBy, invalid }) => input.type === 'string_list'
        ? <textarea id={fieldId} name={name} rows={3} value={value} aria-describedby={describedBy} aria-invalid={invalid} required onChange={(e) => onChange(e.target.value)} />
        : <input id={fieldId} name={name} value={value} aria-describedby={describedBy} aria-invalid={invalid} required autoComplete="off"
          type={input.type === 'date_time' ? 'datetime-local' : 'text'} {...(input.type === 'number' ? { inputMode: 'decimal' as const } : {})}
          onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/**
 * Form fields generated from the task type's JSON Schema; an empty field leaves the key out (the
 * default). A value of the wrong type is a note (NotEditable.tsx); a choice the schema does not
 * know is shown as it is; items of a set that are not among its choices (a custom retry reason)
 * are kept as they are and named.
 */
import { useTranslation } from 'react-i18next';
import { NotEditable } from './NotEditable';
import type { Parts } from './readable';
import { fieldsOf, type Field } from './schema';

type Obj = Record<string, unknown>;
export const humanize = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

export function Fields({ task, parts, onChange }: { task: Obj & { id: string; type: string }; parts: Parts; onChange: (next: Obj) => void }) {
  const { t } = useTranslation();
  const set = (key: string, value: unknown) => {
    const next = { ...task };
    if (value === undefined) delete next[key]; else next[key] = value;
    onChange(next);
  };
  const label = (f: Field) => t(`fields.${f.key}`, { defaultValue: humanize(f.key) });
  const id = (f: Field) => `f-${task.id}-${f.key}`;
  return (
    <>
      {fieldsOf(task.type).map((f) => {
        const v = task[f.key];
        const expected = parts.get(f.key);
        if (expected) return <NotEditable key={f.key} what={label(f)} path={f.key} expected={expected} />;
        if (f.kind === 'set') {
          const chosen: unknown[] = Array.isArray(v) ? v : [];
          const kept = chosen.flatMap((x, i) => (f.values.includes(x as string) ? [] : [`${f.key}[${i}]`]));
          const others = chosen.filter((x) => !f.values.includes(x as string));
          return (
            <fieldset key={f.key}><legend>{label(f)}</legend>
              {f.values.map((x) => (
                <label key={x} className="check"><input type="checkbox" checked={chosen.includes(x)}
                  onChange={(e) => set(f.key, e.target.checked ? [...f.values.filter((y) => y === x || chosen.includes(y)), ...others] : chosen.filter((y) => y !== x))} />{humanize(x)}</label>
              ))}
              {kept.length > 0 && <p role="note" className="hint">{t('notEditable.kept', { what: label(f), paths: kept.join(', ') })}</p>}
            </fieldset>
          );
        }
        const control = (() => {
          switch (f.kind) {
            case 'enum': case 'boolean': {
              const options = f.kind === 'enum' ? f.values.map((x) => [x, humanize(x)]) : [['true', t('panel.yes')], ['false', t('panel.no')]];
              return (
                <select id={id(f)} value={v === undefined ? '' : String(v)}
                  onChange={(e) => set(f.key, e.target.value === '' ? undefined : f.kind === 'boolean' ? e.target.value === 'true' : e.target.value)}>
                  {!f.required && <option value="">{t('panel.default')}</option>}
                  {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
                  {typeof v === 'string' && !options.some(([value]) => value === v) && <option value={v}>{v}</option>}
                </select>
              );
            }
            case 'integer':
              return <input id={id(f)} type="number" step={1} value={typeof v === 'number' ? v : ''}
                onChange={(e) => set(f.key, e.target.value === '' ? undefined : Number(e.target.value))} />;
            case 'list':
              return <input id={id(f)} value={Array.isArray(v) ? v.join(', ') : ''}
                onChange={(e) => set(f.key, e.target.value.trim() === '' ? undefined : e.target.value.split(',').map((x) => x.trim()).filter(Boolean))} />;
            default:
              return <input id={id(f)} value={typeof v === 'string' ? v : ''} onChange={(e) => set(f.key, e.target.value === '' && !f.required ? undefined : e.target.value)} />;
          }
        })();
        return <div className="field" key={f.key}><label htmlFor={id(f)}>{label(f)}</label>{control}</div>;
      })}
    </>
  );
}

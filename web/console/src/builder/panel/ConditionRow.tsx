/**
 * One comparison: a path that precedes the task, an operator fitting the path's type, and what it is
 * compared with: a value read by the path's type (a comma-separated list for "is one of"), another
 * field (`{path}`), or for dates a date relative to now (`{relative}`). A stored value is shown as it
 * is and kept until its own control is edited.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { opsFor, type Comparison } from '../../../../../compiler';
import type { PathOption } from '../paths';
import { LIST_OPS, misfit, NO_VALUE_OPS, parseValue, relativeParts, sameValue, valueForOp, valueKind, valueText, type ValueKind } from './conditions';

interface Props { cmp: Comparison; n: number; m: number | string; paths: PathOption[]; onChange: (c: Comparison) => void; onRemove: () => void }
type Value = Comparison['value'];

export function ConditionRow({ cmp, n, m, paths, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  // The text as typed ("1." or "low, " read as 1 and ["low"]), while the value it gave is still the one stored;
  // `origin`: the value before this editing began (a path of unknown type keeps its type).
  const [typed, setTyped] = useState<{ text: string; value: Value; origin: Value } | null>(null);
  const typeOf = (path: string) => paths.find((p) => p.path === path)?.type;
  const type = typeOf(cmp.path);
  const ops = opsFor(type);
  const list = LIST_OPS.has(cmp.op);
  const values = type?.kind === 'string' ? type.values : type?.kind === 'boolean' ? ['true', 'false'] : undefined;
  const dateLike = type?.kind === 'date' || type?.kind === 'date_time';
  const id = `c-${n}-${m}`;
  const v = cmp.value;
  const kind = valueKind(v);
  const parts = v !== null && typeof v === 'object' && !Array.isArray(v) && 'relative' in v ? relativeParts(v.relative) : undefined;
  const relative = parts && t(parts.past ? 'relative.ago' : 'relative.in', { text: parts.parts.map((p) => t(`relative.${p.unit}`, { count: p.count })).join(', ') });
  const current = typed && sameValue(typed.value, v) ? typed : null;
  const text = current ? current.text : valueText(v);
  const wrong = kind === 'value' && !(values && !list) ? misfit(text, type, cmp.op) : undefined;
  const setOp = (op: Comparison['op'], path = cmp.path) => {
    const { value, ...rest } = cmp;
    onChange(NO_VALUE_OPS.has(op) ? { ...rest, path, op } : { ...rest, path, op, value: valueForOp(value, op) });
  };
  // A path of another type keeps the operator if it fits, else takes the first that does.
  const onPath = (path: string) => {
    const fits = opsFor(typeOf(path));
    if (fits.includes(cmp.op)) onChange({ ...cmp, path });
    else setOp(fits[0] ?? 'exists', path);
  };
  const onKind = (k: ValueKind) => {
    setTyped(null);
    onChange({ ...cmp, value: k === 'path' ? { path: '' } : k === 'relative' ? { relative: '' } : list ? [] : '' });
  };
  const onText = (next: string) => {
    const origin = current ? current.origin : v;
    const value = kind === 'relative' ? { relative: next.trim() } : parseValue(next, type, cmp.op, origin);
    setTyped({ text: next, value, origin });
    onChange({ ...cmp, value });
  };
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = kind === 'relative' || (kind === 'value' && dateLike && !list) ? (relative ?? t('panel.relativeHint'))
    : kind === 'value' && list ? (values ? t('panel.listOneOf', { values: values.join(', ') }) : t('panel.listHint')) : undefined;
  const textBox = kind === 'relative' || (kind === 'value' && !(values && !list));
  const describedBy = [hint ? hintId : '', kind === 'value' ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const stored = valueText(v);
  return (
    <div className="condition">
      <label htmlFor={`${id}-path`} className="sr-only">{t('panel.path', { n, m })}</label>
      <select id={`${id}-path`} value={cmp.path} onChange={(e) => onPath(e.target.value)}>
        <option value="">{t('panel.choosePath')}</option>
        {paths.map((p) => <option key={p.path} value={p.path}>{p.label}</option>)}
        {cmp.path && !paths.some((p) => p.path === cmp.path) && <option value={cmp.path}>{cmp.path}</option>}
      </select>
      <label htmlFor={`${id}-op`} className="sr-only">{t('panel.op', { n, m })}</label>
      <select id={`${id}-op`} value={cmp.op} onChange={(e) => setOp(e.target.value as Comparison['op'])}>
        {!ops.includes(cmp.op) && <option value={cmp.op}>{t(`ops.${cmp.op}`)}</option>}
        {ops.map((op) => <option key={op} value={op}>{t(`ops.${op}`)}</option>)}
      </select>
      {!NO_VALUE_OPS.has(cmp.op) && (
        <>
          <label htmlFor={`${id}-kind`} className="sr-only">{t('panel.compareWith', { n, m })}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => onKind(e.target.value as ValueKind)}>
            <option value="value">{t(list ? 'panel.compare.list' : 'panel.compare.value')}</option>
            <option value="path">{t('panel.compare.path')}</option>
            {(dateLike || kind === 'relative') && <option value="relative">{t('panel.compare.relative')}</option>}
          </select>
          <label htmlFor={`${id}-value`} className="sr-only">{t('panel.value', { n, m })}</label>
          {kind === 'path' ? (
            <select id={`${id}-value`} className="cond-value" value={stored} onChange={(e) => onChange({ ...cmp, value: { path: e.target.value } })}>
              <option value="">{t('panel.choosePath')}</option>
              {paths.filter((p) => p.path !== cmp.path).map((p) => <option key={p.path} value={p.path}>{p.label}</option>)}
              {stored && !paths.some((p) => p.path === stored && p.path !== cmp.path) && <option value={stored}>{stored}</option>}
            </select>
          ) : values && !list && kind === 'value' ? (
            <select id={`${id}-value`} className="cond-value" value={stored}
              onChange={(e) => onChange({ ...cmp, value: type?.kind === 'boolean' && e.target.value !== '' ? e.target.value === 'true' : e.target.value })}>
              <option value="" />
              {values.map((x) => <option key={x} value={x}>{x}</option>)}
              {stored !== '' && !values.includes(stored) && <option value={stored}>{stored}</option>}
            </select>
          ) : (
            <input id={`${id}-value`} className="cond-value" value={text} placeholder={kind === 'relative' || dateLike ? '-P18Y' : list ? t('panel.listPlaceholder') : ''}
              aria-describedby={describedBy} aria-invalid={wrong ? true : undefined} onChange={(e) => onText(e.target.value)} />
          )}
          {hint && <small id={hintId}>{hint}</small>}
          {textBox && kind === 'value' && <small id={errorId} className="error" aria-live="polite">{wrong ? t(wrong === 'number' ? 'panel.notNumber' : 'panel.notBoolean') : ''}</small>}
        </>
      )}
      <button type="button" onClick={onRemove} aria-label={t('panel.removeCondition', { n, m })}>✕</button>
    </div>
  );
}

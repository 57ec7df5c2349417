/** One comparison: a path that precedes the task, an operator, and a value fitting the path's type. */
import { useTranslation } from 'react-i18next';
import { OPS, type Comparison } from '../../../../../compiler';
import type { PathOption } from '../paths';
import { NO_VALUE_OPS, parseValue, valueText } from './conditions';

interface Props { cmp: Comparison; n: number; m: number | string; paths: PathOption[]; onChange: (c: Comparison) => void; onRemove: () => void }

export function ConditionRow({ cmp, n, m, paths, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const type = paths.find((p) => p.path === cmp.path)?.type;
  const values = type?.kind === 'string' ? type.values : undefined;
  const dateLike = type?.kind === 'date' || type?.kind === 'date_time';
  const id = `c-${n}-${m}`;
  const setOp = (op: Comparison['op']) => {
    const { value, ...rest } = cmp;
    onChange(NO_VALUE_OPS.has(op) ? { ...rest, op } : { ...rest, op, value: value ?? '' });
  };
  return (
    <div className="condition">
      <label htmlFor={`${id}-path`} className="sr-only">{t('panel.path', { n, m })}</label>
      <select id={`${id}-path`} value={cmp.path} onChange={(e) => onChange({ ...cmp, path: e.target.value })}>
        <option value="">{t('panel.choosePath')}</option>
        {paths.map((p) => <option key={p.path} value={p.path}>{p.label}</option>)}
        {cmp.path && !paths.some((p) => p.path === cmp.path) && <option value={cmp.path}>{cmp.path}</option>}
      </select>
      <label htmlFor={`${id}-op`} className="sr-only">{t('panel.op', { n, m })}</label>
      <select id={`${id}-op`} value={cmp.op} onChange={(e) => setOp(e.target.value as Comparison['op'])}>
        {OPS.map((op) => <option key={op} value={op}>{t(`ops.${op}`, { defaultValue: op.replace(/_/g, ' ') })}</option>)}
      </select>
      {!NO_VALUE_OPS.has(cmp.op) && (
        <>
          <label htmlFor={`${id}-value`} className="sr-only">{t('panel.value', { n, m })}</label>
          {values ? (
            <select id={`${id}-value`} value={valueText(cmp.value)} onChange={(e) => onChange({ ...cmp, value: e.target.value })}>
              <option value="" />
              {values.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          ) : (
            <input id={`${id}-value`} value={valueText(cmp.value)} placeholder={dateLike ? '-P18Y' : ''}
              onChange={(e) => onChange({ ...cmp, value: parseValue(e.target.value, dateLike) })} />
          )}
        </>
      )}
      <button type="button" onClick={onRemove} aria-label={t('panel.removeCondition', { n, m })}>✕</button>
    </div>
  );
}

/** One comparison: a path that precedes the task, an operator fitting the path's type, and a value fitting it too. */
import { useTranslation } from 'react-i18next';
import { opsFor, type Comparison } from '../../../../../compiler';
import type { PathOption } from '../paths';
import { NO_VALUE_OPS, parseValue, relativeParts, valueText } from './conditions';

interface Props { cmp: Comparison; n: number; m: number | string; paths: PathOption[]; onChange: (c: Comparison) => void; onRemove: () => void }

export function ConditionRow({ cmp, n, m, paths, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const typeOf = (path: string) => paths.find((p) => p.path === path)?.type;
  const type = typeOf(cmp.path);
  const ops = opsFor(type);
  const values = type?.kind === 'string' ? type.values : type?.kind === 'boolean' ? ['true', 'false'] : undefined;
  const dateLike = type?.kind === 'date' || type?.kind === 'date_time';
  const id = `c-${n}-${m}`;
  const v = cmp.value;
  const parts = v !== null && typeof v === 'object' && !Array.isArray(v) && 'relative' in v ? relativeParts(v.relative) : undefined;
  const relative = parts && t(parts.past ? 'relative.ago' : 'relative.in', { text: parts.parts.map((p) => t(`relative.${p.unit}`, { count: p.count })).join(', ') });
  const setOp = (op: Comparison['op'], path = cmp.path) => {
    const { value, ...rest } = cmp;
    onChange(NO_VALUE_OPS.has(op) ? { ...rest, path, op } : { ...rest, path, op, value: value ?? '' });
  };
  // A path of another type keeps the operator if it fits, else takes the first that does.
  const onPath = (path: string) => {
    const fits = opsFor(typeOf(path));
    if (fits.includes(cmp.op)) onChange({ ...cmp, path });
    else setOp(fits[0] ?? 'exists', path);
  };
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
          <label htmlFor={`${id}-value`} className="sr-only">{t('panel.value', { n, m })}</label>
          {values ? (
            <select id={`${id}-value`} value={valueText(cmp.value)}
              onChange={(e) => onChange({ ...cmp, value: type?.kind === 'boolean' ? e.target.value === 'true' : e.target.value })}>
              <option value="" />
              {values.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          ) : (
            <input id={`${id}-value`} value={valueText(cmp.value)} placeholder={dateLike ? '-P18Y' : ''} aria-describedby={relative ? `${id}-relative` : undefined}
              onChange={(e) => onChange({ ...cmp, value: parseValue(e.target.value, dateLike) })} />
          )}
        </>
      )}
      {relative && <small id={`${id}-relative`}>{relative}</small>}
      <button type="button" onClick={onRemove} aria-label={t('panel.removeCondition', { n, m })}>✕</button>
    </div>
  );
}

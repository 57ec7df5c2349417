/**
 * A group of conditions: all / any / not all / none of its items, each a comparison or a nested
 * group. Items are reordered by dragging their handle, or with "Move up" / "Move down". An item it
 * cannot edit (readable.ts) is a note, kept as it is, and may still be moved or removed.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comparison, Condition } from '../../../../../compiler';
import type { PathOption } from '../paths';
import { ConditionRow } from './ConditionRow';
import { fromGroup, isGroup, moveItem, toGroup, type GroupMode } from './conditions';
import { NotEditable } from './NotEditable';
import { conditionItems, type Parts } from './readable';

const MIME = 'application/x-open-studio-condition';
const MODES: GroupMode[] = ['all', 'any', 'not_all', 'none'];

interface Props {
  cond: Condition; n: number; paths: PathOption[]; onChange: (c: Condition) => void;
  /** Where the condition is in the task (`branches[0].when`), and the parts of the task not editable. */
  path: string; parts: Parts;
  /** The group's number inside the branch ("2", "2.1"); absent for the branch's own group. */
  g?: string | undefined;
}

export function ConditionGroup({ cond, n, g, paths, onChange, path, parts }: Props) {
  const { t } = useTranslation();
  const group = toGroup(cond);
  const at = conditionItems(cond, path).map((x) => x.path);
  const [over, setOver] = useState<number | null>(null);
  const set = (items: Condition[], mode = group.mode) => onChange(fromGroup({ mode, items }));
  const where = g ? t('panel.groupName', { n, g }) : t('panel.branch', { n });
  const sub = (i: number) => (g ? `${g}.${i + 1}` : `${i + 1}`);
  const key = `g-${n}-${g ?? '0'}`;
  const onDrop = (to: number) => (e: DragEvent) => {
    const raw = e.dataTransfer.getData(MIME);
    setOver(null);
    const [from, at] = raw.split('@');
    if (at !== key || from === undefined) return;
    e.preventDefault();
    set(moveItem(group.items, Number(from), to));
  };
  return (
    <div className={g ? 'cond-group nested' : 'cond-group'} role="group" aria-label={g ? where : t('panel.conditionsOf', { n })}>
      <div className="field">
        <label htmlFor={`${key}-mode`}>{g ? t('panel.groupMatch', { n, g }) : t('panel.match', { n })}</label>
        <select id={`${key}-mode`} value={group.mode} onChange={(e) => set(group.items, e.target.value as GroupMode)}>
          {MODES.map((m) => <option key={m} value={m}>{t(`panel.mode.${m}`)}</option>)}
        </select>
      </div>
      <ol className="cond-items">
        {group.items.map((item, i) => {
          const m = sub(i);
          const expected = parts.get(at[i] ?? path);
          const name = !expected && isGroup(item) ? t('panel.groupName', { n, g: m }) : t('panel.conditionName', { n, m });
          return (
            <li key={i} className={over === i ? 'drop-over' : undefined}
              onDragOver={(e) => { if (e.dataTransfer.types.includes(MIME)) { e.preventDefault(); setOver(i); } }}
              onDragLeave={() => setOver(null)} onDrop={onDrop(i)}>
              <div className="cond-item-tools">
                <span className="drag-handle" draggable aria-hidden="true" title={t('panel.dragToReorder')}
                  onDragStart={(e) => { e.dataTransfer.setData(MIME, `${i}@${key}`); e.dataTransfer.effectAllowed = 'move'; }}>⠿</span>
                <button type="button" disabled={i === 0} onClick={() => set(moveItem(group.items, i, i - 1))}>{t('panel.moveUp', { name })}</button>
                <button type="button" disabled={i === group.items.length - 1} onClick={() => set(moveItem(group.items, i, i + 1))}>{t('panel.moveDown', { name })}</button>
              </div>
              {expected ? (
                <>
                  <NotEditable what={name.charAt(0).toUpperCase() + name.slice(1)} path={at[i] ?? path} expected={expected} />
                  <button type="button" onClick={() => set(group.items.filter((_, k) => k !== i))}>{t('panel.removeCondition', { n, m })}</button>
                </>
              ) : isGroup(item) ? (
                <>
                  <ConditionGroup cond={item} n={n} g={m} path={at[i] ?? path} parts={parts} paths={paths} onChange={(x) => set(group.items.map((y, k) => (k === i ? x : y)))} />
                  <button type="button" onClick={() => set(group.items.filter((_, k) => k !== i))}>{t('panel.removeGroup', { n, g: m })}</button>
                </>
              ) : (
                <ConditionRow cmp={item as Comparison} n={n} m={m} paths={paths}
                  onChange={(x) => set(group.items.map((y, k) => (k === i ? x : y)))}
                  onRemove={() => set(group.items.filter((_, k) => k !== i))} />
              )}
            </li>
          );
        })}
      </ol>
      <div className="row-actions">
        <button type="button" onClick={() => set([...group.items, { path: '', op: 'eq', value: '' }])}>
          {g ? t('panel.addConditionToGroup', { n, g }) : t('panel.addCondition', { n })}</button>
        <button type="button" onClick={() => set([...group.items, { all: [] }])}>
          {g ? t('panel.addGroupToGroup', { n, g }) : t('panel.addGroup', { n })}</button>
      </div>
    </div>
  );
}

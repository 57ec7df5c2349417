/** Task updates: a notice when tasks are pinned to an older version of their type; apply one or all (a new draft). */
import { useTranslation } from 'react-i18next';
import { availableUpdates, validate, type Task } from '../../../../compiler';
import { taskLabel, type Draft } from './model';

export function Updates({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const checked = validate(draft);
  const updates = checked.workflow ? availableUpdates(checked.workflow) : [];
  if (updates.length === 0) return null;
  const apply = (ids: string[]) => onChange({
    ...draft,
    tasks: draft.tasks.map((x) => {
      const u = updates.find((y) => y.task === x.id && ids.includes(x.id));
      return u ? ({ ...x, version: u.to } as Task) : x;
    }),
  });
  const label = (id: string) => { const x = draft.tasks.find((y) => y.id === id); return x ? taskLabel(x) : id; };
  return (
    <section className="updates" role="region" aria-labelledby="updates-h">
      <h2 id="updates-h">{t('updates.heading', { count: updates.length })}</h2>
      <ul>
        {updates.map((u) => (
          <li key={u.task}>
            <strong>{label(u.task)}</strong>: {t('updates.change', { from: u.from, to: u.to })}
            <ul>{u.notes.map((n) => <li key={n}>{n}</li>)}</ul>
            <button type="button" onClick={() => apply([u.task])} aria-label={t('updates.applyOne', { task: label(u.task) })}>{t('updates.apply')}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => apply(updates.map((u) => u.task))}>{t('updates.applyAll')}</button>
    </section>
  );
}

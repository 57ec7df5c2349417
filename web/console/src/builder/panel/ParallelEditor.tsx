/** Parallel: its branches (each where it starts; at least two), added and removed, and where they join (`next`). */
import { useTranslation } from 'react-i18next';
import type { Task, TaskOf } from '../../../../../compiler';
import { taskLabel, type Draft } from '../model';
import { NextRoute } from './NextRoute';

type Parallel = TaskOf<'parallel'>;

export function ParallelEditor({ draft, task, onChange }: { draft: Draft; task: Parallel; onChange: (t: Parallel) => void }) {
  const { t } = useTranslation();
  const others = draft.tasks.filter((x) => x.id !== task.id);
  const setStart = (i: number, start: string) => onChange({ ...task, branches: task.branches.map((b, j) => (j === i ? { start } : b)) });
  return (
    <fieldset className="branches">
      <legend>{t('parallel.branches')}</legend>
      {task.branches.map((b, i) => (
        <div className="field" key={i}>
          <label htmlFor={`par-${i + 1}`}>{t('parallel.start', { n: i + 1 })}</label>
          <select id={`par-${i + 1}`} value={b.start} onChange={(e) => setStart(i, e.target.value)}>
            <option value="">{t('panel.noSource')}</option>
            {others.map((x) => <option key={x.id} value={x.id}>{taskLabel(x)}</option>)}
          </select>
          <button type="button" onClick={() => onChange({ ...task, branches: task.branches.filter((_, j) => j !== i) })}>{t('parallel.remove', { n: i + 1 })}</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange({ ...task, branches: [...task.branches, { start: '' }] })}>{t('parallel.add')}</button>
      <NextRoute draft={draft} task={task} label={t('parallel.join')} onChange={(x: Task) => onChange(x as Parallel)} />
    </fieldset>
  );
}

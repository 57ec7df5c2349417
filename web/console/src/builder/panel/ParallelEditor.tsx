/**
 * Parallel: its branches (each where it starts; at least two), added and removed, and where they
 * join (`next`). Branches that are not a list, or a branch it cannot edit, are a note (readable.ts).
 */
import { useTranslation } from 'react-i18next';
import type { Task, TaskOf } from '../../../../../compiler';
import { taskLabel, type Draft } from '../model';
import { NextRoute } from './NextRoute';
import { guarded } from './NotEditable';
import type { Parts } from './readable';

type Parallel = TaskOf<'parallel'>;

export function ParallelEditor({ draft, task, parts, onChange }: { draft: Draft; task: Parallel; parts: Parts; onChange: (t: Parallel) => void }) {
  const { t } = useTranslation();
  const others = draft.tasks.filter((x) => x.id !== task.id);
  const setStart = (i: number, start: string) => onChange({ ...task, branches: task.branches.map((b, j) => (j === i ? { start } : b)) });
  return (
    <fieldset className="branches">
      <legend>{t('parallel.branches')}</legend>
      {guarded(parts, 'branches', t('parallel.branches'), () => (
        <>
          {task.branches.map((b, i) => {
            const remove = <button type="button" onClick={() => onChange({ ...task, branches: task.branches.filter((_, j) => j !== i) })}>{t('parallel.remove', { n: i + 1 })}</button>;
            return (
              <div className="field" key={i}>
                {guarded(parts, `branches[${i}]`, t('parallel.start', { n: i + 1 }), () => (
                  <>
                    <label htmlFor={`par-${i + 1}`}>{t('parallel.start', { n: i + 1 })}</label>
                    <select id={`par-${i + 1}`} value={b.start} onChange={(e) => setStart(i, e.target.value)}>
                      <option value="">{t('panel.noSource')}</option>
                      {others.map((x) => <option key={x.id} value={x.id}>{taskLabel(x)}</option>)}
                    </select>
                  </>
                ))}
                {remove}
              </div>
            );
          })}
          <button type="button" onClick={() => onChange({ ...task, branches: [...task.branches, { start: '' }] })}>{t('parallel.add')}</button>
        </>
      ))}
      {guarded(parts, 'next', t('parallel.join'), () => <NextRoute draft={draft} task={task} label={t('parallel.join')} onChange={(x: Task) => onChange(x as Parallel)} />)}
    </fieldset>
  );
}

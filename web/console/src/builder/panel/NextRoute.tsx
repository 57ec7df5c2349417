/** Where a task leads (`next`): the keyboard alternative to reconnecting its edge on the canvas. */
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../../compiler';
import { taskLabel, type Draft } from '../model';

export function NextRoute({ draft, task, label, onChange }: { draft: Draft; task: Task & { next: string | null }; label?: string; onChange: (t: Task) => void }) {
  const { t } = useTranslation();
  const id = `next-${task.id}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('panel.next')}</label>
      <select id={id} value={task.next ?? ''} onChange={(e) => onChange({ ...task, next: e.target.value || null } as Task)}>
        <option value="">{t('panel.noSource')}</option>
        {draft.tasks.filter((x) => x.id !== task.id).map((x) => <option key={x.id} value={x.id}>{taskLabel(x)}</option>)}
      </select>
    </div>
  );
}

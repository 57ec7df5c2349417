/** Retry: the capture task the user goes back to, and where the run goes once the retries are used. */
import { useTranslation } from 'react-i18next';
import { isInteractive, type TaskOf } from '../../../../../compiler';
import { taskLabel, type Draft } from '../model';
import { guarded } from './NotEditable';
import type { Parts } from './readable';

export function RetryRoutes({ draft, task, parts, onChange }: { draft: Draft; task: TaskOf<'retry'>; parts: Parts; onChange: (t: TaskOf<'retry'>) => void }) {
  const { t } = useTranslation();
  const captures = draft.tasks.filter((x) => isInteractive(x.type));
  const others = draft.tasks.filter((x) => x.id !== task.id);
  const target = t('fields.target', { defaultValue: 'Go back to' });
  const limit = t('fields.limit_reached', { defaultValue: 'When the limit is reached' });
  return (
    <>
      {guarded(parts, 'target', target, () => <div className="field">
        <label htmlFor="retry-target">{target}</label>
        <select id="retry-target" value={task.target} onChange={(e) => onChange({ ...task, target: e.target.value })}>
          <option value="">{t('panel.noSource')}</option>
          {captures.map((x) => <option key={x.id} value={x.id}>{taskLabel(x)}</option>)}
        </select>
      </div>)}
      {guarded(parts, 'limit_reached', limit, () => <div className="field">
        <label htmlFor="retry-limit">{limit}</label>
        <select id="retry-limit" value={task.limit_reached ?? ''} onChange={(e) => onChange({ ...task, limit_reached: e.target.value || null })}>
          <option value="">{t('panel.noSource')}</option>
          {others.map((x) => <option key={x.id} value={x.id}>{taskLabel(x)}</option>)}
        </select>
      </div>)}
    </>
  );
}

/** Every step of a run (results/route.ts on the server): status, start, end, duration, input and output (collapsible), then the route on the graph. */
import { useTranslation } from 'react-i18next';
import type { Step } from './api';
import { RouteGraph, seconds } from './RouteGraph';
import { TableScroll } from '../TableScroll';

export const when = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '–');

function Data({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === null) return null;
  return <details><summary>{label}</summary><pre>{JSON.stringify(value, null, 2)}</pre></details>;
}

export function TasksTab({ steps, definition }: { steps: Step[]; definition: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <TableScroll label={t('results.run.tasks')}>
        <table aria-label={t('results.run.tasks')}>
          <thead><tr>
            <th>{t('results.run.task')}</th><th>{t('results.run.type')}</th><th>{t('results.status')}</th><th>{t('results.run.start')}</th>
            <th>{t('results.run.end')}</th><th>{t('results.run.duration')}</th><th>{t('results.run.data')}</th>
          </tr></thead>
          <tbody>{steps.map((s, i) => (
            <tr key={`${s.task_id}-${i}`}>
              <td>{s.name} <span className="muted">{s.task_id}</span></td><td>{s.task_type}</td>
              <td><span className={`task-status task-${s.status}`}>{t(`results.run.taskStatus.${s.status}`)}</span></td>
              <td>{when(s.started_at)}</td><td>{when(s.ended_at)}</td>
              <td>{s.duration_ms === null ? '–' : t('results.run.seconds', { s: seconds(s.duration_ms) })}</td>
              <td><Data label={t('results.run.input')} value={s.input} /><Data label={t('results.run.taskOutput')} value={s.output} /></td>
            </tr>
          ))}</tbody>
        </table>
      </TableScroll>
      <RouteGraph definition={definition} steps={steps} />
    </>
  );
}

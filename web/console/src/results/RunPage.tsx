/** A run's page (`/console/results/<run id>`, the run's `dashboard_url`): tabs Overview, Reports and Tasks. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { resultsApi, type Run, type Task } from './api';
import { Breakdown } from './Breakdown';
import { ReviewDecision } from './ReviewDecision';

const TABS = ['overview', 'reports', 'tasks'] as const;
type Tab = (typeof TABS)[number];
const when = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '–');
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function RunPage({ api, id }: { api: Client; id: string }) {
  const { t } = useTranslation();
  const calls = useMemo(() => resultsApi(api), [api]);
  const [run, setRun] = useState<Run | undefined>();
  const [tasks, setTasks] = useState<Task[]>([]);
  const [tab, setTab] = useState<Tab>('overview');
  const [error, setError] = useState('');
  useEffect(() => {
    calls.run(id).then(setRun, (e: Error) => setError(e.message));
    calls.tasks(id).then((list) => Promise.all(list.map((x) => calls.task(id, x.id)))).then(setTasks, (e: Error) => setError(e.message));
  }, [calls, id]);
  if (error) return <p role="alert">{error}</p>;
  if (!run) return <p>{t('app.loading')}</p>;
  const reports = tasks.filter((x) => x.task_type.endsWith('_report') || x.task_type === 'driving_licence_verification');
  return (
    <section aria-labelledby="run-h">
      <h1 id="run-h">{t('results.run.heading', { id: run.id })}</h1>
      <ReviewDecision run={run} />
      <div role="tablist" aria-label={t('results.run.tabs')}>
        {TABS.map((x) => (
          <button type="button" role="tab" key={x} id={`tab-${x}`} aria-controls={`panel-${x}`} aria-selected={tab === x} tabIndex={tab === x ? 0 : -1}
            onClick={() => setTab(x)}>{t(`results.run.${x}`)}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'overview' && (
          <dl className="run-overview">
            <dt>{t('results.status')}</dt><dd>{t(`results.statuses.${run.status}`, { defaultValue: run.status })}</dd>
            <dt>{t('results.reasons')}</dt><dd>{run.reasons.length ? run.reasons.map(text).join(', ') : '–'}</dd>
            <dt>{t('results.run.output')}</dt><dd><pre>{JSON.stringify(run.output, null, 2)}</pre></dd>
            <dt>{t('results.workflow')}</dt><dd>{run.workflow_id} {t('results.version', { version: run.workflow_version_id })}</dd>
            <dt>{t('results.applicant')}</dt><dd>{run.applicant_id}</dd>
            <dt>{t('results.tags')}</dt><dd>{run.tags.join(', ') || '–'}</dd>
            <dt>{t('results.created')}</dt><dd>{when(run.created_at)}</dd>
            <dt>{t('results.run.updated')}</dt><dd>{when(run.updated_at)}</dd>
            <dt>{t('results.run.link')}</dt><dd>{run.link.expires_at ? t('results.run.linkExpires', { at: when(run.link.expires_at) }) : t('results.run.linkOpen')}</dd>
          </dl>
        )}
        {tab === 'reports' && (reports.length === 0 ? <p>{t('results.run.noReports')}</p> : reports.map((r) => <Breakdown key={r.id} task={r} />))}
        {tab === 'tasks' && (
          <table>
            <thead><tr><th>{t('results.run.task')}</th><th>{t('results.run.type')}</th><th>{t('results.status')}</th><th>{t('results.run.start')}</th><th>{t('results.run.end')}</th><th>{t('results.run.duration')}</th></tr></thead>
            <tbody>{tasks.map((x) => (
              <tr key={x.id}>
                <td>{x.name}</td><td>{x.task_type}</td><td><span className={`task-status task-${x.status}`}>{t(`results.run.taskStatus.${x.status}`)}</span></td>
                <td>{when(x.created_at)}</td><td>{when(x.completed_at)}</td>
                <td>{x.completed_at ? t('results.run.seconds', { s: Math.max(0, (Date.parse(x.completed_at) - Date.parse(x.created_at)) / 1000).toFixed(0) }) : '–'}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/**
 * A run's page (`/console/results/<run id>`, the run's `dashboard_url`): tabs Overview, Media,
 * Reports, Tasks (with the route on the workflow's graph) and Timeline; the arrow keys move
 * between tabs.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { resultsApi, type Inspection, type Run, type Task } from './api';
import { Breakdown } from './Breakdown';
import { ReviewDecision } from './ReviewDecision';
import { MediaTab } from './MediaTab';
import { TasksTab, when } from './TasksTab';
import { TimelineTab } from './TimelineTab';

const TABS = ['overview', 'media', 'reports', 'tasks', 'timeline'] as const;
type Tab = (typeof TABS)[number];
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function RunPage({ api, id }: { api: Client; id: string }) {
  const { t } = useTranslation();
  const calls = useMemo(() => resultsApi(api), [api]);
  const [run, setRun] = useState<Run | undefined>();
  const [tasks, setTasks] = useState<Task[]>([]);
  const [inspection, setInspection] = useState<Inspection | undefined>();
  const [tab, setTab] = useState<Tab>('overview');
  const [error, setError] = useState('');
  useEffect(() => {
    calls.run(id).then(setRun, (e: Error) => setError(e.message));
    calls.tasks(id).then((list) => Promise.all(list.map((x) => calls.task(id, x.id)))).then(setTasks, (e: Error) => setError(e.message));
    calls.inspect(id).then(setInspection, (e: Error) => setError(e.message));
  }, [calls, id]);
  const onTabKey = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    const next = TABS[(TABS.indexOf(tab) + d + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  if (error) return <p role="alert">{error}</p>;
  if (!run) return <p>{t('app.loading')}</p>;
  const reports = tasks.filter((x) => x.task_type.endsWith('_report') || x.task_type === 'driving_licence_verification');
  return (
    <section aria-labelledby="run-h">
      <h1 id="run-h">{t('results.run.heading', { id: run.id })}</h1>
      <ReviewDecision run={run} />
      <div role="tablist" aria-label={t('results.run.tabs')} onKeyDown={onTabKey}>
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
        {tab === 'media' && (inspection ? <MediaTab api={api} media={inspection.media} /> : <p>{t('app.loading')}</p>)}
        {tab === 'tasks' && (inspection ? <TasksTab steps={inspection.steps} definition={inspection.definition} /> : <p>{t('app.loading')}</p>)}
        {tab === 'timeline' && (inspection ? <TimelineTab events={inspection.timeline} /> : <p>{t('app.loading')}</p>)}
      </div>
    </section>
  );
}

/**
 * A run's page (`/console/results/<run id>`, the run's `dashboard_url`): tabs Overview, Media,
 * Reports, Tasks (with the route on the workflow's graph) and Timeline; the arrow keys move
 * between tabs. Each section (the run, its reports, the inspection behind Media, Tasks and
 * Timeline) loads on its own, says so while it does, and a failed one shows why in its place:
 * an alert the first time, a plain paragraph when a tab shows it again (announced once, not at
 * every switch of tab).
 */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
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

/** A section's call: loading (neither set), its data, or why it failed. */
interface Loaded<T> { data?: T; error?: string }

/** `call`'s answer as a section's state, dropped if the page has moved on (another run) meanwhile. */
function useLoaded<T>(call: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({});
  useEffect(() => {
    let live = true;
    setState({});
    call().then((data) => { if (live) setState({ data }); }, (e: Error) => { if (live) setState({ error: e.message }); });
    return () => { live = false; };
  }, [call]);
  return state;
}

/** The run's tasks in full; those whose own call failed are left out and named in `failed`. */
async function allTasks(calls: ReturnType<typeof resultsApi>, id: string): Promise<{ tasks: Task[]; failed: string }> {
  const settled = await Promise.allSettled((await calls.tasks(id)).map((x) => calls.task(id, x.id)));
  const tasks = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  return { tasks, failed: [...new Set(failed)].join('; ') };
}

/** A failure shown in its section: an alert when first shown (`said`: the failures shown so far), after that a plain paragraph. */
function Failure({ text, said }: { text: string; said: Set<string> }) {
  const [first] = useState(() => !said.has(text));
  useEffect(() => { said.add(text); }, [said, text]);
  return <p role={first ? 'alert' : undefined}>{text}</p>;
}

export function RunPage({ api, id }: { api: Client; id: string }) {
  const { t } = useTranslation();
  const calls = useMemo(() => resultsApi(api), [api]);
  // Each section loads on its own: one that fails shows why in its place and the others stay.
  const run = useLoaded<Run>(useCallback(() => calls.run(id), [calls, id]));
  const tasks = useLoaded(useCallback(() => allTasks(calls, id), [calls, id]));
  const inspection = useLoaded<Inspection>(useCallback(() => calls.inspect(id), [calls, id]));
  const [tab, setTab] = useState<Tab>('overview');
  // The failures of this run said so far: each is announced once, whichever tab shows it.
  const said = useMemo(() => new Set<string>(), [id]);
  // Keyed by tab too: a tab that shows it again gets an element of its own (the same key would carry the alert over).
  const failure = (text: string) => <Failure key={`${tab}:${text}`} text={text} said={said} />;
  const onTabKey = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    const next = TABS[(TABS.indexOf(tab) + d + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const loading = <p>{t('app.loading')}</p>;
  const reports = (tasks.data?.tasks ?? []).filter((x) => x.task_type.endsWith('_report') || x.task_type === 'driving_licence_verification');
  const inspected = (show: (x: Inspection) => ReactNode) => (inspection.data ? show(inspection.data)
    : inspection.error ? failure(t('results.run.inspectFailed', { error: inspection.error })) : loading);
  return (
    <section aria-labelledby="run-h">
      <h1 id="run-h">{t('results.run.heading', { id })}</h1>
      {run.data && <ReviewDecision run={run.data} />}
      <div role="tablist" aria-label={t('results.run.tabs')} onKeyDown={onTabKey}>
        {TABS.map((x) => (
          <button type="button" role="tab" key={x} id={`tab-${x}`} aria-controls={`panel-${x}`} aria-selected={tab === x} tabIndex={tab === x ? 0 : -1}
            onClick={() => setTab(x)}>{t(`results.run.${x}`)}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'overview' && (run.error ? failure(run.error) : !run.data ? loading : <Overview run={run.data} />)}
        {tab === 'reports' && (tasks.error ? failure(t('results.run.reportsFailed', { error: tasks.error })) : !tasks.data ? loading : (
          <>
            {tasks.data.failed && failure(t('results.run.reportsFailed', { error: tasks.data.failed }))}
            {reports.length === 0 && !tasks.data.failed ? <p>{t('results.run.noReports')}</p> : reports.map((r) => <Breakdown key={r.id} task={r} />)}
          </>
        ))}
        {tab === 'media' && inspected((x) => <MediaTab api={api} media={x.media} />)}
        {tab === 'tasks' && inspected((x) => <TasksTab steps={x.steps} definition={x.definition} />)}
        {tab === 'timeline' && inspected((x) => <TimelineTab events={x.timeline} />)}
      </div>
    </section>
  );
}

function Overview({ run }: { run: Run }) {
  const { t } = useTranslation();
  return (
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
  );
}

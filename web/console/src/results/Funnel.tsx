/**
 * The funnel of a workflow version (`/console/funnel?workflow_id=…&version=…`, served by
 * `GET /v3.6/studio/funnel`): runs started, where end users stopped, completion rate, median
 * time per task, outcomes; a chart (FunnelChart.tsx) and the same figures as tables. Trial runs
 * are left out unless "Include trial runs" is checked.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, VersionSummary, WorkflowView } from '../api';
import { resultsApi, type Funnel as FunnelData } from './api';
import { FunnelChart } from './FunnelChart';
import { replaceQuery } from '../router';
import { seconds } from './RouteGraph';
import { TableScroll } from '../TableScroll';

interface Choice { workflow_id: string; version: number; include_trials: boolean }
const fromUrl = (): Choice => {
  const q = new URLSearchParams(location.search);
  return { workflow_id: q.get('workflow_id') ?? '', version: Number(q.get('version') ?? 0) || 0, include_trials: q.get('include_trials') === 'true' };
};

export function Funnel({ api }: { api: Client }) {
  const { t } = useTranslation();
  const calls = useMemo(() => resultsApi(api), [api]);
  const [choice, setChoice] = useState<Choice>(fromUrl);
  const [workflows, setWorkflows] = useState<WorkflowView[]>([]);
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [funnel, setFunnel] = useState<FunnelData | undefined>();
  const [error, setError] = useState('');
  useEffect(() => { api.workflows().then(setWorkflows, (e: Error) => setError(e.message)); }, [api]);
  useEffect(() => {
    if (!choice.workflow_id) { setVersions([]); return undefined; }
    let live = true;
    api.versions(choice.workflow_id).then((v) => { if (live) setVersions(v); }, (e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [api, choice.workflow_id]);
  useEffect(() => {
    setFunnel(undefined);
    if (!choice.workflow_id || !choice.version) return undefined;
    // A reply to a choice changed since is dropped: only the latest may be shown.
    let live = true;
    calls.funnel(choice.workflow_id, choice.version, choice.include_trials)
      .then((f) => { if (live) setFunnel(f); }, (e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [calls, choice]);
  const change = (c: Choice) => {
    const q = new URLSearchParams({ ...(c.workflow_id ? { workflow_id: c.workflow_id } : {}), ...(c.version ? { version: String(c.version) } : {}), ...(c.include_trials ? { include_trials: 'true' } : {}) });
    replaceQuery(`${location.pathname}${q.size ? `?${q.toString()}` : ''}`);
    setError('');
    setChoice(c);
  };
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
  return (
    <section aria-labelledby="funnel-h">
      <h1 id="funnel-h">{t('funnel.heading')}</h1>
      <div className="results-filters">
        <span className="field"><label htmlFor="funnel-wf">{t('results.workflow')}</label>
          <select id="funnel-wf" value={choice.workflow_id} onChange={(e) => change({ ...choice, workflow_id: e.target.value, version: 0 })}>
            <option value="">{t('funnel.chooseWorkflow')}</option>
            {workflows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
          </select></span>
        <span className="field"><label htmlFor="funnel-version">{t('funnel.version')}</label>
          <select id="funnel-version" value={choice.version} disabled={!choice.workflow_id} onChange={(e) => change({ ...choice, version: Number(e.target.value) })}>
            <option value={0}>{t('funnel.chooseVersion')}</option>
            {versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
          </select></span>
        <span className="field"><input id="funnel-trials" type="checkbox" checked={choice.include_trials} onChange={(e) => change({ ...choice, include_trials: e.target.checked })} />
          <label htmlFor="funnel-trials">{t('funnel.includeTrials')}</label></span>
      </div>
      {error && <p role="alert">{error}</p>}
      {choice.version > 0 && !funnel && !error && <p>{t('app.loading')}</p>}
      {funnel && (
        <>
          <p>{t('funnel.totals', { started: funnel.started, completed: funnel.completed, rate: pct(funnel.completion_rate) })}
            {funnel.trials_excluded > 0 && ` ${t('funnel.trialsExcluded', { n: funnel.trials_excluded })}`}
            {funnel.truncated && ` ${t('funnel.truncated', { oldest: funnel.oldest ?? '' })}`}</p>
          <FunnelChart funnel={funnel} />
          <TableScroll label={t('funnel.perTask')}>
            <table aria-label={t('funnel.perTask')}>
              <thead><tr><th>{t('results.run.task')}</th><th>{t('funnel.reached')}</th><th>{t('funnel.completed')}</th><th>{t('funnel.stopped')}</th><th>{t('funnel.waiting')}</th><th>{t('funnel.median')}</th></tr></thead>
              <tbody>{funnel.tasks.map((x) => (
                <tr key={x.task_id}><td>{x.name}</td><td>{x.reached}</td><td>{x.completed}</td><td>{x.stopped}</td><td>{x.waiting}</td>
                  <td>{x.median_ms === null ? '–' : t('results.run.seconds', { s: seconds(x.median_ms) })}</td></tr>
              ))}</tbody>
            </table>
          </TableScroll>
          <TableScroll label={t('funnel.outcomes')}>
            <table aria-label={t('funnel.outcomes')}>
              <thead><tr><th>{t('results.status')}</th><th>{t('funnel.runs')}</th></tr></thead>
              <tbody>{Object.entries(funnel.outcomes).map(([s, n]) => <tr key={s}><td>{t(`results.statuses.${s}`, { defaultValue: s })}</td><td>{n}</td></tr>)}</tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

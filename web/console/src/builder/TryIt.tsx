/**
 * "Try it": the draft run in sandbox (POST …/trial_runs) with a sample applicant and the result
 * each report task is to give (capture tasks are completed with sample captures by the server,
 * lambdas/runs/trial-captures.ts); then the region "Trial run" follows the run until it stops
 * processing, and the builder draws the route it took (trial.ts).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTRY } from '../../../../compiler';
import type { Client, TrialRun } from '../api';
import { Link } from '../Link';
import { Modal } from '../Modal';
import { taskLabel, type Draft } from './model';

type Result = 'clear' | 'consider';
const POLL_MS = 1000;
const LIVING = new Set(['processing']);

export function TryItDialog({ api, id, draft, onStarted, onClose }: {
  api: Client; id: string; draft: Draft; onStarted: (run: TrialRun) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const reports = draft.tasks.filter((x) => REGISTRY[x.type]?.kind === 'report');
  const [first, setFirst] = useState('Jane');
  const [last, setLast] = useState('Doe');
  const [results, setResults] = useState<Record<string, Result>>({});
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const report_results = Object.fromEntries(reports.map((r) => [r.id, results[r.id] ?? 'clear']));
    try {
      onStarted(await api.trialRun(id, { definition: draft, applicant: { first_name: first, last_name: last }, report_results }));
    } catch (err) { setError((err as Error).message); }
  };
  return (
    <Modal title={t('trial.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>{t('trial.intro')}</p>
        <label htmlFor="trial-first">{t('trial.firstName')}</label>
        <input id="trial-first" value={first} onChange={(e) => setFirst(e.target.value)} required maxLength={100} />
        <label htmlFor="trial-last">{t('trial.lastName')}</label>
        <input id="trial-last" value={last} onChange={(e) => setLast(e.target.value)} required maxLength={100} />
        {reports.map((r) => (
          <div key={r.id} className="field">
            <label htmlFor={`trial-${r.id}`}>{t('trial.resultOf', { task: taskLabel(r) })}</label>
            <select id={`trial-${r.id}`} value={results[r.id] ?? 'clear'} onChange={(e) => setResults({ ...results, [r.id]: e.target.value as Result })}>
              <option value="clear">{t('trial.clear')}</option>
              <option value="consider">{t('trial.consider')}</option>
            </select>
          </div>
        ))}
        {error && <p role="alert" className="error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>{t('builder.cancel')}</button>
          <button type="submit">{t('trial.run')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Follows a trial run until it stops processing, then reports its route (`onRoute`). */
export function TrialStatus({ api, run, onRoute, onClear }: { api: Client; run: TrialRun; onRoute: (route: string[]) => void; onClear: () => void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState<TrialRun>(run);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const r = await api.trialStatus(run.id);
      if (!live) return;
      setNow(r);
      if (LIVING.has(r.status)) { timer = setTimeout(() => void poll().catch(fail), POLL_MS); return; }
      const route = await api.route(run.id);
      if (live) onRoute(route);
    };
    const fail = (e: Error) => { if (live) setError(e.message); };
    void poll().catch(fail);
    return () => { live = false; if (timer) clearTimeout(timer); };
  }, [api, run.id, onRoute]);
  return (
    <section className="trial" role="region" aria-labelledby="trial-h">
      <h2 id="trial-h">{t('trial.region')}</h2>
      <p role="status">{error || t('trial.status', { status: t(`results.statuses.${now.status}`, { defaultValue: now.status }) })}</p>
      <p>
        <Link to={{ page: 'run', id: run.id }}>{t('trial.open')}</Link>{' '}
        <button type="button" onClick={onClear}>{t('trial.clearRoute')}</button>
      </p>
    </section>
  );
}

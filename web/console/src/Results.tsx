/** Results: the workflow runs of the current environment, newest first. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, Run } from './api';

export function Results({ api }: { api: Client }) {
  const { t } = useTranslation();
  const [runs, setRuns] = useState<Run[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => { api.runs().then(setRuns, (e: Error) => setError(e.message)); }, [api]);
  return (
    <section aria-labelledby="results-h">
      <h1 id="results-h">{t('results.heading')}</h1>
      {error && <p role="alert">{error}</p>}
      {!runs && !error && <p>{t('app.loading')}</p>}
      {runs?.length === 0 && <p>{t('results.none')}</p>}
      {runs && runs.length > 0 && (
        <table>
          <thead><tr><th>{t('results.id')}</th><th>{t('results.status')}</th><th>{t('results.workflow')}</th><th>{t('results.created')}</th></tr></thead>
          <tbody>{runs.map((r) => (
            <tr key={r.id}><td>{r.id}</td><td>{r.status}</td><td>{r.workflow_id}</td><td>{r.created_at}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

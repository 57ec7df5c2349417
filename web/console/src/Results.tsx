/** Results: the environment's runs, searched and filtered (results/FilterBar.tsx), the filters in the URL, a page at a time. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, WorkflowView } from './api';
import { Link } from './Link';
import { resultsApi, type ResultRow } from './results/api';
import { FilterBar } from './results/FilterBar';
import { apiQuery, filtersQuery, parseFilters, type Filters } from './results/filters';
import { pushQuery } from './router';
import { TableScroll } from './TableScroll';

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
const nameOf = (r: ResultRow) => [r.applicant.first_name, r.applicant.last_name].filter(Boolean).join(' ');

/** An analyst's decision on a run that ended `review` ("Declined by …"), and who the review is assigned to. */
function Review({ row }: { row: ResultRow }) {
  const { t } = useTranslation();
  const { review, assigned_to: who } = row;
  return (
    <>
      {review && <div className={`result-${review.decision}`}>{t(review.decision === 'approve' ? 'results.decidedApprove' : 'results.decidedDecline', { by: review.by })}</div>}
      {who && <div className="muted">{t('results.assignedTo', { who })}</div>}
    </>
  );
}

export function Results({ api }: { api: Client }) {
  const { t } = useTranslation();
  const calls = useMemo(() => resultsApi(api), [api]);
  const [filters, setFilters] = useState<Filters>(() => parseFilters(location.search));
  const [page, setPage] = useState<{ rows: ResultRow[]; next: string | null } | undefined>();
  const [workflows, setWorkflows] = useState<WorkflowView[]>([]);
  const [error, setError] = useState('');
  useEffect(() => { api.workflows().then(setWorkflows, () => setWorkflows([])); }, [api]);
  useEffect(() => {
    const on = () => setFilters(parseFilters(location.search));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  useEffect(() => {
    // A reply to filters changed since is dropped: only the latest search may fill the list.
    let live = true;
    setPage(undefined);
    setError('');
    calls.search(apiQuery(filters)).then((p) => { if (live) setPage({ rows: p.results, next: p.next }); }, (e: Error) => { if (live) setError(e.message); });
    return () => { live = false; };
  }, [calls, filters]);
  const change = (f: Filters) => {
    const query = filtersQuery(f);
    pushQuery(`${location.pathname}${query ? `?${query}` : ''}`);
    setFilters(f);
  };
  return (
    <section aria-labelledby="results-h">
      <div className="toolbar">
        <h1 id="results-h">{t('results.heading')}</h1>
        <Link to={{ page: 'review' }}>{t('results.reviewQueue')}</Link>
      </div>
      <FilterBar filters={filters} workflows={workflows} onChange={change} key={filters.q} />
      {error && <p role="alert">{error}</p>}
      {/* One persistent polite status: loading, none, or how many were found (WCAG 4.1.3). */}
      <p role="status">{error ? '' : !page ? t('app.loading') : page.rows.length === 0 ? t('results.none')
        : page.next ? t('results.countMore', { count: page.rows.length }) : t('results.count', { count: page.rows.length })}</p>
      {page && page.rows.length > 0 && (
        <TableScroll labelledBy="results-h">
          <table aria-labelledby="results-h">
            <thead><tr>
              <th>{t('results.applicant')}</th><th>{t('results.workflow')}</th><th>{t('results.status')}</th><th>{t('results.reasons')}</th><th>{t('results.created')}</th>
            </tr></thead>
            <tbody>{page.rows.map((r) => (
              <tr key={r.id}>
                <td><Link to={{ page: 'run', id: r.id }}>{nameOf(r) || r.applicant_id}</Link>{r.applicant.email && <div className="muted">{r.applicant.email}</div>}</td>
                <td>{r.workflow_name ?? r.workflow_id} <span className="muted">{t('results.version', { version: r.workflow_version_id })}</span></td>
                <td><span className={`status status-${r.status}`}>{t(`results.statuses.${r.status}`, { defaultValue: r.status })}</span><Review row={r} /></td>
                <td>{r.reasons.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')}</td>
                <td><time dateTime={r.created_at}>{when(r.created_at)}</time></td>
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      )}
      {page?.next && <button type="button" onClick={() => change({ ...filters, after: page.next ?? '' })}>{t('results.nextPage')}</button>}
    </section>
  );
}

/**
 * The review queue (`/console/review`): the environment's runs that ended `review` and wait for a
 * decision (`GET /v3.6/studio/review_queue`), with who each is assigned to, and document reports
 * awaiting an analyst (ReportReviewRow.tsx); each row's group "Review of <name>" has "Assign to
 * me", the "Note" and "Approve" / "Decline" (DecisionForm.tsx). A decided run leaves the queue; a
 * refused decision (decided meanwhile: 409) is shown and the queue reloaded.
 * 100 runs a page: "Next page" follows the API's `next`, "Previous page" goes back to the key
 * the page before started after (the keys of the pages seen are kept).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { resultsApi, type QueueRow as Row, type ResultRow } from './api';
import { DecisionForm, nameOf, SubjectCells, useAction } from './DecisionForm';
import { ReportReviewRow } from './ReportReviewRow';
import { when } from './TasksTab';
import { TableScroll } from '../TableScroll';

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

type Calls = ReturnType<typeof resultsApi>;
interface RowProps { row: ResultRow; me: string; calls: Calls; onChanged: (message: string) => void; onError: (message: string) => void }

function QueueRow({ row, me, calls, onChanged, onError }: RowProps) {
  const { t } = useTranslation();
  const { busy, act } = useAction(onChanged, onError);
  const name = nameOf(row);
  return (
    <tr>
      <SubjectCells row={row} />
      <td>{row.reasons.map(text).join(', ')}</td>
      <td><time dateTime={row.completed_at ?? row.updated_at}>{when(row.completed_at ?? row.updated_at)}</time></td>
      <td>{row.assigned_to ?? t('review.unassigned')}</td>
      <td>
        <DecisionForm label={t('review.group', { name })} id={row.id} busy={busy}
          decisions={[{ value: 'approve', label: t('review.approve') }, { value: 'decline', label: t('review.decline') }]}
          onDecide={(decision, note) => act(() => calls.decide(row.id, decision, note), t(decision === 'approve' ? 'review.approved' : 'review.declined', { name }))}>
          {row.assigned_to !== me && <button type="button" disabled={busy} onClick={() => act(() => calls.assign(row.id), t('review.assigned', { name }))}>{t('review.assign')}</button>}
        </DecisionForm>
      </td>
    </tr>
  );
}

/** `me`: the signed-in user's email (null for an API token, which the API records as "API token"). */
export function ReviewQueue({ api, me }: { api: Client; me: string | null }) {
  const { t } = useTranslation();
  const calls = useMemo(() => resultsApi(api), [api]);
  const [rows, setRows] = useState<Row[] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  /** The `after` of each page up to the one shown ('' for the first). */
  const [trail, setTrail] = useState<string[]>(['']);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const after = trail[trail.length - 1] ?? '';
  const load = useCallback(() => calls.reviewQueue(after || undefined)
    .then((p) => { setRows(p.results); setNext(p.next); }, (e: Error) => setError(e.message)), [calls, after]);
  useEffect(() => { void load(); }, [load]);
  // After a row's action the queue reloads and the focused control may be gone (a decided row
  // leaves, "Assign to me" goes): focus then moves to the row now in its place (the same run:
  // its note; the next: its link), else to the heading, never to the page's body.
  const body = useRef<HTMLTableSectionElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef<{ index: number; id: string } | null>(null);
  useEffect(() => {
    const at = refocus.current;
    if (!at || !rows) return;
    refocus.current = null;
    if (document.activeElement && document.activeElement !== document.body && document.activeElement.isConnected) return;
    const row = body.current?.rows[Math.min(at.index, (body.current?.rows.length ?? 0) - 1)];
    const target = row && (rows[Math.min(at.index, rows.length - 1)]?.id === at.id ? row.querySelector('textarea') : row.querySelector('a'));
    (target ?? heading.current)?.focus();
  }, [rows]);
  const reload = (index: number, id: string) => { refocus.current = { index, id }; void load(); };
  const changed = (index: number, id: string) => (message: string) => { setError(''); setDone(message); reload(index, id); };
  const failed = (index: number, id: string) => (message: string) => { setDone(''); setError(message); reload(index, id); };
  return (
    <section aria-labelledby="review-h">
      <h1 id="review-h" ref={heading} tabIndex={-1}>{t('review.heading')}</h1>
      <p className="muted">{t('review.intro')}</p>
      <p role="status">{done}</p>
      {error && <p role="alert">{error}</p>}
      {!rows && !error && <p>{t('app.loading')}</p>}
      {rows?.length === 0 && <p>{t('review.none')}</p>}
      {rows && rows.length > 0 && (
        <TableScroll labelledBy="review-h">
          <table aria-labelledby="review-h">
            <thead><tr>
              <th>{t('results.applicant')}</th><th>{t('results.workflow')}</th><th>{t('results.reasons')}</th>
              <th>{t('review.ended')}</th><th>{t('review.assignedTo')}</th><th>{t('review.decision')}</th>
            </tr></thead>
            <tbody ref={body}>{rows.map((r, i) => (r.report_review
              ? <ReportReviewRow key={`${r.id}-${r.report_review.task_id}`} row={{ ...r, report_review: r.report_review }} api={api} calls={calls} onChanged={changed(i, r.id)} onError={failed(i, r.id)} />
              : <QueueRow key={r.id} row={r} me={me ?? 'API token'} calls={calls} onChanged={changed(i, r.id)} onError={failed(i, r.id)} />))}</tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t('review.pages')} className="pager">
        {trail.length > 1 && <button type="button" onClick={() => { setRows(undefined); setTrail(trail.slice(0, -1)); }}>{t('review.previousPage')}</button>}
        {next && <button type="button" onClick={() => { setRows(undefined); setTrail([...trail, next]); }}>{t('results.nextPage')}</button>}
      </nav>
    </section>
  );
}

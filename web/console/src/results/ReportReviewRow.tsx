/**
 * A review queue row of a document report waiting for an analyst (`processing: manual | hybrid`):
 * "Document report awaiting review", its automatic result and breakdown, downloads of the media it
 * read, the "Note" and "Clear" / "Consider" (the report's result becomes the analyst's, and the run
 * goes on along its logic).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { Link } from '../Link';
import type { QueueRow, ReportReview, resultsApi } from './api';

interface Props { row: QueueRow & { report_review: ReportReview }; name: string; api: Client; calls: ReturnType<typeof resultsApi>; onChanged: (m: string) => void; onError: (m: string) => void }

const resultOf = (v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { result?: unknown }).result === 'string' ? (v as { result: string }).result : null);

async function download(api: Client, href: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await api.blob(href));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReportReviewRow({ row, name, api, calls, onChanged, onError }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const r = row.report_review;
  const decide = (decision: 'clear' | 'consider') => {
    if (!note.trim()) { setNoteProblem(true); return; }
    setBusy(true);
    calls.decideReport(row.id, r.task_id, decision, note.trim())
      .then(() => onChanged(t(decision === 'clear' ? 'review.decidedClear' : 'review.decidedConsider', { name })), (e: Error) => onError(e.message))
      .finally(() => setBusy(false));
  };
  const noteId = `note-${r.task_id}`;
  return (
    <tr>
      <td><Link to={{ page: 'run', id: row.id }}>{name}</Link>{row.applicant.email && <div className="muted">{row.applicant.email}</div>}</td>
      <td>{row.workflow_name ?? row.workflow_id} <span className="muted">{t('results.version', { version: row.workflow_version_id })}</span></td>
      <td>
        <p>{t('review.reportWaiting', { processing: r.processing, result: r.automatic.result })}</p>
        <ul className="breakdown">
          {Object.entries(r.automatic.breakdown).map(([area, v]) => {
            const result = resultOf(v);
            return <li key={area}><span>{area}</span>{result && <span className={`result result-${result}`}>{result}</span>}</li>;
          })}
        </ul>
        {r.media.map((m) => {
          const what = [m.type, m.side].filter(Boolean).join(' ') || m.id;
          return <button key={m.id} type="button" onClick={() => { download(api, m.download_href, `${m.id}`).catch((e: Error) => onError(e.message)); }}>{t('review.download', { what })}</button>;
        })}
      </td>
      <td><time dateTime={r.waiting_since}>{r.waiting_since.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</time></td>
      <td>{row.assigned_to ?? t('review.unassigned')}</td>
      <td>
        <div role="group" aria-label={t('review.reportGroup', { name })} className="review-decision">
          <label htmlFor={noteId}>{t('review.note')}</label>
          <textarea id={noteId} rows={2} value={note} maxLength={2000} aria-invalid={noteProblem || undefined}
            aria-describedby={noteProblem ? `${noteId}-problem` : undefined}
            onChange={(e) => { setNote(e.target.value); setNoteProblem(false); }} />
          {noteProblem && <p id={`${noteId}-problem`} role="alert">{t('review.noteNeeded')}</p>}
          <button type="button" disabled={busy} onClick={() => decide('clear')}>{t('review.clear')}</button>
          <button type="button" disabled={busy} onClick={() => decide('consider')}>{t('review.consider')}</button>
        </div>
      </td>
    </tr>
  );
}

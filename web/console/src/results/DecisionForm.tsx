/**
 * What the review queue's rows share, whether they decide a run (ReviewQueue.tsx) or a document
 * report (ReportReviewRow.tsx): the applicant and workflow cells, a call run with the row's buttons
 * disabled (`useAction`), and the decision group: its actions first ("Assign to me"), then textbox
 * "Note" (required: an empty note is refused in words, the field marked invalid and focused) and a
 * button per decision.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../Link';
import type { ResultRow } from './api';

export const nameOf = (r: ResultRow) => [r.applicant.first_name, r.applicant.last_name].filter(Boolean).join(' ') || r.applicant_id;

/** The row's first two cells: the applicant (a link to the run) and the workflow's version. */
export function SubjectCells({ row }: { row: ResultRow }) {
  const { t } = useTranslation();
  return (
    <>
      <td><Link to={{ page: 'run', id: row.id }}>{nameOf(row)}</Link>{row.applicant.email && <div className="muted">{row.applicant.email}</div>}</td>
      <td>{row.workflow_name ?? row.workflow_id} <span className="muted">{t('results.version', { version: row.workflow_version_id })}</span></td>
    </>
  );
}

/** `act(call, message)`: runs `call` with `busy` set, then `onChanged(message)`, or `onError` with the refusal's words. */
export function useAction(onChanged: (message: string) => void, onError: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const act = (call: () => Promise<unknown>, message: string) => {
    setBusy(true);
    call().then(() => onChanged(message), (e: Error) => onError(e.message)).finally(() => setBusy(false));
  };
  return { busy, act };
}

interface Props<D extends string> {
  /** The group's accessible name. */
  label: string;
  /** Unique on the page: names the note's field. */
  id: string;
  decisions: ReadonlyArray<{ value: D; label: string }>;
  busy: boolean;
  onDecide: (decision: D, note: string) => void;
  children?: ReactNode;
}

export function DecisionForm<D extends string>({ label, id, decisions, busy, onDecide, children }: Props<D>) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const noteId = `note-${id}`;
  const decide = (decision: D) => {
    if (note.trim()) { onDecide(decision, note.trim()); return; }
    setNoteProblem(true);
    field.current?.focus();
  };
  return (
    <div role="group" aria-label={label} className="review-decision">
      {children}
      <label htmlFor={noteId}>{t('review.note')}</label>
      <textarea id={noteId} ref={field} rows={2} value={note} maxLength={2000} aria-invalid={noteProblem || undefined}
        aria-describedby={noteProblem ? `${noteId}-problem` : undefined}
        onChange={(e) => { setNote(e.target.value); setNoteProblem(false); }} />
      {noteProblem && <p id={`${noteId}-problem`} role="alert">{t('review.noteNeeded')}</p>}
      {decisions.map((d) => <button key={d.value} type="button" disabled={busy} onClick={() => decide(d.value)}>{d.label}</button>)}
    </div>
  );
}

/**
 * A review queue row of a document report waiting for an analyst (`processing: manual | hybrid`):
 * what the report found and read (ReportEvidence.tsx), since when it waits, and group "Document
 * report awaiting review of <name>" with the "Note" and "Clear" / "Consider" (the report's result
 * becomes the analyst's, and the run goes on along its logic).
 */
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import type { QueueRow, ReportReview, resultsApi } from './api';
import { DecisionForm, nameOf, SubjectCells, useAction } from './DecisionForm';
import { ReportEvidence } from './ReportEvidence';
import { when } from './TasksTab';

interface Props { row: QueueRow & { report_review: ReportReview }; api: Client; calls: ReturnType<typeof resultsApi>; onChanged: (m: string) => void; onError: (m: string) => void }

export function ReportReviewRow({ row, api, calls, onChanged, onError }: Props) {
  const { t } = useTranslation();
  const { busy, act } = useAction(onChanged, onError);
  const r = row.report_review;
  const name = nameOf(row);
  return (
    <tr>
      <SubjectCells row={row} />
      <td><ReportEvidence api={api} review={r} onError={onError} /></td>
      <td><time dateTime={r.waiting_since}>{when(r.waiting_since)}</time></td>
      <td>{row.assigned_to ?? t('review.unassigned')}</td>
      <td>
        <DecisionForm label={t('review.reportGroup', { name })} id={r.task_id} busy={busy}
          decisions={[{ value: 'clear', label: t('review.clear') }, { value: 'consider', label: t('review.consider') }]}
          onDecide={(decision, note) => act(() => calls.decideReport(row.id, r.task_id, decision, note),
            t(decision === 'clear' ? 'review.decidedClear' : 'review.decidedConsider', { name }))} />
      </td>
    </tr>
  );
}

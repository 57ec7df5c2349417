/** On a run's page: the review queue's decision (or who the undecided review is assigned to), from the run's `review` extension. */
import { useTranslation } from 'react-i18next';
import type { Run } from './api';
import { when } from './TasksTab';

export function ReviewDecision({ run }: { run: Run }) {
  const { t } = useTranslation();
  const review = run.review;
  if (run.status !== 'review') return null;
  return (
    <section aria-labelledby="run-review-h" className="run-review">
      <h2 id="run-review-h">{t('review.runHeading')}</h2>
      {review?.decision && review.by && review.at ? (
        <>
          <p className={`result-${review.decision}`}>
            {t(review.decision === 'approve' ? 'review.decidedApprove' : 'review.decidedDecline', { by: review.by, at: when(review.at) })}
          </p>
          <blockquote>{review.note}</blockquote>
        </>
      ) : <p>{t('review.waiting', { who: review?.assigned_to ?? t('review.unassigned') })}</p>}
    </section>
  );
}

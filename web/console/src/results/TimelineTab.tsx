/** Every event of a run in order (evidence/timeline.ts on the server, the timeline PDF's, with the route's logic, retry and result steps). */
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from './api';
import { when } from './TasksTab';

export function TimelineTab({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('results.run.timeline')}>
      {events.map((e, i) => (
        <li key={i} className={`timeline-${e.kind}`}><time dateTime={e.at}>{when(e.at)}</time> {e.description}</li>
      ))}
    </ol>
  );
}

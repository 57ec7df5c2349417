/**
 * The funnel as a chart: one bar per step (the runs started, then each task: reached, of which
 * completed), the runs that stopped there written beside it. An SVG with role img, its text
 * alternative the same figures in words (the page's table has them too).
 */
import { useTranslation } from 'react-i18next';
import type { Funnel } from './api';

const ROW = 34;
const LABEL = 190;
const BAR = 380;

export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const { t } = useTranslation();
  const max = Math.max(1, funnel.started);
  const rows = [
    { key: '__started', label: t('funnel.started'), reached: funnel.started, completed: funnel.started, stopped: 0 },
    ...funnel.tasks.map((x) => ({ key: x.task_id, label: x.name, reached: x.reached, completed: x.completed, stopped: x.stopped })),
  ];
  const summary = [
    t('funnel.summaryStarted', { n: funnel.started }),
    ...funnel.tasks.map((x) => t('funnel.summaryTask', { name: x.name, reached: x.reached, completed: x.completed, stopped: x.stopped })),
  ].join(' ');
  const width = LABEL + BAR + 140;
  return (
    <svg className="funnel-chart" role="img" aria-labelledby="funnel-title funnel-desc" viewBox={`0 0 ${width} ${rows.length * ROW + 10}`} width="100%">
      <title id="funnel-title">{t('funnel.chart')}</title>
      <desc id="funnel-desc">{summary}</desc>
      {rows.map((r, i) => {
        const y = i * ROW + 8;
        return (
          <g key={r.key} aria-hidden="true">
            <text x={LABEL - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#101828">{r.label}</text>
            <rect x={LABEL} y={y} width={(r.reached / max) * BAR} height={24} fill="#bfdbfe" />
            <rect x={LABEL} y={y} width={(r.completed / max) * BAR} height={24} fill="#1d4ed8" />
            <text x={LABEL + BAR + 8} y={y + 17} fontSize="12" fill="#101828">
              {r.stopped > 0 ? t('funnel.barStopped', { reached: r.reached, stopped: r.stopped }) : t('funnel.bar', { reached: r.reached })}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

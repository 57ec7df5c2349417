/**
 * A report as a readable tree: each breakdown with its result (coloured), its properties, and the
 * raw JSON; a report an analyst decided (`processing: manual | hybrid`) says who, when, the note
 * and the automatic result.
 */
import { useTranslation } from 'react-i18next';
import { ReportDecision, type Task } from './api';
import { when } from './TasksTab';

type Node = { result?: unknown; breakdown?: Record<string, Node>; properties?: Record<string, unknown>; review?: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** A breakdown's areas, each with its result and its own breakdown under it; `label` names the outermost list. */
export function BreakdownTree({ nodes, label }: { nodes: Record<string, unknown>; label?: string }) {
  return (
    <ul className="breakdown" aria-label={label}>
      {Object.entries(nodes).filter(([, v]) => isNode(v)).map(([name, v]) => {
        const node = v as Node;
        const result = typeof node.result === 'string' ? node.result : null;
        return (
          <li key={name}>
            <span>{name}</span>{result && <span className={`result result-${result}`}>{result}</span>}
            {node.breakdown && <BreakdownTree nodes={node.breakdown} />}
          </li>
        );
      })}
    </ul>
  );
}

function Decided({ review }: { review: unknown }) {
  const { t } = useTranslation();
  const parsed = ReportDecision.safeParse(review);
  if (!parsed.success) return null;
  const r = parsed.data;
  return (
    <>
      <p>{t('review.reportDecided', { decision: r.decision, by: r.by, at: when(r.at), automatic: r.automatic_result })}</p>
      <blockquote>{r.note}</blockquote>
    </>
  );
}

export function Breakdown({ task }: { task: Task }) {
  const { t } = useTranslation();
  const report = isNode(task.output) ? task.output : {};
  const result = typeof report.result === 'string' ? report.result : null;
  return (
    <section className="report" aria-label={task.name}>
      <h2>{task.name} {result && <span className={`result result-${result}`}>{result}</span>}</h2>
      {report.review !== undefined && <Decided review={report.review} />}
      <h3>{t('results.run.breakdown')}</h3>
      {report.breakdown ? <BreakdownTree nodes={report.breakdown} /> : <p>–</p>}
      <h3>{t('results.run.properties')}</h3>
      <pre>{JSON.stringify(report.properties ?? {}, null, 2)}</pre>
      <details><summary>{t('results.run.raw')}</summary><pre>{JSON.stringify(task.output, null, 2)}</pre></details>
    </section>
  );
}

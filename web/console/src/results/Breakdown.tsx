/** A report as a readable tree: each breakdown with its result (coloured), its properties, and the raw JSON. */
import { useTranslation } from 'react-i18next';
import type { Task } from './api';

type Node = { result?: unknown; breakdown?: Record<string, Node>; properties?: Record<string, unknown> };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

function Tree({ nodes }: { nodes: Record<string, unknown> }) {
  return (
    <ul className="breakdown">
      {Object.entries(nodes).filter(([, v]) => isNode(v)).map(([name, v]) => {
        const node = v as Node;
        const result = typeof node.result === 'string' ? node.result : null;
        return (
          <li key={name}>
            <span>{name}</span>{result && <span className={`result result-${result}`}>{result}</span>}
            {node.breakdown && <Tree nodes={node.breakdown} />}
          </li>
        );
      })}
    </ul>
  );
}

export function Breakdown({ task }: { task: Task }) {
  const { t } = useTranslation();
  const report = isNode(task.output) ? task.output : {};
  const result = typeof report.result === 'string' ? report.result : null;
  return (
    <section className="report" aria-label={task.name}>
      <h2>{task.name} {result && <span className={`result result-${result}`}>{result}</span>}</h2>
      <h3>{t('results.run.breakdown')}</h3>
      {report.breakdown ? <Tree nodes={report.breakdown} /> : <p>–</p>}
      <h3>{t('results.run.properties')}</h3>
      <pre>{JSON.stringify(report.properties ?? {}, null, 2)}</pre>
      <details><summary>{t('results.run.raw')}</summary><pre>{JSON.stringify(task.output, null, 2)}</pre></details>
    </section>
  );
}

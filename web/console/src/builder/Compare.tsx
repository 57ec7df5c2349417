/** Compare two versions: tasks added, removed and changed (field by field, and marked on a canvas), and a JSON diff. */
import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { Canvas } from './Canvas';
import { compareCanvas, diffDefinitions, jsonDiff, type DefinitionDiff, type DiffLine, type TaskChange } from './diff';
import { toGraph } from './graph';
import type { Draft } from './model';

interface Shown { diff: DefinitionDiff; graph: ReturnType<typeof toGraph>; marks: Map<string, string>; lines: DiffLine[] }

export function Compare({ api, id, versions }: { api: Client; id: string; versions: number[] }) {
  const { t } = useTranslation();
  const [a, setA] = useState(versions[1] ?? 1);
  const [b, setB] = useState(versions[0] ?? 1);
  const [shown, setShown] = useState<Shown | undefined>();
  const [error, setError] = useState('');
  const run = async () => {
    try {
      const [x, y] = await Promise.all([api.version(id, a), api.version(id, b)]);
      const before = x.definition as Draft;
      const after = y.definition as Draft;
      const diff = diffDefinitions(before, after);
      const { draft, marks } = compareCanvas(before, after, diff);
      setShown({ diff, graph: toGraph(draft, [], t('builder.start')), marks, lines: jsonDiff(before, after) });
    } catch (e) { setError((e as Error).message); }
  };
  const pick = (label: string, value: number, set: (n: number) => void, key: string) => (
    <div className="field"><label htmlFor={key}>{label}</label>
      <select id={key} value={value} onChange={(e) => set(Number(e.target.value))}>{versions.map((v) => <option key={v} value={v}>{v}</option>)}</select>
    </div>
  );
  const list = (title: string, items: TaskChange[]) => (
    <section aria-label={title}><h3>{title}</h3>
      {items.length === 0 ? <p>{t('compare.none')}</p> : <ul>{items.map((c) => (
        <li key={c.id}>{c.label} <code>{c.id}</code>
          {c.fields.length > 0 && <ul>{c.fields.map((f) => <li key={f.field}><code>{f.field}</code>: {f.before} → {f.after}</li>)}</ul>}
        </li>))}</ul>}
    </section>
  );
  return (
    <section className="compare" aria-labelledby="compare-h">
      <h2 id="compare-h">{t('compare.heading')}</h2>
      <div className="toolbar">
        {pick(t('compare.from'), a, setA, 'cmp-a')}{pick(t('compare.to'), b, setB, 'cmp-b')}
        <button type="button" onClick={() => void run()}>{t('compare.run')}</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {shown && (
        <div className="diff">
          <section className="compare-canvas" aria-label={t('compare.canvas', { a, b })}>
            <h3>{t('compare.canvas', { a, b })}</h3>
            <ReactFlowProvider>
              <Canvas nodes={shown.graph.nodes} edges={shown.graph.edges} selected={null} onSelect={() => undefined} marks={shown.marks} />
            </ReactFlowProvider>
          </section>
          {list(t('compare.added'), shown.diff.added)}{list(t('compare.removed'), shown.diff.removed)}{list(t('compare.changed'), shown.diff.changed)}
          {shown.diff.workflow.length > 0 && list(t('compare.settings'), [{ id: '', label: t('compare.settings'), fields: shown.diff.workflow }])}
          <section aria-label={t('compare.json')}><h3>{t('compare.json')}</h3>
            <pre className="json-diff" tabIndex={0}>{shown.lines.map((l, i) => (
              l.kind === 'added' ? <ins key={i}>+ {l.text}{'\n'}</ins> : l.kind === 'removed' ? <del key={i}>- {l.text}{'\n'}</del> : <span key={i}>  {l.text}{'\n'}</span>
            ))}</pre>
          </section>
        </div>
      )}
    </section>
  );
}

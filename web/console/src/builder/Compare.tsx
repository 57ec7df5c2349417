/** Compare two versions: tasks added, removed and changed, each change shown field by field (before → after). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { diffDefinitions, type DefinitionDiff, type TaskChange } from './diff';
import type { Draft } from './model';

export function Compare({ api, id, versions }: { api: Client; id: string; versions: number[] }) {
  const { t } = useTranslation();
  const [a, setA] = useState(versions[1] ?? 1);
  const [b, setB] = useState(versions[0] ?? 1);
  const [diff, setDiff] = useState<DefinitionDiff | undefined>();
  const [error, setError] = useState('');
  const run = async () => {
    try {
      const [x, y] = await Promise.all([api.version(id, a), api.version(id, b)]);
      setDiff(diffDefinitions(x.definition as Draft, y.definition as Draft));
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
      {diff && (
        <div className="diff">
          {list(t('compare.added'), diff.added)}{list(t('compare.removed'), diff.removed)}{list(t('compare.changed'), diff.changed)}
          {diff.workflow.length > 0 && list(t('compare.settings'), [{ id: '', label: t('compare.settings'), fields: diff.workflow }])}
        </div>
      )}
    </section>
  );
}

/** The Sources tab: every workflow output on every result task at once (rows: outputs; columns: results); a result's `output` it cannot edit (readable.ts) is a note in its cells. */
import { useTranslation } from 'react-i18next';
import type { TaskOf } from '../../../../../compiler';
import { taskLabel, updateTask, type Draft } from '../model';
import { pathsAt } from '../paths';
import { NotEditable } from './NotEditable';
import { isRecord, taskParts } from './readable';

type Result = TaskOf<'result'>;

export function Sources({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const outputs = Object.keys(isRecord(draft.output) ? draft.output : {});
  const results = draft.tasks.filter((x): x is Result => x.type === 'result');
  if (outputs.length === 0 || results.length === 0) return <p>{t('sources.none')}</p>;
  const set = (r: Result, name: string, source: string) => {
    const output = { ...r.output };
    if (source) output[name] = source; else delete output[name];
    const { output: _o, ...rest } = r;
    onChange(updateTask(draft, r.id, Object.keys(output).length ? { ...rest, output } : rest));
  };
  return (
    <table className="sources">
      <caption>{t('sources.caption')}</caption>
      <thead><tr><th scope="col">{t('sources.output')}</th>{results.map((r) => <th scope="col" key={r.id}>{taskLabel(r)}</th>)}</tr></thead>
      <tbody>{outputs.map((name) => (
        <tr key={name}>
          <th scope="row">{name}</th>
          {results.map((r) => {
            const id = `src-${name}-${r.id}`;
            const expected = taskParts(r).get('output');
            if (expected) return <td key={r.id}><NotEditable what={t('sources.cell', { output: name, result: taskLabel(r) })} path="output" expected={expected} /></td>;
            const paths = pathsAt(draft, r.id);
            return (
              <td key={r.id}>
                <label htmlFor={id} className="sr-only">{t('sources.cell', { output: name, result: taskLabel(r) })}</label>
                <select id={id} value={r.output?.[name] ?? ''} onChange={(e) => set(r, name, e.target.value)}>
                  <option value="">{t('panel.noSource')}</option>
                  {paths.map((p) => <option key={p.path} value={p.path}>{p.label}</option>)}
                </select>
              </td>
            );
          })}
        </tr>
      ))}</tbody>
    </table>
  );
}

/** Result: where each declared workflow output comes from (an input, or a preceding task's output or a field of it); Panel.tsx shows an `output` it cannot edit as such. */
import { useTranslation } from 'react-i18next';
import type { TaskOf } from '../../../../../compiler';
import type { Draft } from '../model';
import { pathsAt } from '../paths';
import { isRecord } from './readable';

type Result = TaskOf<'result'>;

export function ResultEditor({ draft, task, onChange }: { draft: Draft; task: Result; onChange: (t: Result) => void }) {
  const { t } = useTranslation();
  // Outputs declared in a form the settings cannot edit (readable.ts) are named all the same.
  const names = Object.keys(isRecord(draft.output) ? draft.output : {});
  const paths = pathsAt(draft, task.id);
  const set = (name: string, source: string) => {
    const output = { ...task.output };
    if (source) output[name] = source; else delete output[name];
    const { output: _o, ...rest } = task;
    onChange(Object.keys(output).length ? { ...rest, output } : rest);
  };
  if (names.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('panel.outputs')}</legend>
      {names.map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`out-${name}`}>{t('panel.resultOutput', { name })}</label>
          <select id={`out-${name}`} value={task.output?.[name] ?? ''} onChange={(e) => set(name, e.target.value)}>
            <option value="">{t('panel.noSource')}</option>
            {paths.map((p) => <option key={p.path} value={p.path}>{p.label}</option>)}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

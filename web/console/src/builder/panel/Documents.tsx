/** Document capture: which document types are accepted, and from which countries (Countries.tsx: names and search); Panel.tsx shows a list it cannot edit (readable.ts) as such. */
import { useTranslation } from 'react-i18next';
import type { TaskOf } from '../../../../../compiler';
import { Countries } from './Countries';
import { humanize } from './Fields';
import { DOCUMENT_TYPES as TYPES } from './readable';

type Doc = NonNullable<TaskOf<'document_capture'>['documents']>[number];

export function Documents({ task, onChange }: { task: TaskOf<'document_capture'>; onChange: (t: TaskOf<'document_capture'>) => void }) {
  const { t } = useTranslation();
  const docs = task.documents ?? [];
  const put = (next: Doc[]) => {
    const { documents: _d, ...rest } = task;
    onChange(next.length === 0 ? rest : { ...rest, documents: next });
  };
  const toggle = (type: Doc['type'], on: boolean) => put(on ? TYPES.flatMap((x) => (x === type ? [{ type }] : docs.filter((d) => d.type === x))) : docs.filter((d) => d.type !== type));
  const countries = (type: Doc['type'], list: string[]) => put(docs.map((d) => (d.type === type ? (list.length ? { type, countries: list } : { type }) : d)));
  return (
    <fieldset>
      <legend>{t('panel.documents')}</legend>
      {TYPES.map((type) => {
        const doc = docs.find((d) => d.type === type);
        return (
          <div key={type}>
            <label className="check"><input type="checkbox" checked={!!doc} onChange={(e) => toggle(type, e.target.checked)} />{humanize(type)}</label>
            {doc && (
              <Countries id={`countries-${type}`} label={t('panel.countries', { type: humanize(type) })}
                search={t('countries.search', { type: humanize(type) })} value={doc.countries ?? []}
                onChange={(list) => countries(type, list)} />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

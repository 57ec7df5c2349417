/**
 * The workflow's generic link (`settings.generic_link`): when on, anyone may start a run of the live version at
 * `/capture/f/<workflow id>` (the capture page shares the console's origin), in the workflow's environment.
 * A value it cannot edit (readable.ts) is a note.
 */
import { useTranslation } from 'react-i18next';
import type { Draft } from '../model';
import { guarded } from './NotEditable';
import type { Parts } from './readable';

export function GenericLink({ draft, workflowId, parts, onChange }: { draft: Draft; workflowId: string; parts: Parts; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const settings = draft.settings ?? {};
  const on = settings.generic_link === true;
  const set = (checked: boolean) => {
    const { generic_link: _g, ...others } = settings;
    const next = checked ? { ...others, generic_link: true } : others;
    const { settings: _s, ...rest } = draft;
    onChange(Object.keys(next).length ? { ...rest, settings: next } : rest);
  };
  const url = `${window.location.origin}/capture/f/${encodeURIComponent(workflowId)}`;
  return (
    <fieldset>
      <legend>{t('genericLink.heading')}</legend>
      {guarded(parts, 'settings.generic_link', t('genericLink.offer'), () => (
        <>
          <label className="check">
            <input type="checkbox" checked={on} aria-describedby="generic-link-hint" onChange={(e) => set(e.target.checked)} />{t('genericLink.offer')}
          </label>
          <p id="generic-link-hint" className="hint">{t('genericLink.hint')}</p>
          {on && (
            <div className="field">
              <label htmlFor="generic-link-url">{t('genericLink.address')}</label>
              <input id="generic-link-url" readOnly value={url} onFocus={(e) => e.target.select()} />
            </div>
          )}
        </>
      ))}
    </fieldset>
  );
}

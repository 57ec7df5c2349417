/**
 * Code view: the draft as JSON, kept in step with the canvas (text that parses and has the shape
 * of a draft, shape.ts, becomes the draft; the Problems region judges it), with import and export
 * of a definition file. Why text is not applied is said politely, and only once typing has paused
 * for `errorDelayMs` (a timer: fake timers drive it): not at every keystroke, so it neither flashes
 * nor is announced while the user types; text that applies clears it at once, an import says it at
 * once.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from './model';
import { draftShape } from './shape';

const text = (d: Draft) => `${JSON.stringify(d, null, 2)}\n`;

/** How long typing pauses before why the text is not applied is said (ms). */
export const ERROR_DELAY_MS = 600;

export function CodeView({ draft, onChange, errorDelayMs = ERROR_DELAY_MS }: { draft: Draft; onChange: (d: Draft) => void; errorDelayMs?: number }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(() => text(draft));
  const [error, setShown] = useState('');
  // The error waiting for typing to pause (the one shown stays until then: no flash of an empty message).
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const setError = (message: string, delay = 0) => {
    clearTimeout(timer.current);
    if (message && delay > 0) timer.current = setTimeout(() => setShown(message), delay);
    else setShown(message);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const ours = useRef(draft);
  useEffect(() => {
    if (draft !== ours.current) { ours.current = draft; setValue(text(draft)); clearTimeout(timer.current); setShown(''); }
  }, [draft]);
  const edit = (next: string, typed: boolean) => {
    setValue(next);
    try {
      const parsed = JSON.parse(next) as unknown;
      const wrong = draftShape(parsed);
      if (wrong) throw new Error(wrong.path === 'definition' ? t('code.notObject') : t('keep.shape', { ...wrong }));
      ours.current = parsed as Draft;
      onChange(parsed as Draft);
      setError('');
    } catch (e) { setError(t('code.invalid', { message: (e as Error).message }), typed ? errorDelayMs : 0); }
  };
  const importFile = async (file: File | undefined) => { if (file) edit(await file.text(), false); };
  const exportFile = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text(draft)], { type: 'application/json' }));
    a.download = `${draft.name || 'workflow'}.json`.replace(/[^A-Za-z0-9._-]+/g, '_');
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <div className="code-view">
      <label htmlFor="code">{t('code.label')}</label>
      <textarea id="code" spellCheck={false} value={value} onChange={(e) => edit(e.target.value, true)}
        aria-invalid={error ? true : undefined} aria-describedby="code-error" />
      <p id="code-error" aria-live="polite" className="error">{error}</p>
      <div className="actions">
        <label className="file">{t('code.import')}<input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.target.files?.[0])} /></label>
        <button type="button" onClick={exportFile}>{t('code.export')}</button>
      </div>
    </div>
  );
}

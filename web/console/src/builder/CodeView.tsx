/**
 * Code view: the draft as JSON, kept in step with the canvas (text that parses and has the shape
 * of a draft, shape.ts, becomes the draft; the Problems region judges it), with import and export
 * of a definition file. Why text is not applied is said politely (it changes with every keystroke).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from './model';
import { draftShape } from './shape';

const text = (d: Draft) => `${JSON.stringify(d, null, 2)}\n`;

export function CodeView({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(() => text(draft));
  const [error, setError] = useState('');
  const ours = useRef(draft);
  useEffect(() => { if (draft !== ours.current) { ours.current = draft; setValue(text(draft)); setError(''); } }, [draft]);
  const edit = (next: string) => {
    setValue(next);
    try {
      const parsed = JSON.parse(next) as unknown;
      const wrong = draftShape(parsed);
      if (wrong) throw new Error(wrong.path === 'definition' ? t('code.notObject') : t('keep.shape', { ...wrong }));
      ours.current = parsed as Draft;
      onChange(parsed as Draft);
      setError('');
    } catch (e) { setError(t('code.invalid', { message: (e as Error).message })); }
  };
  const importFile = async (file: File | undefined) => { if (file) edit(await file.text()); };
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
      <textarea id="code" spellCheck={false} value={value} onChange={(e) => edit(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby="code-error" />
      <p id="code-error" aria-live="polite" className="error">{error}</p>
      <div className="actions">
        <label className="file">{t('code.import')}<input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.target.files?.[0])} /></label>
        <button type="button" onClick={exportFile}>{t('code.export')}</button>
      </div>
    </div>
  );
}

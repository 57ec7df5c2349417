/**
 * A part of the draft the panel cannot edit (readable.ts): in place of its controls, a note that
 * names it (what it is and its path), says what it should be and points to the code view. The
 * part is kept as it is; the Problems region lists it too.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expected, Parts } from './readable';

export function NotEditable({ what, path, expected }: { what: string; path: string; expected: Expected }) {
  const { t } = useTranslation();
  return <p role="note" className="error">{t('notEditable.message', { what, path, expected: t(`notEditable.expected.${expected}`) })}</p>;
}

/** `draw()` when the part at `path` is editable, else its note (`draw` is not called: it may read the part). */
export function guarded(parts: Parts, path: string, what: string, draw: () => ReactNode): ReactNode {
  const expected = parts.get(path);
  return expected ? <NotEditable key={path} what={what} path={path} expected={expected} /> : draw();
}

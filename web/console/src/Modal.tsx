/**
 * A modal dialog (the native <dialog>: focus kept inside, Escape closes it). The first control
 * inside takes the focus on opening; when it goes, focus goes back to where it was before it
 * opened (the control that opened it), if that is still there.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const before = document.activeElement;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => { if (before instanceof HTMLElement && before.isConnected) before.focus(); };
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/**
 * A modal dialog (the native <dialog>: focus kept inside, Escape closes it). The first control
 * inside takes the focus on opening. When it goes, the focus goes back to where it was before it
 * opened (the control that opened it); when that control is gone or disabled by then (a save that
 * disables "Save", a page left), to the page's main heading (focusable with tabIndex -1), so that
 * the focus is never dropped on <body>. A page that moved the focus itself already (e.g. onto the
 * status that says what was done, in a layout effect) keeps it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Focuses `el` if it can take the focus now (connected, not disabled, not inert); true if it did. */
function focused(el: Element | null | undefined): boolean {
  if (!(el instanceof HTMLElement) || el === document.body || !el.isConnected) return false;
  el.focus();
  return document.activeElement === el;
}

/** The page's main heading, made focusable by script only (tabIndex -1) if it is not yet. */
function mainHeading(): HTMLElement | null {
  const h = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('h1');
  if (h && !h.hasAttribute('tabindex')) h.tabIndex = -1;
  return h;
}

export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const before = document.activeElement;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      const now = document.activeElement;
      if (now && now !== document.body && now !== before && !d?.contains(now)) return;
      if (!focused(before)) focused(mainHeading());
    };
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

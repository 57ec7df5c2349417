/**
 * "Add task after": a menu button whose menuitems are the task types' display names (arrow keys
 * move, Escape closes and focus goes back to what opened the menu; an added task's node takes focus).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESULT_DISPLAY_NAMES, TASK_DISPLAY_NAMES } from '../../../../compiler';
import type { NewTask } from './model';

export const TASK_ITEMS: Array<{ label: string; spec: NewTask }> = [
  ...Object.entries(TASK_DISPLAY_NAMES).map(([type, label]) => ({ label, spec: { type } as NewTask })),
  ...Object.entries(RESULT_DISPLAY_NAMES).map(([outcome, label]) => ({ label, spec: { type: 'result', outcome } as NewTask })),
];

interface Props {
  disabled: boolean; onAdd: (spec: NewTask) => void;
  /** Open: the menu shows (opened by this button, a node's (+) or an edge's (+)), named `label` (where the task goes). */
  open: boolean; label: string; onToggle: () => void; onClose: () => void;
}

const nodeIds = () => [...document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')].map((n) => n.dataset.id ?? '');

export function AddTaskMenu({ disabled, onAdd, open, label, onToggle, onClose }: Props) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  // What opened the menu (this button, a node's (+) or an edge's (+)): focus goes back to it.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!open) return;
    opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : button.current;
    menu.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open]);
  const back = () => (opener.current?.isConnected ? opener.current : button.current)?.focus();
  const close = () => { onClose(); back(); };
  // After an add, focus goes to the new task's node once the canvas draws it (else stays where `back` put it).
  const added = (before: ReadonlySet<string>) => {
    onClose();
    back();
    let frames = 60;
    const look = () => {
      const node = [...document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')].find((n) => !before.has(n.dataset.id ?? ''));
      if (node) node.focus();
      else if (--frames > 0) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  };
  const onKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (move !== undefined) { e.preventDefault(); items[(move + items.length) % items.length]?.focus(); }
    if (e.key === 'Escape' || e.key === 'Tab') close();
  };
  return (
    <div className="menu-wrap">
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={open} aria-controls="add-menu" disabled={disabled && !open}
        onClick={onToggle}>{t('builder.addAfter')}</button>
      {open && (
        <ul id="add-menu" ref={menu} role="menu" aria-label={label} onKeyDown={onKey}>
          {TASK_ITEMS.map((item) => (
            <li key={item.label} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => { const before = new Set(nodeIds()); onAdd(item.spec); added(before); }}>{item.label}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The palette: every task type, dragged onto an edge (inserted there) or a node (added after it).
 * Clicking an item (or Enter) is the single-click alternative: it adds the task after the selected task.
 */
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_ITEMS } from './AddTaskMenu';
import type { NewTask } from './model';

export const PALETTE_MIME = 'application/x-open-studio-task';

export function Palette({ canAdd, onAdd }: { canAdd: boolean; onAdd: (spec: NewTask) => void }) {
  const { t } = useTranslation();
  const start = (spec: NewTask) => (e: DragEvent) => {
    e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(spec));
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <section className="palette" role="region" aria-labelledby="palette-h">
      <h2 id="palette-h">{t('palette.heading')}</h2>
      <p id="palette-hint" className="muted">{t('palette.hint')}</p>
      <ul>{TASK_ITEMS.map((item) => (
        <li key={item.label}>
          <button type="button" draggable onDragStart={start(item.spec)} aria-describedby="palette-hint"
            aria-disabled={!canAdd} onClick={() => { if (canAdd) onAdd(item.spec); }}>{item.label}</button>
        </li>
      ))}</ul>
    </section>
  );
}

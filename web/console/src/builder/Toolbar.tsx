/** The builder's toolbar: undo/redo, add and delete tasks, save, activate, and the version's status. */
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../api';
import { useCanEdit } from '../session';
import { AddTaskMenu } from './AddTaskMenu';
import type { NewTask } from './model';

interface Props {
  history: { undo: () => void; redo: () => void; canUndo: boolean; canRedo: boolean };
  canAdd: boolean; onAdd: (spec: NewTask) => void; menu: { open: boolean; label: string; onToggle: () => void; onClose: () => void }; canDelete: boolean; onDelete: () => void;
  saved: { version: number; status: VersionSummary['status'] } | undefined; dirty: boolean; onSave: () => void; onActivate: () => void;
  /** "Try it" (absent: not offered, e.g. outside sandbox); disabled while the draft has problems. */
  onTry?: (() => void) | undefined; canTry: boolean;
}

export function Toolbar({ history, canAdd, onAdd, menu, canDelete, onDelete, saved, dirty, onSave, onActivate, onTry, canTry }: Props) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('builder.canvas')}>
      <button type="button" onClick={history.undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z">{t('builder.undo')}</button>
      <button type="button" onClick={history.redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Y">{t('builder.redo')}</button>
      <AddTaskMenu disabled={!canAdd} onAdd={onAdd} {...menu} />
      <button type="button" onClick={onDelete} disabled={!canDelete}>{t('builder.delete')}</button>
      <span className="spacer" />
      <span className="version">
        {saved ? t('builder.version', { n: saved.version }) : t('builder.draft')}
        {saved && <> · <span className={`status status-${saved.status}`}>{t(`builder.status.${saved.status}`)}</span></>}
        {saved && dirty && <> · {t('builder.unsaved')}</>}
      </span>
      {canEdit && onTry && <button type="button" onClick={onTry} disabled={!canTry}>{t('trial.try')}</button>}
      {canEdit && <button type="button" onClick={onSave} disabled={!dirty}>{t('builder.save')}</button>}
      {canEdit && <button type="button" onClick={onActivate} disabled={!saved || dirty || saved.status !== 'inactive'}>{t('builder.activate')}</button>}
    </div>
  );
}

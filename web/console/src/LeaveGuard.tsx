/**
 * Unsaved work is never dropped without asking: while `dirty`, closing or reloading the tab gets
 * the browser's own question (beforeunload), and a change of page, environment or session
 * (router.ts `leave`) gets the dialog "Leave without saving?" ("Stay", first, takes focus).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';
import { setLeaveGuard } from './router';

/** Returns the dialog to render (null while nobody is leaving). */
export function useLeaveGuard(dirty: boolean): ReactNode {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ go: () => void } | undefined>();
  useEffect(() => {
    if (!dirty) return undefined;
    const unload = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', unload);
    const off = setLeaveGuard((go) => { setPending({ go }); return true; });
    return () => { window.removeEventListener('beforeunload', unload); off(); };
  }, [dirty]);
  if (!pending) return null;
  const stay = () => setPending(undefined);
  return (
    <Modal title={t('keep.leaveTitle')} onClose={stay}>
      <p>{t('keep.leaveText')}</p>
      <div className="actions">
        <button type="button" onClick={stay}>{t('keep.stay')}</button>
        <button type="button" onClick={() => { setPending(undefined); pending.go(); }}>{t('keep.leave')}</button>
      </div>
    </Modal>
  );
}

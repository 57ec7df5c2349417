/**
 * "Activate version N?": the confirmation before a version goes live for new runs, the same on the
 * versions page and in the builder. Says in which environment, and warns in words when it is
 * live. "Cancel" comes first (it takes the focus on opening); "Activate" calls `onActivate`.
 */
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';
import { loadSession } from './session';

export function ActivateDialog({ version, onActivate, onClose }: { version: number; onActivate: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const env = loadSession()?.environment ?? 'sandbox';
  return (
    <Modal title={t('versions.confirmActivate', { n: version })} onClose={onClose}>
      <p>{t('versions.confirmActivateText', { n: version, env })}</p>
      {env === 'live' && <p className="error"><strong>{t('versions.confirmActivateLive', { n: version })}</strong></p>}
      <div className="actions">
        <button type="button" onClick={onClose}>{t('versions.cancel')}</button>
        <button type="button" className="primary" onClick={onActivate}>{t('versions.confirm')}</button>
      </div>
    </Modal>
  );
}

/**
 * "Save": asks for notes, then saves the draft as the workflow's next version ("Save version" is
 * disabled while the save is under way: one click, one version). When someone else saved a newer
 * version meanwhile (a 409), it says so and offers "Reload latest version" or "Save anyway".
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSaveConflict } from '../api';
import { Modal } from '../Modal';

interface Props {
  /** `anyway`: save without checking for a newer version. */
  onSave: (notes: string, anyway: boolean) => Promise<void>;
  onReload: () => void; onClose: () => void;
}

export function SaveDialog({ onSave, onReload, onClose }: Props) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState('');
  const [error, setError] = useState('');
  const [conflict, setConflict] = useState<{ latest: number | undefined } | undefined>();
  const [pending, setPending] = useState(false);
  // A second click can come before the disabled button is drawn: the ref stops it.
  const busy = useRef(false);
  const save = async (anyway: boolean) => {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError('');
    try { await onSave(notes, anyway); } catch (err) {
      if (isSaveConflict(err) && !anyway) setConflict({ latest: err.latestVersion });
      else setError((err as Error).message);
    } finally { busy.current = false; setPending(false); }
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void save(false); };
  return (
    <Modal title={t('builder.save')} onClose={onClose}>
      <form onSubmit={submit} aria-busy={pending}>
        <label htmlFor="notes">{t('builder.notes')}</label>
        <textarea id="notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
        {error && <p role="alert" className="error">{error}</p>}
        {conflict && <p role="alert" className="error">
          {conflict.latest === undefined ? t('keep.conflictUnknown') : t('keep.conflict', { n: conflict.latest })}</p>}
        <p className="notice" role="status">{pending ? t('keep.saving') : ''}</p>
        <div className="actions">
          <button type="button" onClick={onClose}>{t('builder.cancel')}</button>
          {conflict ? <>
            <button type="button" onClick={onReload} disabled={pending}>{t('keep.reload')}</button>
            <button type="button" onClick={() => void save(true)} disabled={pending}>{t('keep.saveAnyway')}</button>
          </> : <button type="submit" disabled={pending}>{t('builder.saveVersion')}</button>}
        </div>
      </form>
    </Modal>
  );
}

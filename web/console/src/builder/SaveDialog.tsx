/** "Save": asks for notes, then saves the draft as the workflow's next version. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../Modal';

export function SaveDialog({ onSave, onClose }: { onSave: (notes: string) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try { await onSave(notes); } catch (err) { setError((err as Error).message); }
  };
  return (
    <Modal title={t('builder.save')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="notes">{t('builder.notes')}</label>
        <textarea id="notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
        {error && <p role="alert" className="error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>{t('builder.cancel')}</button>
          <button type="submit">{t('builder.saveVersion')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** "Edit details of <name>": rename and describe a workflow (PATCH /v3.6/workflows/<id>; its versions stay as they are). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, WorkflowView } from './api';
import { Modal } from './Modal';

export function WorkflowDetailsDialog({ api, workflow, onClose, onSaved }: {
  api: Client; workflow: WorkflowView; onClose: () => void; onSaved: (w: WorkflowView) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(workflow.name);
  const [description, setDescription] = useState(workflow.description);
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try { onSaved(await api.updateWorkflow(workflow.id, { name, description })); } catch (err) { setError((err as Error).message); }
  };
  return (
    <Modal title={t('details.heading')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="details-name">{t('details.name')}</label>
        <input id="details-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <label htmlFor="details-description">{t('details.description')}</label>
        <textarea id="details-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        {error && <p role="alert" className="error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>{t('create.cancel')}</button>
          <button type="submit">{t('details.save')}</button>
        </div>
      </form>
    </Modal>
  );
}

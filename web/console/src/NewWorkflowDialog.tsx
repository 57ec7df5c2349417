/** "New workflow": a name and a template (or Blank); creates the workflow and opens it. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from './api';
import { Modal } from './Modal';

type Template = Awaited<ReturnType<Client['templates']>>[number];

export function NewWorkflowDialog({ api, onClose, onCreated }: { api: Client; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('');
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState('');
  useEffect(() => { api.templates().then(setTemplates, (e: Error) => setError(e.message)); }, [api]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const created = await api.createWorkflow(name, template || undefined);
      onCreated(created.id);
    } catch (err) { setError((err as Error).message); }
  };
  const radio = (value: string, label: string, description?: string) => (
    <label key={value} className="radio">
      <input type="radio" name="template" value={value} checked={template === value} onChange={() => setTemplate(value)} />
      <span>{label}</span>{description && <small>{description}</small>}
    </label>
  );
  return (
    <Modal title={t('create.heading')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="wf-name">{t('create.name')}</label>
        <input id="wf-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <fieldset role="radiogroup" aria-label={t('create.template')}>
          <legend>{t('create.template')}</legend>
          {radio('', t('create.blank'))}
          {templates.map((x) => radio(x.name, x.title, x.description))}
        </fieldset>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>{t('create.cancel')}</button>
          <button type="submit">{t('create.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}

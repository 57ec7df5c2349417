/** The workflow list: name (and description), active version, status and last change; "New workflow" creates one, "Edit details of …" renames and describes one. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, WorkflowView } from './api';
import { Link } from './Link';
import { NewWorkflowDialog } from './NewWorkflowDialog';
import { WorkflowDetailsDialog } from './WorkflowDetailsDialog';
import { navigate } from './router';
import { useCanEdit } from './session';
import { TableScroll } from './TableScroll';

export function WorkflowList({ api }: { api: Client }) {
  const { t } = useTranslation();
  const [workflows, setWorkflows] = useState<WorkflowView[] | undefined>();
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<WorkflowView | undefined>();
  const canEdit = useCanEdit();
  useEffect(() => { api.workflows().then(setWorkflows, (e: Error) => setError(e.message)); }, [api]);
  return (
    <section aria-labelledby="list-h">
      <div className="toolbar">
        <h1 id="list-h">{t('list.heading')}</h1>
        {canEdit && <button type="button" onClick={() => setCreating(true)}>{t('list.new')}</button>}
      </div>
      {error && <p role="alert">{error}</p>}
      {!workflows && !error && <p>{t('app.loading')}</p>}
      {workflows?.length === 0 && <p>{t('list.none')}</p>}
      {workflows && workflows.length > 0 && (
        <TableScroll labelledBy="list-h">
          <table>
            <thead><tr><th>{t('list.name')}</th><th>{t('list.active')}</th><th>{t('list.status')}</th><th>{t('list.changed')}</th>{canEdit && <th>{t('list.actions')}</th>}</tr></thead>
            <tbody>{workflows.map((w) => (
              <tr key={w.id}>
                <td><Link to={{ page: 'builder', id: w.id }}>{w.name}</Link>{w.description && <p className="description">{w.description}</p>}</td>
                <td>{w.active_version ?? t('list.noActive')}</td>
                <td>{w.active_version ? t('list.live') : t('list.notLive')}</td>
                <td><time dateTime={w.updated_at}>{w.updated_at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</time></td>
                {canEdit && <td><button type="button" aria-label={t('list.edit', { name: w.name })} onClick={() => setEditing(w)}>{t('list.editShort')}</button></td>}
              </tr>
            ))}</tbody>
          </table>
        </TableScroll>
      )}
      {editing && <WorkflowDetailsDialog api={api} workflow={editing} onClose={() => setEditing(undefined)}
        onSaved={(saved) => { setEditing(undefined); setWorkflows(workflows?.map((w) => (w.id === saved.id ? saved : w))); }} />}
      {creating && <NewWorkflowDialog api={api} onClose={() => setCreating(false)} onCreated={(id) => navigate({ page: 'builder', id })} />}
    </section>
  );
}

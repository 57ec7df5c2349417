/**
 * A workflow's versions: status, notes, who saved them and when; open one read-only, activate
 * (after the confirmation of ActivateDialog.tsx, which warns in live), archive (admins), each
 * announced when done; compare two; the cost per route of the active one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivateDialog } from './ActivateDialog';
import type { Client, VersionSummary, WorkflowView } from './api';
import { Compare } from './builder/Compare';
import { Cost } from './builder/Cost';
import type { Draft } from './builder/model';
import { Link } from './Link';
import { useCanEdit } from './session';
import { TableScroll } from './TableScroll';

export function Versions({ api, id }: { api: Client; id: string }) {
  const { t } = useTranslation();
  const [workflow, setWorkflow] = useState<WorkflowView | undefined>();
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [error, setError] = useState('');
  const canEdit = useCanEdit();
  const [priced, setPriced] = useState<{ version: number; draft: Draft } | undefined>();
  // The cost per route of the active version, else the newest valid one.
  const pricedVersion = (versions.find((v) => v.status === 'active') ?? versions.find((v) => v.status !== 'invalid'))?.version;
  useEffect(() => {
    if (pricedVersion === undefined) return;
    api.version(id, pricedVersion).then((v) => setPriced({ version: v.version, draft: v.definition as Draft }), (e: Error) => setError(e.message));
  }, [api, id, pricedVersion]);
  const load = useCallback(() => {
    Promise.all([api.workflow(id), api.versions(id)])
      .then(([w, v]) => { setWorkflow(w); setVersions([...v].sort((a, b) => b.version - a.version)); }, (e: Error) => setError(e.message));
  }, [api, id]);
  useEffect(load, [load]);
  // What was done, announced (role status); an activation waits for a confirmation first.
  const [done, setDone] = useState('');
  const [confirming, setConfirming] = useState<number | undefined>();
  const act = (f: () => Promise<unknown>, message: string) => {
    setDone('');
    setError('');
    f().then(() => { setDone(message); refocus.current = true; load(); }, (e: Error) => setError(e.message));
  };
  // The button acted on may be gone once the list reloads (an active version offers no "Activate"): focus then goes to the heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, [versions]);
  return (
    <section aria-labelledby="versions-h">
      <h1 id="versions-h" ref={heading} tabIndex={-1}>{t('versions.heading', { name: workflow?.name ?? '' })}</h1>
      <p><Link to={{ page: 'builder', id }}>{t('versions.edit')}</Link></p>
      {error && <p role="alert" className="error">{error}</p>}
      <p role="status" className="notice">{done}</p>
      <TableScroll labelledBy="versions-h">
        <table>
          <thead><tr><th>{t('versions.version')}</th><th>{t('versions.status')}</th><th>{t('versions.notes')}</th><th>{t('versions.saved')}</th><th>{t('versions.savedBy')}</th><th>{t('versions.actions')}</th></tr></thead>
          <tbody>{versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td className={`status status-${v.status}`}>{t(`builder.status.${v.status}`)}{v.problem_count > 0 && ` (${t('versions.problems', { count: v.problem_count })})`}</td>
              <td>{v.notes}</td>
              <td><time dateTime={v.created_at}>{v.created_at.replace('T', ' ').replace(/Z$/, ' UTC')}</time></td>
              <td>{v.created_by ?? t('versions.unknown')}</td>
              <td className="row-actions">
                <Link to={{ page: 'builder', id, version: v.version }}>{t('versions.open', { n: v.version })}</Link>
                {canEdit && v.status === 'inactive' && <button type="button" onClick={() => setConfirming(v.version)}>{t('versions.activate', { n: v.version })}</button>}
                {canEdit && (v.status === 'inactive' || v.status === 'invalid') && <button type="button"
                  onClick={() => act(() => api.archive(id, v.version), t('versions.archived', { n: v.version }))}>{t('versions.archive', { n: v.version })}</button>}
              </td>
            </tr>
          ))}</tbody>
        </table>
      </TableScroll>
      {confirming !== undefined && <ActivateDialog version={confirming} onClose={() => setConfirming(undefined)} onActivate={() => {
        const n = confirming;
        setConfirming(undefined);
        act(() => api.activate(id, n), t('versions.activated', { n }));
      }} />}
      {priced && <Cost draft={priced.draft} valid version={priced.version} />}
      {versions.length > 1 && <Compare api={api} id={id} versions={versions.map((v) => v.version)} />}
    </section>
  );
}

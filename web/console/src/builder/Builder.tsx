/**
 * The Workflow Builder: loads the version to edit (nothing is editable until it has: a failed load
 * is an alert with "Try again"), keeps the draft with undo/redo, saves it on top of the version it
 * started from (a newer one is a conflict, SaveDialog.tsx), activates versions after the same
 * confirmation as the versions page (ActivateDialog.tsx), and never drops unsaved work without
 * asking (LeaveGuard.tsx). After a save, an activation or "Reload latest version" the focus goes to
 * the status that says what was done ("Save" / "Activate" are disabled by then). Editor.tsx draws it, inside an error boundary that
 * offers the last draft it drew.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivateDialog } from '../ActivateDialog';
import type { Client, VersionSummary, WorkflowView } from '../api';
import { ErrorBoundary } from '../ErrorBoundary';
import { useLeaveGuard } from '../LeaveGuard';
import { useCanEdit } from '../session';
import { Editor, type Saved } from './Editor';
import { useHistory } from './history';
import { blankDraft, type Draft } from './model';
import { SaveDialog } from './SaveDialog';
import { draftShape, type ShapeProblem } from './shape';

type Loaded = { workflow: WorkflowView; draft: Draft; saved: Saved | undefined };
type Load = { state: 'loading' } | { state: 'failed'; error: unknown } | ({ state: 'ready' } & Loaded);

/** A version whose definition is not shaped as a draft (saved through the API): the builder cannot show it. */
class NotDraft extends Error {
  constructor(readonly version: number, readonly problem: ShapeProblem) { super(`version ${version}: ${problem.path}: ${problem.message}`); }
}

const latestOf = (versions: VersionSummary[]) => versions.reduce<number | undefined>((a, v) => (a === undefined || v.version > a ? v.version : a), undefined);

/** The workflow and the draft to start from: `version`, else the latest version, else a blank draft. */
async function loadDraft(api: Client, id: string, version: number | undefined): Promise<Loaded> {
  const [workflow, latest] = await Promise.all([api.workflow(id), version ?? api.versions(id).then(latestOf)]);
  if (latest === undefined) return { workflow, draft: blankDraft(workflow.name), saved: undefined };
  const v = await api.version(id, latest);
  const wrong = draftShape(v.definition);
  if (wrong) throw new NotDraft(v.version, wrong);
  const draft = v.definition as Draft;
  return { workflow, draft, saved: { version: v.version, status: v.status, draft } };
}

/** `version`: that version, read-only; else the latest version (or a blank draft), editable. `sandbox`: "Try it" is offered. */
export function Builder({ api, id, version, sandbox = false }: { api: Client; id: string; version?: number | undefined; sandbox?: boolean }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<Saved | undefined>();
  // The draft as loaded or last saved: changes since are what leaving would lose.
  const [base, setBase] = useState<Draft | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [activating, setActivating] = useState(false);
  // The status that says what was done takes the focus once drawn (the button used is disabled or gone by then).
  const status = useRef<HTMLParagraphElement>(null);
  const focusStatus = useRef(false);
  // "Reload latest version": the load that follows says so.
  const reloading = useRef(false);
  useLayoutEffect(() => {
    if (focusStatus.current && status.current) { focusStatus.current = false; status.current.focus(); }
  });
  const history = useHistory<Draft>(blankDraft(''));
  const draft = history.present;
  const { reset } = history;
  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    loadDraft(api, id, version).then((l) => {
      if (!current) return;
      reset(l.draft);
      setSaved(l.saved);
      setBase(l.draft);
      setLoad({ state: 'ready', ...l });
      if (reloading.current && l.saved) { reloading.current = false; focusStatus.current = true; setNotice(t('builder.reloaded', { n: l.saved.version })); }
    }, (error: unknown) => { if (current) { reloading.current = false; setLoad({ state: 'failed', error }); } });
    return () => { current = false; };
  }, [api, id, version, reset, attempt, t]);
  // An analyst sees every version read-only (the API refuses their saves).
  const canEdit = useCanEdit();
  const readOnly = version !== undefined || !canEdit;
  const dirty = !saved || saved.draft !== draft;
  const leaving = useLeaveGuard(load.state === 'ready' && !readOnly && draft !== base);
  const done = (message: string) => { setError(''); setNotice(message); };
  const failed = (message: string) => { setNotice(''); setError(message); };
  const save = async (notes: string, anyway: boolean) => {
    const v = await api.saveVersion(id, draft, notes, anyway ? undefined : saved?.version ?? 0);
    setSaved({ version: v.version, status: v.status, draft });
    setBase(draft);
    setSaving(false);
    focusStatus.current = true;
    done(t('builder.saved', { n: v.version }));
  };
  const activate = async () => {
    if (!saved) return;
    try {
      const v = await api.activate(id, saved.version);
      setSaved({ ...saved, status: v.status });
      focusStatus.current = true;
      done(t('builder.activated', { n: v.version }));
    } catch (e) { failed((e as Error).message); }
  };
  // The last draft the editor drew, and a new boundary for each way back to it.
  const lastGood = useRef<Draft | undefined>(undefined);
  const onShown = useCallback((d: Draft) => { lastGood.current = d; }, []);
  const [recoveries, setRecoveries] = useState(0);
  if (load.state === 'failed') {
    const e = load.error;
    const message = e instanceof NotDraft ? t('keep.notDraft', { n: e.version, ...e.problem }) : (e as Error).message;
    return (
      <div className="load-failed">
        <p role="alert" className="error">{t('keep.loadFailed', { message })}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t('keep.tryAgain')}</button>
      </div>
    );
  }
  if (load.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  const notices = <>
    <p className="notice" role="status" ref={status} tabIndex={-1}>{notice}</p>
    {error && <p className="error" role="alert">{error}</p>}
  </>;
  const recover = (good: Draft) => { history.set(good); setRecoveries((n) => n + 1); };
  const crashed = (e: Error) => (
    <div className="builder">
      <h1>{load.workflow.name}</h1>
      <p role="alert" className="error">{t('keep.crashed', { message: e.message })}</p>
      {lastGood.current && <button type="button" onClick={() => { if (lastGood.current) recover(lastGood.current); }}>{t('keep.lastGood')}</button>}
    </div>
  );
  return (
    <>
      <ErrorBoundary key={recoveries} fallback={crashed}>
        <Editor api={api} id={id} sandbox={sandbox} readOnly={readOnly} workflow={load.workflow} history={history} saved={saved} dirty={dirty}
          onSave={() => setSaving(true)} onActivate={() => setActivating(true)} onShown={onShown} notices={notices} />
      </ErrorBoundary>
      {saving && <SaveDialog onSave={save} onClose={() => setSaving(false)}
        onReload={() => { setSaving(false); setNotice(''); reloading.current = true; setLoad({ state: 'loading' }); setAttempt((n) => n + 1); }} />}
      {activating && saved && <ActivateDialog version={saved.version} onClose={() => setActivating(false)}
        onActivate={() => { setActivating(false); void activate(); }} />}
      {leaving}
    </>
  );
}

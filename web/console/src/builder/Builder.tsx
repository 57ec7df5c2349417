/** The Workflow Builder: canvas, panel and problems over a draft with undo/redo; save and activate versions. */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validate } from '../../../../compiler';
import type { Client, TrialRun, VersionSummary, WorkflowView } from '../api';
import { Link } from '../Link';
import { useCanEdit } from '../session';
import { Canvas, type CanvasEdits } from './Canvas';
import { CodeView } from './CodeView';
import { Cost } from './Cost';
import { toGraph } from './graph';
import { useHistory } from './history';
import { addAfter, blankDraft, connect, edgeRoute, insertOn, openSlot, removeTask, START, taskLabel, type Draft, type NewTask } from './model';
import { Palette } from './Palette';
import { Panel } from './panel/Panel';
import { Problems } from './Problems';
import { SaveDialog } from './SaveDialog';
import { Toolbar } from './Toolbar';
import { drawRoute } from './trial';
import { TrialStatus, TryItDialog } from './TryIt';
import { Updates } from './Updates';

type Saved = { version: number; status: VersionSummary['status']; draft: Draft };

/** `version`: that version, read-only; else the latest version (or a blank draft), editable. `sandbox`: "Try it" is offered. */
export function Builder({ api, id, version, sandbox = false }: { api: Client; id: string; version?: number | undefined; sandbox?: boolean }) {
  const { t } = useTranslation();
  const [workflow, setWorkflow] = useState<WorkflowView | undefined>();
  const [saved, setSaved] = useState<Saved | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [selected, setSelected] = useState<string | null>(START);
  const [code, setCode] = useState(false);
  const history = useHistory<Draft>(blankDraft(''));
  const draft = history.present;
  const { reset } = history;
  useEffect(() => {
    (async () => {
      const w = await api.workflow(id);
      setWorkflow(w);
      const latest = version ?? (await api.versions(id)).reduce<VersionSummary | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined)?.version;
      if (latest === undefined) { reset(blankDraft(w.name)); return; }
      const v = await api.version(id, latest);
      const d = v.definition as Draft;
      reset(d);
      setSaved({ version: v.version, status: v.status, draft: d });
    })().catch((e: Error) => setError(e.message));
  }, [api, id, version, reset]);
  // An analyst sees every version read-only (the API refuses their saves).
  const canEdit = useCanEdit();
  const readOnly = version !== undefined || !canEdit;
  const edit = readOnly ? () => undefined : history.set;
  const problems = useMemo(() => validate(draft).problems, [draft]);
  const graph = useMemo(() => toGraph(draft, problems, t('builder.start')), [draft, problems, t]);
  const labelOf = (task: string) => { if (task === START) return t('builder.start'); const x = draft.tasks.find((y) => y.id === task); return x ? taskLabel(x) : task; };
  const dirty = !saved || saved.draft !== draft;
  // "Try it": the trial run of a draft, and its route drawn while that draft is the one shown.
  const [trying, setTrying] = useState(false);
  const [trial, setTrial] = useState<{ run: TrialRun; draft: Draft; route: string[] } | undefined>();
  const onRoute = useCallback((route: string[]) => setTrial((x) => (x ? { ...x, route } : x)), []);
  const drawn = useMemo(() => (trial && trial.draft === draft ? drawRoute(trial.route, graph.edges) : undefined), [trial, draft, graph.edges]);
  // Where the add menu puts the task: a route (a node's (+) or an edge's (+)), else after the selected task.
  const [adding, setAdding] = useState<{ source: string; key: string; label: string } | null>(null);
  const took = (done: { draft: Draft; id: string } | undefined) => { if (done) { history.set(done.draft); setSelected(done.id); } };
  const add = (spec: NewTask) => {
    if (adding) took(insertOn(draft, adding.source, adding.key, spec));
    else if (selected !== null) took(addAfter(draft, selected, spec));
    setAdding(null);
  };
  const canAdd = (id: string) => openSlot(draft, id) !== undefined;
  const edits: CanvasEdits = {
    canAdd,
    onAddAfter: (node) => {
      const slot = openSlot(draft, node);
      setSelected(node);
      if (slot) setAdding({ source: node, key: slot.key, label: t('builder.addAfterNode', { name: labelOf(node) }) });
    },
    onInsert: (source, key, label) => setAdding({ source, key, label }),
    onDrop: (spec, on) => {
      if ('node' in on) { took(addAfter(draft, on.node, spec)); return; }
      const r = edgeRoute(on.edge);
      took(insertOn(draft, r.source, r.key, spec));
    },
    onReconnect: (source, key, target) => history.set(connect(draft, source, key, target)),
    onConnect: (source, target) => { const slot = openSlot(draft, source); if (slot) history.set(connect(draft, source, slot.key, target)); },
  };
  const save = async (notes: string) => {
    const v = await api.saveVersion(id, draft, notes);
    setSaved({ version: v.version, status: v.status, draft });
    setSaving(false);
    setNotice(t('builder.saved', { n: v.version }));
  };
  const activate = async () => {
    if (!saved) return;
    try {
      const v = await api.activate(id, saved.version);
      setSaved({ ...saved, status: v.status });
      setNotice(t('builder.activated', { n: v.version }));
    } catch (e) { setError((e as Error).message); }
  };
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).closest('input, textarea, select')) return;
    if (e.key.toLowerCase() === 'z' && !e.shiftKey) { e.preventDefault(); history.undo(); }
    if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) { e.preventDefault(); history.redo(); }
  };
  if (!workflow) return <p role={error ? 'alert' : undefined}>{error || t('app.loading')}</p>;
  return (
    <div className="builder" onKeyDown={onKey}>
      <div className="title">
        <h1>{workflow.name}</h1>
        <button type="button" aria-pressed={code} onClick={() => setCode(!code)}>{t('code.show')}</button>
        <Link to={{ page: 'versions', id }}>{t('versions.link')}</Link>
      </div>
      {readOnly && saved ? (
        <p className="version">{t('versions.readOnly', { n: saved.version })} · <span className={`status status-${saved.status}`}>{t(`builder.status.${saved.status}`)}</span></p>
      ) : <Toolbar history={history} canAdd={selected !== null && canAdd(selected)} onAdd={add}
        menu={{ open: adding !== null, label: adding?.label ?? t('builder.addAfter'), onClose: () => setAdding(null),
          onToggle: () => { if (adding) setAdding(null); else if (selected !== null) edits.onAddAfter(selected); } }}
        canDelete={selected !== null && selected !== START} onDelete={() => { if (selected) { history.set(removeTask(draft, selected)); setSelected(START); } }}
        saved={saved} dirty={dirty} onSave={() => setSaving(true)} onActivate={() => void activate()}
        onTry={sandbox ? () => setTrying(true) : undefined} canTry={problems.length === 0} />}
      <p className="notice" role="status">{error || notice}</p>
      {!readOnly && <Updates draft={draft} onChange={edit} />}
      <div className={readOnly ? 'work' : 'work editable'}>
        {!readOnly && <Palette canAdd={selected !== null && canAdd(selected)} onAdd={(spec) => { if (selected !== null) took(addAfter(draft, selected, spec)); }} />}
        <ReactFlowProvider>
          <Canvas nodes={graph.nodes} edges={graph.edges} selected={selected} onSelect={setSelected} edits={readOnly ? undefined : edits}
            marks={drawn?.marks} taken={drawn?.taken} />
        </ReactFlowProvider>
        <fieldset className="side" disabled={readOnly}>
          {code ? <CodeView draft={draft} onChange={edit} /> : <Panel draft={draft} workflowId={id} selected={selected} onChange={edit} />}
        </fieldset>
      </div>
      {trial && <TrialStatus api={api} run={trial.run} onRoute={onRoute} onClear={() => setTrial(undefined)} />}
      <Problems problems={problems} labelOf={labelOf} onSelect={setSelected} />
      <Cost draft={draft} valid={problems.length === 0} />
      {trying && <TryItDialog api={api} id={id} draft={draft} onClose={() => setTrying(false)}
        onStarted={(run) => { setTrying(false); setTrial({ run, draft, route: [] }); }} />}
      {saving && <SaveDialog onSave={save} onClose={() => setSaving(false)} />}
    </div>
  );
}

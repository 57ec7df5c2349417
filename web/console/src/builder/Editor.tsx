/**
 * The builder's editor over a loaded draft: toolbar, canvas, panel or code view, problems, cost,
 * "Try it". Builder.tsx owns the draft, its history and saving; an error boundary there keeps the
 * last draft this drew (`onShown`) should a draft ever fail to draw.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { validate } from '../../../../compiler';
import type { Client, TrialRun, VersionSummary, WorkflowView } from '../api';
import { Link } from '../Link';
import { Canvas, type CanvasEdits } from './Canvas';
import { CodeView } from './CodeView';
import { Cost } from './Cost';
import { toGraph } from './graph';
import type { useHistory } from './history';
import { addAfter, connect, edgeRoute, insertOn, openSlot, removeTask, START, taskLabel, type Draft, type NewTask } from './model';
import { Palette } from './Palette';
import { Panel } from './panel/Panel';
import { unlisted } from './panel/readable';
import { Problems } from './Problems';
import { Toolbar } from './Toolbar';
import { drawRoute } from './trial';
import { TrialStatus, TryItDialog } from './TryIt';
import { Updates } from './Updates';

export type Saved = { version: number; status: VersionSummary['status']; draft: Draft };

interface Props {
  api: Client; id: string; sandbox: boolean; readOnly: boolean; workflow: WorkflowView;
  history: ReturnType<typeof useHistory<Draft>>; saved: Saved | undefined; dirty: boolean;
  onSave: () => void; onActivate: () => void; onShown: (draft: Draft) => void;
  /** The notices of the page (status and alert), drawn under the toolbar. */
  notices: ReactNode;
}

export function Editor({ api, id, sandbox, readOnly, workflow, history, saved, dirty, onSave, onActivate, onShown, notices }: Props) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(START);
  const [code, setCode] = useState(false);
  const draft = history.present;
  useEffect(() => onShown(draft), [draft, onShown]);
  const edit = readOnly ? () => undefined : history.set;
  // The validator's problems, and the parts the panel cannot edit that none of them names.
  const problems = useMemo(() => {
    const found = validate(draft).problems;
    return [...found, ...unlisted(draft, found).map((x) => ({ code: 'not_editable', task: x.task, path: x.path,
      message: t('notEditable.problem', { path: x.path, expected: t(`notEditable.expected.${x.expected}`) }) }))];
  }, [draft, t]);
  const graph = useMemo(() => toGraph(draft, problems, t('builder.start')), [draft, problems, t]);
  const labelOf = (task: string) => { if (task === START) return t('builder.start'); const x = draft.tasks.find((y) => y.id === task); return x ? taskLabel(x) : task; };
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
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).closest('input, textarea, select, dialog')) return;
    if (e.key.toLowerCase() === 'z' && !e.shiftKey) { e.preventDefault(); history.undo(); }
    if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) { e.preventDefault(); history.redo(); }
  };
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
        saved={saved} dirty={dirty} onSave={onSave} onActivate={onActivate}
        onTry={sandbox ? () => setTrying(true) : undefined} canTry={problems.length === 0} />}
      {notices}
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
    </div>
  );
}

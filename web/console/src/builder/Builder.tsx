/** The Workflow Builder: canvas, panel and problems over a draft with undo/redo; save and activate versions. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validate } from '../../../../compiler';
import type { Client, VersionSummary, WorkflowView } from '../api';
import { Canvas } from './Canvas';
import { toGraph } from './graph';
import { useHistory } from './history';
import { addAfter, blankDraft, openSlot, removeTask, START, taskLabel, type Draft, type NewTask } from './model';
import { Panel } from './panel/Panel';
import { Problems } from './Problems';
import { SaveDialog } from './SaveDialog';
import { Toolbar } from './Toolbar';

type Saved = { version: number; status: VersionSummary['status']; draft: Draft };

export function Builder({ api, id }: { api: Client; id: string }) {
  const { t } = useTranslation();
  const [workflow, setWorkflow] = useState<WorkflowView | undefined>();
  const [saved, setSaved] = useState<Saved | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [selected, setSelected] = useState<string | null>(START);
  const history = useHistory<Draft>(blankDraft(''));
  const draft = history.present;
  const { reset } = history;
  useEffect(() => {
    (async () => {
      const w = await api.workflow(id);
      setWorkflow(w);
      const latest = (await api.versions(id)).reduce<VersionSummary | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
      if (!latest) { reset(blankDraft(w.name)); return; }
      const v = await api.version(id, latest.version);
      const d = v.definition as Draft;
      reset(d);
      setSaved({ version: v.version, status: v.status, draft: d });
    })().catch((e: Error) => setError(e.message));
  }, [api, id, reset]);
  const problems = useMemo(() => validate(draft).problems, [draft]);
  const graph = useMemo(() => toGraph(draft, problems, t('builder.start')), [draft, problems, t]);
  const labelOf = (task: string) => { const x = draft.tasks.find((y) => y.id === task); return x ? taskLabel(x) : task; };
  const dirty = !saved || saved.draft !== draft;
  const add = (spec: NewTask) => {
    if (selected === null) return;
    const done = addAfter(draft, selected, spec);
    if (done) { history.set(done.draft); setSelected(done.id); }
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
      <h1>{workflow.name}</h1>
      <Toolbar history={history} canAdd={selected !== null && openSlot(draft, selected) !== undefined} onAdd={add}
        canDelete={selected !== null && selected !== START} onDelete={() => { if (selected) { history.set(removeTask(draft, selected)); setSelected(START); } }}
        saved={saved} dirty={dirty} onSave={() => setSaving(true)} onActivate={() => void activate()} />
      <p className="notice" role="status">{error || notice}</p>
      <div className="work">
        <ReactFlowProvider>
          <Canvas nodes={graph.nodes} edges={graph.edges} selected={selected} onSelect={setSelected} />
        </ReactFlowProvider>
        <Panel draft={draft} selected={selected} onChange={history.set} />
      </div>
      <Problems problems={problems} labelOf={labelOf} onSelect={setSelected} />
      {saving && <SaveDialog onSave={save} onClose={() => setSaving(false)} />}
    </div>
  );
}

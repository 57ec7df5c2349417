/**
 * The right-hand panel: workflow settings when Start is selected, else the selected task's
 * configuration. A part of the task its editor cannot edit (readable.ts) is a note in its place.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Task } from '../../../../../compiler';
import { START, updateTask, type Draft } from '../model';
import { crashTest } from './crash-test';
import { Documents } from './Documents';
import { Fields } from './Fields';
import { LogicEditor } from './LogicEditor';
import { NextRoute } from './NextRoute';
import { guarded } from './NotEditable';
import { ParallelEditor } from './ParallelEditor';
import { SendReceiveEditor } from './SendReceiveEditor';
import { taskParts } from './readable';
import { ResultEditor } from './ResultEditor';
import { RetryRoutes } from './RetryRoutes';
import { Settings } from './Settings';

export function Panel({ draft, workflowId, selected, onChange }: { draft: Draft; workflowId: string; selected: string | null; onChange: (d: Draft) => void }) {
  const { t } = useTranslation();
  const task = draft.tasks.find((x) => x.id === selected);
  return (
    <aside className="panel" aria-labelledby="panel-h">
      <h2 id="panel-h">{selected === START ? t('panel.settings') : t('panel.heading')}</h2>
      {selected === START && <Settings draft={draft} workflowId={workflowId} onChange={onChange} />}
      {task && <TaskEditor key={task.id} draft={draft} task={task} onChange={(next) => onChange(updateTask(draft, task.id, next))} />}
    </aside>
  );
}

function TaskEditor({ draft, task, onChange }: { draft: Draft; task: Task; onChange: (t: Task) => void }) {
  const { t } = useTranslation();
  crashTest();
  const parts = useMemo(() => taskParts(task), [task]);
  const rename = (name: string) => {
    const { name: _old, ...rest } = task;
    onChange((name === '' ? rest : { ...rest, name }) as Task);
  };
  return (
    <form className="task-editor" onSubmit={(e) => e.preventDefault()}>
      <p className="muted">{t('panel.type', { type: displayName(task) })} · {t('panel.id')}: <code>{task.id}</code></p>
      {guarded(parts, 'name', t('panel.taskName'), () => (
        <div className="field">
          <label htmlFor="task-name">{t('panel.taskName')}</label>
          <input id="task-name" value={task.name ?? ''} placeholder={displayName(task)} onChange={(e) => rename(e.target.value)} />
        </div>
      ))}
      {task.type === 'document_capture' && guarded(parts, 'documents', t('panel.documents'), () => <Documents task={task} onChange={onChange} />)}
      {'next' in task && task.type !== 'parallel' && guarded(parts, 'next', t('panel.next'), () => <NextRoute draft={draft} task={task} onChange={onChange} />)}
      {task.type === 'retry' && <RetryRoutes draft={draft} task={task} parts={parts} onChange={onChange} />}
      <Fields task={task} parts={parts} onChange={(x) => onChange(x as Task)} />
      {task.type === 'send_receive' && <SendReceiveEditor draft={draft} task={task} parts={parts} onChange={onChange} />}
      {task.type === 'parallel' && <ParallelEditor draft={draft} task={task} parts={parts} onChange={onChange} />}
      {task.type === 'logic' && <LogicEditor draft={draft} task={task} parts={parts} onChange={onChange} />}
      {task.type === 'result' && guarded(parts, 'output', t('panel.outputs'), () => <ResultEditor draft={draft} task={task} onChange={onChange} />)}
    </form>
  );
}

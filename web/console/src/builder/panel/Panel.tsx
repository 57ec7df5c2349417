/** The right-hand panel: workflow settings when Start is selected, else the selected task's configuration. */
import { useTranslation } from 'react-i18next';
import { displayName, type Task } from '../../../../../compiler';
import { START, updateTask, type Draft } from '../model';
import { Documents } from './Documents';
import { Fields } from './Fields';
import { LogicEditor } from './LogicEditor';
import { NextRoute } from './NextRoute';
import { ParallelEditor } from './ParallelEditor';
import { SendReceiveEditor } from './SendReceiveEditor';
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
  const rename = (name: string) => {
    const { name: _old, ...rest } = task;
    onChange((name === '' ? rest : { ...rest, name }) as Task);
  };
  return (
    <form className="task-editor" onSubmit={(e) => e.preventDefault()}>
      <p className="muted">{t('panel.type', { type: displayName(task) })} · {t('panel.id')}: <code>{task.id}</code></p>
      <div className="field">
        <label htmlFor="task-name">{t('panel.taskName')}</label>
        <input id="task-name" value={task.name ?? ''} placeholder={displayName(task)} onChange={(e) => rename(e.target.value)} />
      </div>
      {task.type === 'document_capture' && <Documents task={task} onChange={onChange} />}
      {'next' in task && task.type !== 'parallel' && <NextRoute draft={draft} task={task} onChange={onChange} />}
      {task.type === 'retry' && <RetryRoutes draft={draft} task={task} onChange={onChange} />}
      <Fields task={task} onChange={(x) => onChange(x as Task)} />
      {task.type === 'send_receive' && <SendReceiveEditor draft={draft} task={task} onChange={onChange} />}
      {task.type === 'parallel' && <ParallelEditor draft={draft} task={task} onChange={onChange} />}
      {task.type === 'logic' && <LogicEditor draft={draft} task={task} onChange={onChange} />}
      {task.type === 'result' && <ResultEditor draft={draft} task={task} onChange={onChange} />}
    </form>
  );
}

/**
 * Logic: branches in evaluation order, each a name, its conditions (nested AND / OR / NOT groups)
 * and where it goes. A part it cannot edit (readable.ts: branches that are not a list, a branch, its
 * name, its condition or a condition in a group) is a note; the rest of the task stays editable.
 */
import { useTranslation } from 'react-i18next';
import type { TaskOf } from '../../../../../compiler';
import { taskLabel, type Draft } from '../model';
import { pathsAt } from '../paths';
import { ConditionGroup } from './ConditionGroup';
import { guarded } from './NotEditable';
import type { Parts } from './readable';

type Logic = TaskOf<'logic'>;
type Branch = Logic['branches'][number];

export function LogicEditor({ draft, task, parts, onChange }: { draft: Draft; task: Logic; parts: Parts; onChange: (t: Logic) => void }) {
  const { t } = useTranslation();
  const paths = pathsAt(draft, task.id);
  const targets = draft.tasks.filter((x) => x.id !== task.id);
  const setBranch = (i: number, b: Branch) => onChange({ ...task, branches: task.branches.map((x, j) => (j === i ? b : x)) });
  const addBranch = () => onChange({ ...task, branches: [...task.branches, { name: `Branch ${task.branches.length + 1}`, when: { all: [] }, next: null }] });
  const route = (id: string, value: string | null, set: (v: string | null) => void) => (
    <select id={id} value={value ?? ''} onChange={(e) => set(e.target.value || null)}>
      <option value="">{t('panel.noSource')}</option>
      {targets.map((x) => <option key={x.id} value={x.id}>{taskLabel(x)}</option>)}
    </select>
  );
  const branch = (b: Branch, i: number) => {
    const n = i + 1;
    const at = `branches[${i}]`;
    return (
      <>
        {guarded(parts, `${at}.name`, t('panel.branchName', { n }), () => (
          <div className="field">
            <label htmlFor={`b-${n}-name`}>{t('panel.branchName', { n })}</label>
            <input id={`b-${n}-name`} value={b.name ?? ''} onChange={(e) => { const { name: _n, ...rest } = b; setBranch(i, e.target.value ? { ...rest, name: e.target.value } : rest); }} />
          </div>
        ))}
        {guarded(parts, `${at}.when`, t('panel.conditionsOf', { n }), () => (
          <ConditionGroup cond={b.when} n={n} path={`${at}.when`} parts={parts} paths={paths} onChange={(when) => setBranch(i, { ...b, when })} />
        ))}
        {guarded(parts, `${at}.next`, t('panel.goesTo', { n }), () => (
          <div className="field">
            <label htmlFor={`b-${n}-next`}>{t('panel.goesTo', { n })}</label>
            {route(`b-${n}-next`, b.next, (v) => setBranch(i, { ...b, next: v }))}
          </div>
        ))}
      </>
    );
  };
  return (
    <fieldset className="branches">
      <legend>{t('panel.branches')}</legend>
      {guarded(parts, 'branches', t('panel.branches'), () => (
        <>
          {task.branches.map((b, i) => {
            const n = i + 1;
            const name = parts.has(`branches[${i}]`) || parts.has(`branches[${i}].name`) ? '' : b.name;
            return (
              <fieldset key={i} className="branch">
                <legend>{name || t('panel.branch', { n })}</legend>
                {guarded(parts, `branches[${i}]`, t('panel.branch', { n }), () => branch(b, i))}
                {task.branches.length > 1 && (
                  <button type="button" onClick={() => onChange({ ...task, branches: task.branches.filter((_, j) => j !== i) })}>{t('panel.removeBranch', { n })}</button>
                )}
              </fieldset>
            );
          })}
          <button type="button" onClick={addBranch}>{t('panel.addBranch')}</button>
        </>
      ))}
      {guarded(parts, 'else', t('panel.else'), () => (
        <div className="field">
          <label htmlFor="logic-else">{t('panel.else')}</label>
          {route('logic-else', task.else, (v) => onChange({ ...task, else: v }))}
        </div>
      ))}
    </fieldset>
  );
}

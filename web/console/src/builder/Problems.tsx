/** The "Problems" region: how many (a polite status), then every problem with its task; choosing one selects that task. */
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../compiler';
import { START } from './model';

export function Problems({ problems, labelOf, onSelect }: { problems: readonly Problem[]; labelOf: (id: string) => string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="problems" role="region" aria-labelledby="problems-h">
      <h2 id="problems-h">{t('builder.problems')}</h2>
      {/* Persistent, so that a change of the count is announced (WCAG 4.1.3). */}
      <p role="status" className={problems.length === 0 ? 'ok' : undefined}>
        {problems.length === 0 ? t('builder.noProblems') : t('builder.problemCount', { count: problems.length })}
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => {
            const task = p.task ? labelOf(p.task) : t('builder.workflowProblem');
            return (
              <li key={`${p.code}:${p.path}:${i}`}>
                <button type="button" className="link" onClick={() => onSelect(p.task ?? START)}>
                  <strong>{task}</strong>: {p.message}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

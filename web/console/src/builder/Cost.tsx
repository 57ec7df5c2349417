/**
 * Cost per run of each route (the shortest route to each result task), from the compiled state
 * machine's transitions and the Lambda tasks on it, priced by lib/cost.ts as README "Cost" is.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { estimate, routeTo } from '../../../../lib/cost';
import { taskLabel, type Draft } from './model';
import { TableScroll } from '../TableScroll';

const RUNS = 10_000;

/** `version`: the saved version priced (the versions page); absent: the draft being edited. */
export function Cost({ draft, valid, version }: { draft: Draft; valid: boolean; version?: number }) {
  const { t } = useTranslation();
  const rows = useMemo(() => (valid ? draft.tasks.filter((x) => x.type === 'result').flatMap((r) => {
    const route = routeTo(draft, [r.id]);
    return route ? [{ id: r.id, label: taskLabel(r), route, usd: estimate(route, RUNS).reduce((s, l) => s + l.usd, 0) }] : [];
  }) : []), [draft, valid]);
  if (rows.length === 0) return null;
  return (
    <section className="cost" role="region" aria-labelledby="cost-h">
      <h2 id="cost-h">{t('cost.heading')}</h2>
      {version !== undefined && <p>{t('cost.ofVersion', { n: version })}</p>}
      <TableScroll labelledBy="cost-h">
        <table>
          <thead><tr><th>{t('cost.route')}</th><th>{t('cost.transitions')}</th><th>{t('cost.captures')}</th><th>{t('cost.reports')}</th><th>{t('cost.usd', { runs: RUNS.toLocaleString('en-US') })}</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={r.id}><td>{r.label}</td><td>{r.route.transitions}</td><td>{r.route.captures}</td><td>{r.route.reports}</td><td>${r.usd.toFixed(2)}</td></tr>
          ))}</tbody>
        </table>
      </TableScroll>
      <p className="muted">{t('cost.note')}</p>
    </section>
  );
}

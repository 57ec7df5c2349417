/** The results' search box and filters; every change goes to the URL (Results.tsx). */
import { cloneElement, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportType } from '../../../../compiler';
import type { WorkflowView } from '../api';
import type { Filters } from './filters';

export const STATUSES = ['processing', 'awaiting_input', 'awaiting_client_input', 'approved', 'declined', 'review', 'abandoned', 'error'] as const;

export function FilterBar({ filters, workflows, onChange }: { filters: Filters; workflows: WorkflowView[]; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch, after: '' });
  return (
    <div className="results-filters">
      <form role="search" onSubmit={(e) => { e.preventDefault(); set({ q }); }}>
        <input type="search" aria-label={t('results.search')} placeholder={t('results.searchHint')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('results.searchButton')}</button>
      </form>
      <Field label={t('results.status')}>
        <select value="" onChange={(e) => { if (e.target.value) set({ status: [...new Set([...filters.status, e.target.value])] }); }}>
          <option value="">{t('results.addStatus')}</option>
          {STATUSES.filter((s) => !filters.status.includes(s)).map((s) => <option key={s} value={s}>{t(`results.statuses.${s}`)}</option>)}
        </select>
      </Field>
      {filters.status.map((s) => (
        <button type="button" key={s} className="chip" onClick={() => set({ status: filters.status.filter((x) => x !== s) })}>
          {t('results.removeStatus', { status: t(`results.statuses.${s}`) })}
        </button>
      ))}
      <Field label={t('results.workflow')}>
        <select value={filters.workflow_id} onChange={(e) => set({ workflow_id: e.target.value })}>
          <option value="">{t('results.any')}</option>
          {workflows.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
        </select>
      </Field>
      <Field label={t('results.reportType')}>
        <select value={filters.report_type} onChange={(e) => set({ report_type: e.target.value, ...(e.target.value ? {} : { report_result: '' }) })}>
          <option value="">{t('results.any')}</option>
          {ReportType.options.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </Field>
      <Field label={t('results.result')}>
        <select value={filters.report_result} disabled={!filters.report_type} onChange={(e) => set({ report_result: e.target.value })}>
          <option value="">{t('results.any')}</option>
          <option value="clear">{t('results.clear')}</option>
          <option value="consider">{t('results.consider')}</option>
        </select>
      </Field>
      <Field label={t('results.from')}><input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} /></Field>
      <Field label={t('results.to')}><input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} /></Field>
      <Field label={t('results.tags')}>
        <input type="text" defaultValue={filters.tags.join(', ')} onBlur={(e) => set({ tags: e.target.value.split(',').map((x) => x.trim()).filter(Boolean) })} />
      </Field>
      <Field label={t('results.sort')}>
        <select value={filters.sort} onChange={(e) => set({ sort: e.target.value === 'asc' ? 'asc' : 'desc' })}>
          <option value="desc">{t('results.newest')}</option>
          <option value="asc">{t('results.oldest')}</option>
        </select>
      </Field>
    </div>
  );
}

/** A label and its control (one element, given the id), so the control's name is the label alone. */
function Field({ label, children }: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = `f-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return <span className="field"><label htmlFor={id}>{label}</label>{cloneWithId(children, id)}</span>;
}

const cloneWithId = (el: ReactElement<{ id?: string }>, id: string) => cloneElement(el, { id });

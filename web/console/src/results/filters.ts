/** The results view's search and filters, kept in the URL's query so a view can be shared (pure). */
export interface Filters {
  q: string; status: string[]; workflow_id: string; report_type: string; report_result: string;
  from: string; to: string; tags: string[]; sort: 'desc' | 'asc'; after: string;
}

export const EMPTY: Filters = { q: '', status: [], workflow_id: '', report_type: '', report_result: '', from: '', to: '', tags: [], sort: 'desc', after: '' };

const list = (v: string | null) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export function parseFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') ?? '', status: list(p.get('status')), workflow_id: p.get('workflow_id') ?? '',
    report_type: p.get('report_type') ?? '', report_result: p.get('report_result') ?? '',
    from: p.get('from') ?? '', to: p.get('to') ?? '', tags: list(p.get('tags')),
    sort: p.get('sort') === 'asc' ? 'asc' : 'desc', after: p.get('after') ?? '',
  };
}

/** The query string of the filters (only what is set), for the URL and for the API alike. */
export function filtersQuery(f: Filters): string {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.workflow_id) p.set('workflow_id', f.workflow_id);
  if (f.report_type) p.set('report_type', f.report_type);
  if (f.report_type && f.report_result) p.set('report_result', f.report_result);
  // Dates of the form inputs (YYYY-MM-DD) bound whole days; `to` includes its day.
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.tags.length) p.set('tags', f.tags.join(','));
  if (f.sort === 'asc') p.set('sort', 'asc');
  if (f.after) p.set('after', f.after);
  return p.toString();
}

/** The API's query: `to` moved to the next day (the form's date is inclusive). */
export function apiQuery(f: Filters): string {
  const to = f.to ? new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString() : '';
  return filtersQuery({ ...f, to });
}

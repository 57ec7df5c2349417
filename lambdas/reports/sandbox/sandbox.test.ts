import { REPORT_TYPES, ReportRequest, ReportResult, type ReportType } from '../../../compiler';
import { sandboxReport } from '.';
import type { BreakdownArea } from '../types';

const request = (report: ReportType, custom: Record<string, unknown> = {}, config: Record<string, unknown> = {}) => ReportRequest.parse({
  kind: 'report', report, task_id: `${report}_task`, task_version: 1, config, tasks: {},
  run: { workflow_run_id: 'run-1', applicant_id: 'app-1', sandbox: true, custom },
});

/** Every area's result must follow from its sub-areas: a canned report explains itself. */
function consistent(area: BreakdownArea): boolean {
  if (!area.breakdown) return true;
  const subs = Object.values(area.breakdown);
  const expected = subs.some((s) => s.result === 'consider') ? 'consider' : 'clear';
  return area.result === expected && subs.every(consistent);
}

describe('sandboxReport', () => {
  it.each(REPORT_TYPES.flatMap((t) => [[t, 'Doe', 'clear'], [t, 'Consider', 'consider']] as const))('%s for last name %s is %s', (type, lastName, expected) => {
    const r = sandboxReport(request(type), { first_name: 'Jane', last_name: lastName });
    expect(ReportResult.safeParse(r).success).toBe(true);
    expect(r.result).toBe(expected);
    expect(r.properties.sandbox).toBe(true);
    const areas = Object.values(r.breakdown) as BreakdownArea[];
    for (const a of areas) expect(consistent(a)).toBe(true);
    if (type !== 'autofill') expect(areas.some((a) => a.result === 'consider')).toBe(expected === 'consider');
  });

  it('forces a result by task id before report type, and both before the last name', () => {
    const custom = { _sandbox_results: { watchlist_report: 'consider', watchlist_report_task: 'clear' } };
    expect(sandboxReport(request('watchlist_report', custom), { last_name: 'Consider' }).result).toBe('clear');
    expect(sandboxReport(request('watchlist_report', { _sandbox_results: { watchlist_report: 'consider' } }), { last_name: 'Doe' }).result).toBe('consider');
    expect(sandboxReport(request('identity_report', { _sandbox_results: { identity_report: 'maybe' } }), { last_name: 'Doe' }).result).toBe('clear');
  });

  it('adds the SSN area only when match_ssn is set, and fills autofill from the applicant', () => {
    expect(sandboxReport(request('identity_report', {}, { match_ssn: true }), {}).breakdown.ssn).toBeDefined();
    expect(sandboxReport(request('identity_report'), {}).breakdown.ssn).toBeUndefined();
    expect(sandboxReport(request('autofill'), { first_name: 'Ada', last_name: 'Lovelace', dob: '1815-12-10' }).extracted_data)
      .toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1815-12-10' });
  });
});

/** A run that ended `error` shows a listed error type with its fixed message, whatever the record holds. */
import { runError } from '../../compiler';
import type { RunItem } from '../store/runs';
import { toWorkflowRun } from './view';

const ended = (over: Partial<RunItem>): RunItem => ({
  id: 'run-1', environment: 'live', applicant_id: 'app-1', workflow_id: 'wf-1', workflow_version_id: 1, status: 'error', tags: [],
  customer_user_id: null, link: { completed_redirect_url: null, expired_redirect_url: null, expires_at: null, language: null },
  custom_data: {}, task_seq: 0, created_at: '2026-11-25T12:00:00.000Z', updated_at: '2026-11-25T12:00:01.000Z', ...over,
});
const LEAKED = JSON.stringify({
  status: 'error', task_id: 'document_report',
  error: { type: 'TypeError', message: '{"errorMessage":"x is undefined","stackTrace":["at check (/var/task/lambdas/reports/dispatch.ts:51:7)"]}' },
});

it('a result recorded by an older compiled version, with the Lambda cause, shows internal_error and no cause', () => {
  const view = toWorkflowRun(ended({ result: LEAKED }), 0, { credentials: true });
  expect(view.error).toEqual(runError('internal_error'));
  expect(JSON.stringify(view)).not.toMatch(/stackTrace|dispatch\.ts/);
});

it('a listed type keeps its type and shows its own message', () => {
  const result = JSON.stringify({ status: 'error', task_id: 'r', error: { type: 'report_unavailable', message: 'upload m1 could not be read (ECONNRESET)' } });
  expect(toWorkflowRun(ended({ result }), 0, { credentials: true }).error).toEqual(runError('report_unavailable'));
  expect(toWorkflowRun(ended({ error: { type: 'execution_not_started', message: 'anything' } }), 0, { credentials: true }).error).toEqual(runError('execution_not_started'));
  expect(toWorkflowRun(ended({ status: 'approved', result }), 0, { credentials: true }).error).toBeNull();
});

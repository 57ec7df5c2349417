/**
 * A document report's `processing`: `manual` always waits for an analyst's decision on a task token,
 * `hybrid` only when the automatic result is `consider`; `auto` (and no `processing`) compiles exactly
 * as before. Both validators accept the machines.
 */
import { compile, LOCAL_CONTEXT } from '../../compiler';
import type { State } from '../../compiler/lower/asl';
import { aslProblems } from '../helpers/asl-validators';

const definition = (processing?: string, next: string | null = 'decide') => ({
  name: 'Processing', start: 'doc',
  tasks: [
    { id: 'doc', type: 'document_capture', next: 'report' },
    { id: 'report', type: 'document_report', ...(processing ? { processing } : {}), next },
    { id: 'decide', type: 'logic', branches: [{ when: { path: 'tasks.report.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', outcome: 'approve' },
    { id: 'review', type: 'result', outcome: 'review' },
  ],
});
function states(processing?: string): Record<string, State> {
  const c = compile(definition(processing), { ...LOCAL_CONTEXT, reviewTimeoutSeconds: 3600 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.asl.States;
}

it('auto compiles as no processing at all: no review states', () => {
  const auto = states('auto');
  const strip = (s: Record<string, State>) => JSON.stringify({ ...s, report: { ...s.report, Arguments: undefined } });
  expect(strip(auto)).toBe(strip(states()));
  expect(Object.keys(auto).filter((k) => k.startsWith('report.'))).toEqual([]);
  expect(auto.report).toMatchObject({ Next: 'decide' });
});

it('manual: the report goes to a waitForTaskToken state on the task function, which resumes on its logic', async () => {
  const s = states('manual');
  expect(s.report).toMatchObject({ Next: 'report.review' });
  expect(s['report.processing']).toBeUndefined();
  expect(s['report.review']).toMatchObject({
    Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', TimeoutSeconds: 3600,
    Arguments: { FunctionName: 'studio-tasks', Payload: {
      kind: 'report_review', task_id: 'report', report: 'document_report', processing: 'manual',
      token: '{% $states.context.Task.Token %}', run: '{% $states.context.Execution.Input %}', keep: '{% [["result"]] %}',
    } },
    Assign: { t_report: '{% $states.result %}' },
    Next: 'decide',
  });
  // The analysts' absence (States.Timeout) is not retried: it ends the run `task_timeout`.
  const review = s['report.review'] as unknown as { Retry: Array<{ ErrorEquals: string[] }>; Catch: Array<{ ErrorEquals: string[]; Assign?: { end?: { error?: { type: string } } } }> };
  expect(review.Retry.flatMap((r) => r.ErrorEquals)).not.toContain('States.Timeout');
  expect(review.Catch.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Assign?.end?.error?.type).toBe('task_timeout');
  expect(await aslProblems({ QueryLanguage: 'JSONata', StartAt: 'doc', States: s })).toEqual([]);
});

it('hybrid: a Choice sends only a consider report to the review; a clear one goes straight on', async () => {
  const s = states('hybrid');
  expect(s.report).toMatchObject({ Next: 'report.processing' });
  expect(s['report.processing']).toEqual({
    Type: 'Choice', Comment: expect.any(String),
    Choices: [{ Condition: '{% $t_report.result = "consider" %}', Next: 'report.review' }], Default: 'decide',
  });
  expect(s['report.review']).toMatchObject({ Arguments: { Payload: { processing: 'hybrid' } }, Next: 'decide' });
  expect(await aslProblems({ QueryLanguage: 'JSONata', StartAt: 'doc', States: s })).toEqual([]);
});

it('the review waits 7 days by default, as an end user\'s capture', () => {
  const c = compile(definition('manual'), LOCAL_CONTEXT);
  if (!c.ok) throw new Error('invalid');
  expect(c.asl.States['report.review']?.TimeoutSeconds).toBe(7 * 24 * 3600);
});

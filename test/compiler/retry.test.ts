/**
 * What compiled tasks retry: a report that did not finish (States.Timeout under load, the function's own timeout, a
 * crash) is retried with back-off a bounded number of times, like the transient errors; so is the task function's
 * storage failing transiently (capture, Send/Receive and review waits); a handler's own error and a capture's
 * States.Timeout (the end user's absence) never are.
 */
import {
  compile, LAMBDA_CRASH_ERRORS, LOCAL_CONTEXT, REPORT_INTERRUPTED_ERRORS, TASK_FAILED_ERRORS, TEMPLATES, TRANSIENT_ERRORS,
  WAIT_STORAGE_RETRY, WAIT_TRANSIENT_ERRORS,
} from '../../compiler';
import type { Retrier, State } from '../../compiler/lower/asl';
import { jsonFiles, readJson } from '../helpers/fixtures';

const definitions = [
  ...TEMPLATES.map((t) => ({ name: `template ${t.name}`, definition: t.definition })),
  ...jsonFiles('golden', '.workflow.json').map((f) => ({ name: `golden ${f.name}`, definition: readJson(f.path) })),
];

/** Every state of a machine, parallel branches included. */
function statesOf(states: Record<string, State>): State[] {
  return Object.values(states).flatMap((s) => [s, ...((s.Branches as Array<{ States: Record<string, State> }> | undefined) ?? [])
    .flatMap((b) => statesOf(b.States))]);
}
function tasks(definition: unknown, context = LOCAL_CONTEXT) {
  const c = compile(definition, context);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const all = statesOf(c.asl.States).filter((s) => s.Type === 'Task' && String(s.Resource).includes(':lambda:invoke'));
  return {
    reports: all.filter((s) => !String(s.Resource).endsWith('.waitForTaskToken')),
    waiting: all.filter((s) => String(s.Resource).endsWith('.waitForTaskToken')),
  };
}
/** The retrier ASL would use for `error` (the first that names it; States.ALL matches all but States.Runtime). */
const retrierFor = (s: State, error: string): Retrier | undefined =>
  ((s.Retry ?? []) as Retrier[]).find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL')
    || (r.ErrorEquals.includes('States.TaskFailed') && error !== 'States.Timeout'));

describe('report tasks', () => {
  const reports = definitions.flatMap(({ name, definition }) => tasks(definition).reports.map((s) => ({ name, s })));
  it('exist in the cases', () => expect(reports.length).toBeGreaterThan(10));

  it.each(REPORT_INTERRUPTED_ERRORS)('retry %s with back-off, a bounded number of times', (error) => {
    for (const { name, s } of reports) {
      const r = retrierFor(s, error);
      expect({ name, retried: r !== undefined }).toEqual({ name, retried: true });
      expect(r!.MaxAttempts).toBeGreaterThanOrEqual(1);
      expect(r!.MaxAttempts).toBeLessThanOrEqual(3);
      expect(r!.IntervalSeconds).toBeGreaterThanOrEqual(1);
      expect(r!.BackoffRate).toBeGreaterThan(1);
      expect(r!.MaxDelaySeconds).toBeDefined();
    }
  });

  it('retry transient errors with their own budget, and neither a bug nor a task that cannot succeed', () => {
    for (const { s } of reports) {
      for (const error of TRANSIENT_ERRORS) expect(retrierFor(s, error)?.MaxAttempts).toBe(5);
      expect(retrierFor(s, 'States.Timeout')).not.toBe(retrierFor(s, 'ReportUnavailable'));
      for (const error of ['TypeError', 'Error', ...TASK_FAILED_ERRORS]) expect(retrierFor(s, error)).toBeUndefined();
    }
  });

  it('take their timeout retries from the compile context', () => {
    const def = TEMPLATES.find((t) => t.name === 'document_selfie_photo')!.definition;
    const { reports: none } = tasks(def, { ...LOCAL_CONTEXT, reportTimeoutRetry: { intervalSeconds: 30, maxAttempts: 1, backoffRate: 3, maxDelaySeconds: 90 } });
    expect(retrierFor(none[0]!, 'States.Timeout')).toMatchObject({ IntervalSeconds: 30, MaxAttempts: 1, BackoffRate: 3, MaxDelaySeconds: 90 });
  });
});

describe('capture, Send/Receive and review waits', () => {
  const waiting = definitions.flatMap(({ name, definition }) => tasks(definition).waiting.map((s) => ({ name, s })));
  it('exist in the cases', () => expect(waiting.length).toBeGreaterThan(5));

  it('never retry States.Timeout (the end user or the integrator did not answer in time)', () => {
    for (const { s } of waiting) expect(retrierFor(s, 'States.Timeout')).toBeUndefined();
  });

  it.each(LAMBDA_CRASH_ERRORS)('retry the announcing Lambda failing with %s', (error) => {
    for (const { s } of waiting) expect(retrierFor(s, error)?.MaxAttempts).toBe(3);
  });

  it.each(WAIT_TRANSIENT_ERRORS)('retry the task function\'s %s with back-off and a budget of its own, never a bug', (error) => {
    const kinds = new Set(waiting.map(({ s }) => (s.Arguments as { Payload: { kind: string } }).Payload.kind));
    expect([...kinds].sort()).toEqual(['interactive', 'report_review', 'send_receive']);
    for (const { name, s } of waiting) {
      const r = retrierFor(s, error);
      expect({ name, retrier: r }).toEqual({ name, retrier: {
        ErrorEquals: [error], IntervalSeconds: WAIT_STORAGE_RETRY.intervalSeconds, MaxAttempts: WAIT_STORAGE_RETRY.maxAttempts,
        BackoffRate: WAIT_STORAGE_RETRY.backoffRate, MaxDelaySeconds: WAIT_STORAGE_RETRY.maxDelaySeconds, JitterStrategy: 'FULL',
      } });
      expect(WAIT_STORAGE_RETRY.maxAttempts).toBeLessThanOrEqual(5);
      expect(WAIT_STORAGE_RETRY.backoffRate).toBeGreaterThan(1);
      for (const other of ['TypeError', 'Error', 'ReportUnavailable', ...TASK_FAILED_ERRORS]) expect(retrierFor(s, other)).toBeUndefined();
    }
  });

  it('send the task function the state\'s entry and retry count, which tell a retry of the entry (a new token) from a new entry', () => {
    for (const { name, s } of waiting) {
      const payload = (s.Arguments as { Payload: Record<string, unknown> }).Payload;
      if (payload.kind === 'report_review') continue;
      expect({ name, entered_at: payload.entered_at, attempt: payload.attempt })
        .toEqual({ name, entered_at: '{% $states.context.State.EnteredTime %}', attempt: '{% $states.context.State.RetryCount %}' });
    }
  });
});

/**
 * A report that does not finish is not a verdict: when the report Task state times out under load (States.Timeout), the
 * report function hits its own timeout (Sandbox.Timedout) or its process dies (Runtime.ExitError), the compiled Retry
 * runs it again after a back-off, a bounded number of times, and the run ends as the report decides.
 */
import { findTemplate, runError, type ReportRequest } from '../../compiler';
import { report, workflowEngine } from './harness';

const DOC = [{ id: 'doc1', type: 'passport', side: 'front', issuing_country: 'GBR' }];
const named = (name: string, message: string) => Object.assign(new Error(message), { name });
const template = () => structuredClone(findTemplate('document_selfie_photo')!.definition) as { tasks: Array<Record<string, unknown>> };

async function captured(w: ReturnType<typeof workflowEngine>, definition: unknown) {
  const run = await w.start(definition);
  await w.complete('document', DOC);
  await w.complete('selfie', [{ id: 'photo1' }]);
  return run;
}

it('a report Task state that times out once (States.Timeout, the report still running) is retried, and the run ends approved', async () => {
  const definition = template();
  definition.tasks.find((t) => t.id === 'document_report')!.timeout_seconds = 1;
  const late: Array<() => void> = [];
  const calls: string[] = [];
  // The state's timer must fire while the first call still runs, and `fireDueTimers` waits for running Lambdas: here
  // timers fire by themselves on a clock that follows real time (1 s timeout; the retry's FULL jitter drawn as 1 % of 10 s).
  const w = workflowEngine((req: ReportRequest) => {
    calls.push(req.task_id);
    if (req.task_id === 'document_report' && calls.length === 1) {
      return new Promise((resolve) => { // slowed by load: answers too late, with the retry or at the latest after 3 s
        const answer = () => resolve(report('clear'));
        late.push(answer);
        setTimeout(answer, 3000).unref();
      });
    }
    for (const answer of late.splice(0)) answer();
    return report('clear');
  }, { timers: 'auto', clock: { now: () => Date.now() }, random: () => 0.01 });
  try {
    const run = await captured(w, definition); // returns once every call has ended: the first one ends with the second
    const result = await w.result(run.executionArn);
    expect(result.output).toMatchObject({ status: 'approved', task_id: 'approve' });
    expect(calls).toEqual(['document_report', 'document_report', 'facial_similarity']);
    const history = await w.engine.history(run.executionArn);
    expect(history.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(1);
    expect(JSON.parse(w.runs.items.get(`RUN#${run.id}|RUN`)!.result!)).toMatchObject({ status: 'approved' });
  } finally {
    for (const answer of late.splice(0)) answer();
    await w.engine.close();
  }
});

describe('a report function cut short once is run again', () => {
  it.each([
    ['its own timeout', 'Sandbox.Timedout', 'Task timed out after 300.00 seconds'],
    ['its process dying', 'Runtime.ExitError', 'RequestId: 1 Error: Runtime exited with error: signal: killed'],
    ['out of memory or a timeout as AWS reports them', 'Lambda.Unknown', 'The cause could not be determined because Lambda did not return an error type.'],
  ])('%s (%s): the run still ends approved', async (_what, name, message) => {
    let calls = 0;
    const w = workflowEngine((req) => {
      if (req.task_id === 'document_report' && ++calls === 1) throw named(name, message);
      return report('clear');
    });
    const run = await captured(w, template());
    await w.runTimers(run.executionArn);
    expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved' });
    expect(calls).toBe(2);
  });
});

it('a report that times out every time ends task_timeout after 1 + 2 tries, not sooner', async () => {
  let calls = 0;
  const w = workflowEngine((req) => {
    if (req.task_id === 'document_report') { calls++; throw named('Sandbox.Timedout', 'Task timed out after 300.00 seconds'); }
    return report('clear');
  });
  const run = await captured(w, template());
  await w.runTimers(run.executionArn);
  expect(calls).toBe(3); // compile context reportTimeoutRetry.maxAttempts
  expect((await w.result(run.executionArn)).output).toEqual({ status: 'error', task_id: 'document_report', error: runError('task_timeout') });
});

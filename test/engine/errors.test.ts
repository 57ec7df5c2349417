/**
 * How handler errors drive a compiled workflow: the runtime contract's transient errors are
 * retried with back-off, anything else ends the run `error` at once; a run that ends `error`
 * shows one of the listed error types with its fixed message, never the handler's cause.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findTemplate, RUN_ERRORS, runError, TRANSIENT_ERRORS, type ReportRequest } from '../../compiler';
import { report, workflowEngine } from './harness';

const DOC = [{ id: 'doc1', type: 'passport', side: 'front', issuing_country: 'GBR' }];
const named = (name: string, message = 'it failed') => Object.assign(new Error(message), { name });
/** A handler error as a bug gives it: a stack trace with file paths. */
const bug = () => { const e = new TypeError("Cannot read properties of undefined (reading 'bytes')"); e.stack = `${e.stack}\n    at check (/var/task/lambdas/reports/dispatch.ts:51:7)`; return e; };

async function documentSelfie(handler: (req: ReportRequest) => unknown) {
  const w = workflowEngine(handler);
  const run = await w.start(findTemplate('document_selfie_photo')!.definition);
  await w.complete('document', DOC);
  await w.complete('selfie', [{ id: 'photo1' }]);
  await w.runTimers(run.executionArn);
  return { w, run, result: await w.result(run.executionArn) };
}
/** The run's end as the record, the completion event and the execution output hold it. */
function endsOf(w: ReturnType<typeof workflowEngine>, runId: string, output: unknown) {
  return [JSON.parse(w.runs.items.get(`RUN#${runId}|RUN`)!.result!), JSON.parse(w.events[0]!.Detail!).result, output];
}

describe('transient errors are retried', () => {
  it.each(TRANSIENT_ERRORS)('a report failing once with %s still finishes', async (name) => {
    let calls = 0;
    const { result } = await documentSelfie((req) => {
      if (req.task_id === 'document_report' && ++calls === 1) throw named(name, 'storage blip');
      return report('clear');
    });
    expect(result.output).toMatchObject({ status: 'approved', task_id: 'approve' });
    expect(calls).toBe(2);
  });

  it('transient Lambda service errors are retried until the handler answers', async () => {
    let calls = 0;
    const { result } = await documentSelfie((req) => {
      if (req.task_id === 'document_report' && ++calls <= 2) throw named('Lambda.TooManyRequestsException', 'throttled');
      return report('clear');
    });
    expect(result.output).toMatchObject({ status: 'approved' });
    expect(calls).toBe(3);
  });

  it.each(TRANSIENT_ERRORS)('a report failing with %s every time ends report_unavailable after 1 + 5 tries', async (name) => {
    let calls = 0;
    const { w, run, result } = await documentSelfie(() => { calls++; throw named(name, 'still down'); });
    expect(calls).toBe(6); // compile context reportRetry.maxAttempts
    for (const end of endsOf(w, run.id, result.output)) {
      expect(end).toEqual({ status: 'error', task_id: 'document_report', error: runError('report_unavailable') });
    }
  });
});

describe('other errors end the run at once, with a listed error and no internals', () => {
  it.each([
    ['a bug (TypeError with a stack trace)', 'internal_error', 1, bug],
    ['an unknown error name', 'internal_error', 1, () => named('ReportFailed')],
    ['a report provider that answers with no report', 'task_failed', 1, () => named('ReportProviderError', 'https://screening.example.com answered 400')],
    ['an invalid report request', 'task_failed', 1, () => named('InvalidReportRequest', 'The report request is not valid: task_id Required')],
    // Retried as transient, then the Lambda service's own failure is internal.
    ['the Lambda service failing every time', 'internal_error', 6, () => named('Lambda.ServiceException', 'service unavailable')],
  ] as const)('%s ends the run %s after %i tries', async (_what, type, tries, error) => {
    const { w, run, result } = await documentSelfie(() => { throw error(); });
    expect(w.reports).toHaveLength(tries);
    expect(result.status).toBe('SUCCEEDED');
    for (const end of endsOf(w, run.id, result.output)) {
      expect(end).toEqual({ status: 'error', task_id: 'document_report', error: { type, message: RUN_ERRORS[type] } });
      expect(JSON.stringify(end)).not.toMatch(/stackTrace|dispatch\.ts|\/var\/task|errorMessage/);
    }
    // The detail stays in the execution's history.
    if (error === bug) expect(JSON.stringify(await w.engine.history(run.executionArn))).toContain('dispatch.ts:51:7');
  });

  it('an error inside a parallel branch ends the run at the parallel task with a listed error', async () => {
    const definition = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/golden/parallel.workflow.json'), 'utf8'));
    const w = workflowEngine((req) => { if (req.task_id === 'watch') throw bug(); return report('clear'); });
    const run = await w.start(definition);
    await w.complete('doc', DOC);
    await w.runTimers(run.executionArn);
    const result = await w.result(run.executionArn);
    for (const end of endsOf(w, run.id, result.output)) {
      expect(end).toEqual({ status: 'error', task_id: 'checks', error: runError('internal_error') });
    }
  });
});

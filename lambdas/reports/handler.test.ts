/**
 * The report handler decides nothing about failures: bad evidence is a `consider` report, and
 * every other error leaves it unchanged, so its stable name drives the workflow (transient
 * errors are retried, the rest end the run).
 */
import { TRANSIENT_ERRORS, type ReportRequest, type ReportResult } from '../../compiler';
import type { TaskItem } from '../store/tasks';
import { EvidenceError, TransientError } from '../shared/errors';
import { BadEvidenceError, ReportUnavailableError } from './evidence';
import { FaceEngineError, FaceInputError } from './face';
import { createReportHandler, produceReport, reportTaskId, returnedReport, type ReportSources, type ReportStore } from './handler';
import { ReportProviderError, ReportProviderUnavailableError } from './providers';
import { clients } from '../shared/aws';
import { ENTRY_RETRY, entryBackoff } from '../events/entry-retry';
import { emitTaskEvent } from '../tasks/events';

const req = (sandbox = false): ReportRequest => ({
  kind: 'report', report: 'facial_similarity_report', task_id: 'face', task_version: 1, config: { variant: 'photo' }, tasks: {},
  run: { workflow_run_id: 'run-1', applicant_id: 'app-1', sandbox, applicant: {}, custom: {} },
});
const now = new Date('2026-11-25T12:00:00Z');
const sources = (over: Partial<ReportSources>): ReportSources => ({
  loadApplicant: async () => ({ first_name: 'Jane', last_name: 'Doe' }),
  providers: () => ({}),
  live: async () => { throw new Error('live check not expected'); },
  ...over,
});

describe('produceReport', () => {
  const bug = new TypeError("Cannot read properties of undefined (reading 'bytes')");
  it.each([
    ['storage unavailable', new ReportUnavailableError('upload m1 could not be read', { cause: new Error('ECONNRESET') })],
    ['the face engine failing to load', new FaceEngineError('Could not load the face models')],
    ['a provider outage', new ReportProviderUnavailableError('https://screening.example.com answered 503')],
    ['a provider answering with no report', new ReportProviderError('https://screening.example.com answered 400')],
    ['a bug', bug],
  ])('rethrows %s unchanged', async (_what, error) => {
    await expect(produceReport(req(), now, sources({ live: async () => { throw error; } }))).rejects.toBe(error);
  });

  it('rethrows a failure to read the applicant unchanged', async () => {
    const error = new ReportUnavailableError('the applicant could not be read');
    await expect(produceReport(req(true), now, sources({ loadApplicant: async () => { throw error; } }))).rejects.toBe(error);
  });

  it.each([
    ['no upload', new BadEvidenceError('no uploads in the output of document_capture')],
    ['an unreadable image', new FaceInputError('Could not decode the image (12 bytes)')],
  ])('turns bad evidence (%s) into a consider report saying why', async (_what, error) => {
    const report = await produceReport(req(), now, sources({ live: async () => { throw error; } }));
    expect(report).toMatchObject({ result: 'consider', properties: { reason: error.message } });
  });

  it('answers sandbox runs without the live check', async () => {
    expect((await produceReport(req(true), now, sources({}))).properties).toMatchObject({ sandbox: true });
  });
});

describe('error classes', () => {
  it('transient errors carry the names compiled workflows retry; evidence errors are not transient', () => {
    const transient = [new ReportUnavailableError('x'), new FaceEngineError('x'), new ReportProviderUnavailableError('x')];
    for (const e of transient) expect(e).toBeInstanceOf(TransientError);
    expect(transient.map((e) => e.name).sort()).toEqual([...TRANSIENT_ERRORS].sort());
    for (const e of [new BadEvidenceError('x'), new FaceInputError('x')]) {
      expect(e).toBeInstanceOf(EvidenceError);
      expect(e).not.toBeInstanceOf(TransientError);
    }
    expect(new ReportProviderError('x')).not.toBeInstanceOf(TransientError);
  });
});

it('the handler refuses a malformed request with InvalidReportRequest (before any storage)', async () => {
  await expect(createReportHandler()({ kind: 'report', report: 'nope' })).rejects.toMatchObject({ name: 'InvalidReportRequest' });
});

describe('the handler\'s own storage', () => {
  const valid = req(true);
  const failingGet = (error: unknown): ReportStore => ({
    getTask: async () => { throw error; },
    putTaskOnce: async () => { throw new Error('not reached'); },
    setAnnounced: async () => { throw new Error('not reached'); },
    emit: async () => { throw new Error('not reached'); },
    indexReport: async () => { throw new Error('not reached'); },
  });
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException', $fault: 'client', $retryable: { throttling: true } });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
  const serverFault = Object.assign(new Error('Internal error'), { name: 'InternalServerError', $fault: 'server' });

  it.each([['throttled', throttled], ['unreachable', refused], ['failing on its side', serverFault]])('%s: ReportUnavailable, which the workflow retries', async (_what, error) => {
    await expect(createReportHandler(undefined, failingGet(error))(valid)).rejects.toMatchObject({ name: 'ReportUnavailable', cause: error });
  });

  it('a bug or a refused request is rethrown unchanged', async () => {
    const bug = new TypeError('x is not a function');
    await expect(createReportHandler(undefined, failingGet(bug))(valid)).rejects.toBe(bug);
    const refusedRequest = Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException', $fault: 'client' });
    await expect(createReportHandler(undefined, failingGet(refusedRequest))(valid)).rejects.toBe(refusedRequest);
  });
});

describe('the bus refusing the report\'s announcement (PutEvents answers 200 with a failed entry)', () => {
  afterEach(() => jest.restoreAllMocks());
  const announcing = (code: string) => {
    jest.spyOn(entryBackoff, 'sleep').mockResolvedValue(undefined);
    const send = jest.spyOn(clients().events, 'send').mockResolvedValue({ FailedEntryCount: 1, Entries: [{ ErrorCode: code, ErrorMessage: 'Refused' }] } as never);
    const store: ReportStore = {
      getTask: async () => undefined, putTaskOnce: async () => true, setAnnounced: async () => undefined, emit: emitTaskEvent, indexReport: async () => undefined,
    };
    return { send, handler: createReportHandler(undefined, store, sources({})) };
  };

  it.each(['ThrottlingException', 'InternalFailure'])('%s through every try: ReportUnavailable, which the workflow retries', async (code) => {
    const { send, handler } = announcing(code);
    await expect(handler(req(true))).rejects.toMatchObject({ name: 'ReportUnavailable', cause: { name: 'PublishError', code } });
    expect(send).toHaveBeenCalledTimes(ENTRY_RETRY.attempts);
  });

  it('a code a retry cannot cure (MalformedDetail): the PublishError unchanged, after one try', async () => {
    const { send, handler } = announcing('MalformedDetail');
    await expect(handler(req(true))).rejects.toMatchObject({ name: 'PublishError', code: 'MalformedDetail' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('what the state machine gets back (the execution history keeps it)', () => {
  const report = { result: 'clear', sub_result: 'clear', breakdown: { age: { result: 'clear' } }, properties: { first_name: 'Jane', document_numbers: ['X1'] } };
  const stored = new Map<string, TaskItem>();
  const memory: ReportStore = {
    getTask: async (_run, id) => stored.get(id),
    putTaskOnce: async (item) => { stored.set(item.id, item); return true; },
    setAnnounced: async () => undefined,
    emit: async () => undefined,
    indexReport: async () => undefined,
  };
  const seen: ReportRequest[] = [];
  const handler = createReportHandler(undefined, memory, sources({ live: async (ev) => { seen.push(ev.req); return report as ReportResult; } }));
  const request = (over: Partial<ReportRequest>): ReportRequest => ({ ...req(), report: 'document_report', task_id: 'document_report', ...over });

  it('with `keep`: the stored task\'s id, the result and the kept fields only; the task keeps the whole report', async () => {
    const keepReq = request({ keep: [['breakdown', 'age', 'result']] });
    const id = reportTaskId(keepReq);
    expect(await handler(keepReq)).toEqual({ id, result: 'clear', breakdown: { age: { result: 'clear' } } });
    expect(stored.get(id)?.output).toEqual(report);
    // A later report that uses it is sent the trimmed one and reads the whole report by that id.
    const later = request({ report: 'watchlist_report', task_id: 'watchlist', keep: [], tasks: { document_report: { task_id: 'document_report', output: { id, result: 'clear' } } } });
    expect(await handler(later)).toEqual({ id: reportTaskId(later), result: 'clear' });
    expect(seen.at(-1)?.tasks.document_report).toEqual({ task_id: 'document_report', output: report });
  });

  it('reads a profile capture\'s answers that reached it trimmed whole from their task; media ids (arrays) as they are', async () => {
    const answers = { first_name: 'Jane', last_name: 'Doe', ssn: '123-45-6789' };
    stored.set('profile_abc', { id: 'profile_abc', workflow_run_id: 'run-1', workflow_task_id: 'profile', task_type: 'profile_data_capture', kind: 'interactive',
      task_def_id: 'profile_data_capture', task_def_version: '1', status: 'completed', config: {}, input: {}, output: answers, announced: true, created_at: 'x', updated_at: 'x' });
    const identity = request({ report: 'identity_report', task_id: 'identity', keep: [], tasks: {
      profile_data_capture: { task_id: 'profile', output: { id: 'profile_abc', first_name: 'Jane' } },
      document_capture: { task_id: 'doc', output: [{ id: 'media-1', type: 'passport' }] },
    } });
    await handler(identity);
    expect(seen.at(-1)?.tasks).toEqual({
      profile_data_capture: { task_id: 'profile', output: answers },
      document_capture: { task_id: 'doc', output: [{ id: 'media-1', type: 'passport' }] },
    });
  });

  it('without `keep` (the workflow reads the whole report): all of it', () => {
    expect(returnedReport(request({}), 't1', report as ReportResult)).toEqual(report);
    expect(returnedReport(request({ keep: [] }), 't1', report as ReportResult)).toEqual({ id: 't1', result: 'clear' });
  });
});

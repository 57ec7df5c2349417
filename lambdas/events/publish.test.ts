/**
 * EventBridge refusing an entry (HTTP 200, `FailedEntryCount` 1: the SDK's retry never sees it). A retryable code
 * (`ThrottlingException`, `InternalFailure`) is put again after a back-off (the sleep is replaced: no real waits); one
 * that outlasts the tries is a PublishError the handlers take as transient. Any other code fails at once. The event is
 * recorded for resend only once it is on the bus.
 */
import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { clients } from '../shared/aws';
import { isTransientAwsError } from '../shared/errors';
import { ENTRY_RETRY, entryBackoff, entryRetryDelay } from './entry-retry';
import { publish, publishLifecycle, PublishError } from './publish';

const DETAIL = { workflow_run_id: 'run-1', applicant_id: 'app-1', status: 'approved', result: { status: 'approved', task_id: 'decide' } } as const;
const refused = (code: string, message = 'Refused') => ({ FailedEntryCount: 1, Entries: [{ ErrorCode: code, ErrorMessage: message }] });
const put = (id: string) => ({ FailedEntryCount: 0, Entries: [{ EventId: id }] });

let sleeps: number[];
let recorded: number;
/** The bus gives these answers in turn (the last one again and again); returns the entries it was sent. */
function bus(...answers: object[]): PutEventsCommand['input'][] {
  const sent: PutEventsCommand['input'][] = [];
  jest.spyOn(clients().events, 'send').mockImplementation(((command: PutEventsCommand) => {
    sent.push(command.input);
    return Promise.resolve(answers[Math.min(sent.length, answers.length) - 1]);
  }) as never);
  return sent;
}
beforeEach(() => {
  sleeps = [];
  recorded = 0;
  jest.spyOn(entryBackoff, 'sleep').mockImplementation(async (ms) => { sleeps.push(ms); });
  jest.spyOn(entryBackoff, 'random').mockReturnValue(1);
  jest.spyOn(clients().doc, 'send').mockImplementation((() => { recorded++; return Promise.resolve({}); }) as never);
});
afterEach(() => jest.restoreAllMocks());

it.each(['ThrottlingException', 'InternalFailure'])('an entry refused with %s once is put again after a back-off, then recorded once', async (code) => {
  const sent = bus(refused(code), put('ev-1'));
  expect(await publish('workflow_run.completed', DETAIL)).toBe('ev-1');
  expect(sent).toHaveLength(2);
  expect(sent[1]).toEqual(sent[0]);
  expect(sleeps).toEqual([ENTRY_RETRY.baseMs]);
  expect(recorded).toBe(1);
});

it('a retryable refusal that outlasts the tries: a PublishError taken as transient, after bounded back-offs; nothing recorded', async () => {
  const sent = bus(refused('ThrottlingException', 'Rate exceeded'));
  const error = await publish('workflow_run.completed', DETAIL).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(error).toMatchObject({ code: 'ThrottlingException', message: expect.stringContaining('ThrottlingException Rate exceeded') });
  expect(isTransientAwsError(error)).toBe(true);
  expect(sent).toHaveLength(ENTRY_RETRY.attempts);
  expect(sleeps).toEqual([100, 200, 400]);
  expect(recorded).toBe(0);
});

it.each(['MalformedDetail', 'AccessDeniedException', 'InvalidArgument', 'NotAuthorizedForSourceException', 'SomethingNew'])('%s fails at once, not transient', async (code) => {
  const sent = bus(refused(code), put('ev-1'));
  const error = await publish('workflow_run.completed', DETAIL).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(error).toMatchObject({ code, message: expect.stringContaining(`EventBridge refused workflow_run.completed: ${code}`) });
  expect(isTransientAwsError(error)).toBe(false);
  expect(sent).toHaveLength(1);
  expect(sleeps).toEqual([]);
  expect(recorded).toBe(0);
});

it('an answer with neither an event id nor an error code fails at once', async () => {
  const sent = bus({ FailedEntryCount: 0, Entries: [{}] });
  await expect(publish('workflow_run.completed', DETAIL)).rejects.toMatchObject({ name: 'PublishError', message: expect.stringContaining('no event id') });
  expect(sent).toHaveLength(1);
});

it('events not recorded (lifecycle, redelivery, timeline requests) are put again too', async () => {
  const sent = bus(refused('InternalFailure'), refused('ThrottlingException'), put('ev-2'));
  expect(await publishLifecycle('workflow_run.purged', { workflow_run_id: 'run-1' })).toBe('ev-2');
  expect(sent.map((s) => s.Entries?.[0]?.Source)).toEqual(['studio.lifecycle', 'studio.lifecycle', 'studio.lifecycle']);
  expect(sleeps).toEqual([100, 200]);
});

it('the back-off: full jitter below 100 ms × 2^retry, at most 1 s', () => {
  expect([0, 1, 2, 3, 4, 5].map((r) => entryRetryDelay(r, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  expect([0, 1, 2].map((r) => entryRetryDelay(r, () => 0.5))).toEqual([50, 100, 200]);
  expect(entryRetryDelay(3, () => 0)).toBe(0);
});

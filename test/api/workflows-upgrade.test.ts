/**
 * A deploy of a newer compiler: the custom resource that runs after the functions update
 * (lambdas/workflows/upgrade-resource.ts) brings the machine of every active workflow version up to
 * the current compiler. Here a version activated before the upgrade has a machine without the waits'
 * retry of the task function's `StorageUnavailable`: after the deploy, new runs start on its current
 * compiled form (a new machine version, the alias moved), while a run started before keeps the
 * definition it started with. Shown by behaviour too: a throttled write of the task function ends the
 * old run `error` and is retried in the new one (virtual clock: the test fires the retry's timer).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeStateMachineAliasCommand, DescribeStateMachineCommand, DescribeStateMachineForExecutionCommand, ListStateMachineVersionsCommand } from '@aws-sdk/client-sfn';
import { WAIT_STORAGE_RETRY } from '../../compiler';
import { clients } from '../../lambdas/shared/aws';
import { getRun } from '../../lambdas/store/runs';
import { handler } from '../../lambdas/workflows/upgrade-resource';
import type { Clock } from '../../local/sfn/contract';
import { e2e, type E2e } from '../e2e/helpers';
import { cfnEndpoint } from '../helpers/cfn-endpoint';
import { startTestStack, type TestStack } from '../helpers/stack';
import { activatedBeforeUpgrade as activateStale, currentAsl, retriesStorage } from '../helpers/stale-machine';

let now = Date.parse('2026-12-01T09:00:00.000Z');
const clock: Clock = { now: () => now };
let stack: TestStack;
let t: E2e;
let cfn: Awaited<ReturnType<typeof cfnEndpoint>>;
beforeAll(async () => {
  stack = await startTestStack({ clock });
  t = e2e(stack);
  cfn = await cfnEndpoint();
}, 120_000);
afterAll(async () => { await cfn.close(); await stack.stop(); });
afterEach(() => jest.restoreAllMocks());

const ask = (id: string, next: string) => ({ id, type: 'send_receive', task_def_id: id, task_def_version: '1', next, receive: { score: { format: 'number' } } });
const TWO_ASKS = { name: 'Two asks', start: 'ask', tasks: [ask('ask', 'ask2'), ask('ask2', 'approve'), { id: 'approve', type: 'result', outcome: 'approve' }] };
const deploy = () => cfn.request(handler, 'Update', { Fingerprint: 'newer-compiler' });
const sfn = () => clients().sfn;
const definitionOf = async (runId: string) =>
  (await sfn().send(new DescribeStateMachineForExecutionCommand({ executionArn: (await getRun(runId))!.execution_arn! }))).definition;

/** A workflow whose version 1 was activated before the upgrade (its machine compiled without the storage retry). */
async function activatedBeforeUpgrade(): Promise<{ id: string; stale: string }> {
  const id = (await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Upgrade' })).body.id;
  expect((await t.call('POST', `/v3.6/workflows/${id}/versions`, { definition: TWO_ASKS })).status).toBe(201);
  return { id, stale: await activateStale(id, 1, TWO_ASKS) };
}

/** The task function's write that stores the second ask fails once as throttled (after the SDK's own retries). */
function throttleSecondAskOnce() {
  const send = clients().doc.send.bind(clients().doc) as (c: unknown) => Promise<unknown>;
  let failed = false;
  jest.spyOn(clients().doc, 'send').mockImplementation(((c: unknown) => {
    const storesAsk2 = c instanceof TransactWriteCommand && (c.input.TransactItems ?? []).some((i) => i.Put?.Item?.workflow_task_id === 'ask2');
    if (!storesAsk2 || failed) return send(c);
    failed = true;
    return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $retryable: { throttling: true }, $metadata: {} }));
  }) as never);
}
const answerAsk = async (runId: string, task: string) =>
  expect((await t.complete(runId, (await t.waitingTask(runId, task)).id, { score: 1 })).status).toBe(200);

it('new runs start on the current compiled form; a run started before keeps its own definition (and behaviour)', async () => {
  const { id, stale } = await activatedBeforeUpgrade();
  const applicant = await t.applicant();
  const before = await t.startRun(id, applicant);
  await t.until(before.id, ['awaiting_client_input']);
  expect(retriesStorage(await definitionOf(before.id))).toBe(false);

  const answer = await deploy();
  expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { Recompiled: expect.stringContaining(`${id}/1`), Failed: 'none' } });
  const recorded = (await t.call<{ state_machine_version_arn: string }>('GET', `/v3.6/workflows/${id}/versions/1`)).body.state_machine_version_arn;
  expect(recorded).not.toBe(stale);
  const machine = await sfn().send(new DescribeStateMachineCommand({ stateMachineArn: recorded }));
  expect(JSON.parse(machine.definition!)).toEqual(JSON.parse(currentAsl(id, 1, TWO_ASKS)));
  expect(machine.description).toBe('workflow version 1');
  const alias = await sfn().send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${stale.slice(0, stale.lastIndexOf(':'))}:live` }));
  expect(alias.routingConfiguration).toEqual([{ stateMachineVersionArn: recorded, weight: 100 }]);

  const after = await t.startRun(id, applicant);
  await t.until(after.id, ['awaiting_client_input']);
  expect((await getRun(after.id))!.execution_arn).toContain(':execution:');
  expect(retriesStorage(await definitionOf(after.id))).toBe(true);
  expect(retriesStorage(await definitionOf(before.id))).toBe(false);

  // The run started before the upgrade has no retry for it: the throttled write ends it.
  throttleSecondAskOnce();
  await answerAsk(before.id, 'ask');
  expect(await t.until(before.id, ['error', 'awaiting_client_input'])).toMatchObject({ status: 'error', error: { type: 'internal_error' } });
  jest.restoreAllMocks();
  // The run started after it retries the write and goes on.
  throttleSecondAskOnce();
  await answerAsk(after.id, 'ask');
  await stack.engine.idle();
  expect((await t.run(after.id)).status).toBe('processing');
  now += (WAIT_STORAGE_RETRY.maxDelaySeconds + 1) * 1000;
  await stack.engine.fireDueTimers();
  await t.until(after.id, ['awaiting_client_input', 'error']);
  await answerAsk(after.id, 'ask2');
  expect(await t.until(after.id, ['approved', 'error'])).toMatchObject({ status: 'approved' });
}, 90_000);

it('a deploy that finds every machine current publishes nothing', async () => {
  const { id } = await activatedBeforeUpgrade();
  expect((await deploy())?.Data?.Recompiled).toContain(`${id}/1`);
  const machine = (await t.call<{ state_machine_arn: string }>('GET', `/v3.6/workflows/${id}`)).body.state_machine_arn;
  const versions = async () => (await sfn().send(new ListStateMachineVersionsCommand({ stateMachineArn: machine }))).stateMachineVersions?.length;
  const published = await versions();
  expect(await deploy()).toMatchObject({ Status: 'SUCCESS', Data: { Recompiled: 'none', Failed: 'none' } });
  expect(await versions()).toBe(published);
}, 60_000);

it('a stack deletion leaves the machines as they are', async () => {
  expect(await cfn.request(handler, 'Delete', { Fingerprint: 'newer-compiler' })).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'workflow-machines' });
});

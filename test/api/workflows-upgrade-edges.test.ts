/**
 * The deploy's upgrade of workflow machines (lambdas/workflows/upgrade-resource.ts) when a version
 * cannot be recompiled: it keeps its machine version (runs still start on it), the failure is logged
 * and reported in the answer, and the deploy goes on (SUCCESS) with the other workflows. Versions not
 * published by activation (deployed as code) are left to their own deploy; a deploy that runs out of
 * time says what it did not reach. Activating an inactive version again brings its machine up to date.
 */
import { DescribeStateMachineAliasCommand, DescribeStateMachineCommand, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../lambdas/shared/aws';
import { logger } from '../../lambdas/shared/powertools';
import { keys } from '../../lambdas/store/table';
import { handler } from '../../lambdas/workflows/upgrade-resource';
import { acquireLease, releaseLease } from '../../lambdas/workflows/state';
import { e2e, type E2e } from '../e2e/helpers';
import { cfnEndpoint } from '../helpers/cfn-endpoint';
import { startTestStack, type TestStack } from '../helpers/stack';
import { activatedBeforeUpgrade as activateStale, retriesStorage } from '../helpers/stale-machine';

let stack: TestStack;
let t: E2e;
let cfn: Awaited<ReturnType<typeof cfnEndpoint>>;
beforeAll(async () => { stack = await startTestStack(); t = e2e(stack); cfn = await cfnEndpoint(); }, 120_000);
afterAll(async () => { await cfn.close(); await stack.stop(); });
/** What the upgrade logs (failures, each with its version). */
let errors: jest.SpyInstance;
beforeEach(() => { errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined); });
afterEach(() => jest.restoreAllMocks());

const ASK = { name: 'Ask', start: 'ask', tasks: [{ id: 'ask', type: 'send_receive', task_def_id: 'risk', task_def_version: '1', next: 'approve' }, { id: 'approve', type: 'result', outcome: 'approve' }] };
const deploy = (timeLeftMs?: () => number) => cfn.request(handler, 'Update', { Fingerprint: 'newer-compiler' }, timeLeftMs);
const sfn = () => clients().sfn;
const recorded = async (id: string, v = 1) => (await t.call<{ state_machine_version_arn: string }>('GET', `/v3.6/workflows/${id}/versions/${v}`)).body.state_machine_version_arn;
const aliasTarget = async (versionArn: string) => (await sfn().send(new DescribeStateMachineAliasCommand({
  stateMachineAliasArn: `${versionArn.slice(0, versionArn.lastIndexOf(':'))}:live`,
}))).routingConfiguration?.[0]?.stateMachineVersionArn;

/** A workflow whose version 1 was activated before the upgrade (its machine compiled without the storage retry). */
async function activatedBeforeUpgrade(description?: string): Promise<{ id: string; stale: string }> {
  const id = (await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Upgrade' })).body.id;
  expect((await t.call('POST', `/v3.6/workflows/${id}/versions`, { definition: ASK })).status).toBe(201);
  return { id, stale: await activateStale(id, 1, ASK, description) };
}

it('a version that no longer compiles keeps its machine version; the failure is logged and reported, and other workflows are recompiled', async () => {
  const broken = await activatedBeforeUpgrade();
  const fine = await activatedBeforeUpgrade();
  // As if this release's compiler refused what an older one accepted.
  await clients().doc.send(new UpdateCommand({
    TableName: stack.env.TABLE_NAME, Key: keys.version(broken.id, 1), UpdateExpression: 'SET definition_json = :d',
    ExpressionAttributeValues: { ':d': JSON.stringify({ ...ASK, start: 'missing' }) },
  }));
  const answer = await deploy();
  expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { Failed: expect.stringContaining(`${broken.id}/1: `), Recompiled: expect.stringContaining(`${fine.id}/1`) } });
  expect(answer!.Data!.Summary).toMatch(/\b1 failed\b/);
  expect(errors.mock.calls.map(([m]) => String(m))).toContainEqual(expect.stringContaining(`${broken.id}/1`));
  expect(await recorded(broken.id)).toBe(broken.stale);
  expect(await aliasTarget(broken.stale)).toBe(broken.stale);
  expect(await recorded(fine.id)).not.toBe(fine.stale);
}, 60_000);

it('a failed UpdateStateMachine leaves the version and the alias on its machine version; the next deploy recompiles it', async () => {
  const wf = await activatedBeforeUpgrade();
  const send = sfn().send.bind(sfn()) as (c: unknown) => Promise<unknown>;
  jest.spyOn(sfn(), 'send').mockImplementation(((c: unknown) => (c instanceof UpdateStateMachineCommand
    ? Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })) : send(c))) as never);
  expect((await deploy())?.Data?.Failed).toContain(`${wf.id}/1: `);
  expect(await recorded(wf.id)).toBe(wf.stale);
  expect(await aliasTarget(wf.stale)).toBe(wf.stale);
  jest.mocked(sfn().send).mockRestore();
  expect((await deploy())?.Data?.Recompiled).toContain(`${wf.id}/1`);
  const now = await recorded(wf.id);
  expect(now).not.toBe(wf.stale);
  expect(await aliasTarget(now)).toBe(now);
}, 60_000);

it('a workflow being activated right now is left as it is and reported', async () => {
  const wf = await activatedBeforeUpgrade();
  expect(await acquireLease(wf.id, 1, 'another-activation', new Date())).toBe(true);
  expect((await deploy())?.Data?.Failed).toMatch(new RegExp(`${wf.id}/1: [^;]*activat`));
  expect(await recorded(wf.id)).toBe(wf.stale);
  await releaseLease(wf.id, 'another-activation');
  expect((await deploy())?.Data?.Recompiled).toContain(`${wf.id}/1`);
}, 60_000);

it('a version not published by activation (a workflow deployed as code) is left to its own deploy', async () => {
  const wf = await activatedBeforeUpgrade('deployed as code from kyc.workflow.json');
  const answer = await deploy();
  expect(answer?.Data?.Skipped).toContain(`${wf.id}/1`);
  expect(answer?.Data?.Recompiled).not.toContain(wf.id);
  expect(await recorded(wf.id)).toBe(wf.stale);
}, 60_000);

it('a deploy short of time stops before the next workflow and says how many it did not reach', async () => {
  const wf = await activatedBeforeUpgrade();
  const answer = await deploy(() => 30_000);
  expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { Recompiled: 'none' } });
  expect(answer!.Data!.Summary).toMatch(/\b[1-9]\d* not reached\b/);
  expect(await recorded(wf.id)).toBe(wf.stale);
}, 60_000);

it('an upgrade that cannot run at all (the table unreachable) answers SUCCESS, changes nothing and says why', async () => {
  const send = clients().doc.send.bind(clients().doc) as (c: unknown) => Promise<unknown>;
  jest.spyOn(clients().doc, 'send').mockImplementation(((c: unknown) => (c instanceof QueryCommand
    ? Promise.reject(Object.assign(new Error('no answer'), { name: 'TimeoutError' })) : send(c))) as never);
  const answer = await deploy();
  expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { Recompiled: 'none', Summary: expect.stringMatching(/not run/) } });
});

it('activating again an inactive version whose machine is stale publishes its current compiled form', async () => {
  const wf = await activatedBeforeUpgrade();
  expect((await t.call('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: ASK })).status).toBe(201);
  expect((await t.call('POST', `/v3.6/workflows/${wf.id}/versions/2/activate`)).status).toBe(200);
  const again = await t.call<{ state_machine_version_arn: string }>('POST', `/v3.6/workflows/${wf.id}/versions/1/activate`);
  expect(again.status).toBe(200);
  expect(again.body.state_machine_version_arn).not.toBe(wf.stale);
  expect(await recorded(wf.id)).toBe(again.body.state_machine_version_arn);
  const machine = await sfn().send(new DescribeStateMachineCommand({ stateMachineArn: again.body.state_machine_version_arn }));
  expect(retriesStorage(machine.definition)).toBe(true);
  expect(await aliasTarget(wf.stale)).toBe(again.body.state_machine_version_arn);
}, 60_000);

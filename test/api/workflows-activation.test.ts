/** Activation publishes to the local Step Functions; archive rules; compiled ASL. */
import { DescribeStateMachineAliasCommand, DescribeStateMachineCommand, ListStateMachineVersionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { pinTaskVersions, TEMPLATES } from '../../compiler';
import { resetClients } from '../../lambdas/shared/aws';
import { resetConfig } from '../../lambdas/shared/config';
import { getLiveVersion, getVersion } from '../../lambdas/store/workflows';
import { compileVersion } from '../../lambdas/workflows';
import { publishVersion } from '../../lambdas/workflows/publish';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient, sfnClient, type Api } from './workflows-client';
import { logger } from '../../lambdas/shared/powertools';

type Body = Record<string, unknown>;
const VALID = TEMPLATES[0]!.definition as Body;
const OTHER = TEMPLATES[1]!.definition as Body;
const INVALID = { name: 'Broken', start: 'missing', tasks: [{ id: 'only', type: 'result', outcome: 'approve' }] };

let stack: TestStack;
let api: Api;
let sfn: SFNClient;
beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.apiToken);
  sfn = sfnClient(stack.endpoints.sfn, { accessKeyId: stack.env.AWS_ACCESS_KEY_ID, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY });
});
afterAll(async () => {
  sfn.destroy();
  await stack.stop();
});

/** Runs `f` with the in-process API talking to another Step Functions endpoint. */
async function withSfnEndpoint<T>(endpoint: string, f: () => Promise<T>): Promise<T> {
  const saved = process.env.SFN_ENDPOINT;
  const apply = (value: string | undefined) => { process.env.SFN_ENDPOINT = value; resetConfig(); resetClients(); };
  apply(endpoint);
  try { return await f(); } finally { apply(saved); }
}

/** A workflow with the given versions saved, in order. */
async function workflowWith(...definitions: unknown[]): Promise<string> {
  const wf = await api('POST', '/v3.6/workflows', { name: 'Activation' });
  for (const definition of definitions) expect((await api('POST', `/v3.6/workflows/${wf.body.id as string}/versions`, { definition })).status).toBe(201);
  return wf.body.id as string;
}
const versionsPath = (id: string) => `/v3.6/workflows/${id}/versions`;
const activate = (id: string, v: number | string) => api('POST', `${versionsPath(id)}/${v}/activate`);
const archive = (id: string, v: number | string) => api('POST', `${versionsPath(id)}/${v}/archive`);
const statuses = async (id: string) => (await api<{ versions: Body[] }>('GET', versionsPath(id))).body.versions.map((v) => v.status);
const aliasTarget = async (aliasArn: string) =>
  (await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }))).routingConfiguration;

describe('activation', () => {
  it('publishes one machine per workflow, one version per activated workflow version, and moves the alias', async () => {
    const id = await workflowWith(VALID, OTHER);
    const first = await activate(id, 1);
    expect(first.status).toBe(200);
    const machine = `arn:aws:states:us-east-1:000000000000:stateMachine:studio-${id}`;
    expect(first.body).toMatchObject({
      version: 1, status: 'active', state_machine_arn: machine, state_machine_version_arn: `${machine}:1`, alias_arn: `${machine}:live`,
      capabilities: ['document_capture', 'face_capture_photo'],
    });
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machine }));
    expect(described.type).toBe('STANDARD');
    expect(described.roleArn).toBe('arn:aws:iam::000000000000:role/studio-workflows');
    expect(await aliasTarget(`${machine}:live`)).toEqual([{ stateMachineVersionArn: `${machine}:1`, weight: 100 }]);

    const second = await activate(id, 2);
    expect(second.body).toMatchObject({ version: 2, status: 'active', state_machine_version_arn: `${machine}:2` });
    expect(await statuses(id)).toEqual(['inactive', 'active']);
    expect(await aliasTarget(`${machine}:live`)).toEqual([{ stateMachineVersionArn: `${machine}:2`, weight: 100 }]);

    // Back to version 1: its machine version is reused, nothing new is published.
    const again = await activate(id, 1);
    expect(again.body).toMatchObject({ version: 1, status: 'active', state_machine_version_arn: `${machine}:1` });
    expect(await aliasTarget(`${machine}:live`)).toEqual([{ stateMachineVersionArn: `${machine}:1`, weight: 100 }]);
    const published = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: machine }));
    expect(published.stateMachineVersions?.map((v) => v.stateMachineVersionArn).sort()).toEqual([`${machine}:1`, `${machine}:2`]);
    expect(await statuses(id)).toEqual(['active', 'inactive']);
    expect((await api('GET', `/v3.6/workflows/${id}`)).body).toMatchObject({ active_version: 1, state_machine_arn: machine, alias_arn: `${machine}:live` });

    // Activating the active version again changes nothing.
    expect((await activate(id, 1)).body).toMatchObject({ status: 'active', state_machine_version_arn: `${machine}:1` });
    expect((await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: machine }))).stateMachineVersions).toHaveLength(2);
  });

  it('exports the live version for runs', async () => {
    const id = await workflowWith(VALID, OTHER);
    expect(await getLiveVersion(id, 'sandbox')).toBeUndefined();
    await activate(id, 2);
    expect(await getLiveVersion(id, 'live')).toBeUndefined();
    const live = await getLiveVersion(id, 'sandbox');
    expect(live).toEqual({ version: 2, state_machine_version_arn: expect.stringMatching(/:1$/), alias_arn: expect.stringMatching(/:live$/), definition: pinTaskVersions(OTHER) });
    expect(await getVersion(id, 1, 'live')).toBeUndefined();
    expect(await getVersion(id, 1, 'sandbox')).toMatchObject({ version: 1, status: 'inactive', definition: VALID, problems: [], state_machine_version_arn: null });
    expect(await getVersion(id, 3, 'sandbox')).toBeUndefined();
  });

  it('leaves exactly one active version after concurrent activations', async () => {
    const id = await workflowWith(VALID, OTHER, VALID);
    const results = await Promise.all([activate(id, 1), activate(id, 2), activate(id, 3)]);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const list = await statuses(id);
    expect(list.filter((s) => s === 'active')).toHaveLength(1);
    const wf = await api('GET', `/v3.6/workflows/${id}`);
    const active = await api('GET', `${versionsPath(id)}/${wf.body.active_version as number}`);
    expect(await aliasTarget(wf.body.alias_arn as string)).toEqual([{ stateMachineVersionArn: active.body.state_machine_version_arn, weight: 100 }]);
  });

  it('refuses an invalid version with its problems, and publishes nothing', async () => {
    const id = await workflowWith(INVALID);
    const res = await activate(id, 1);
    expect(res.status).toBe(422);
    const error = res.body.error as { type: string; fields: Body; problems: Body[] };
    expect(error.type).toBe('validation_error');
    expect(error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unknown_start' })]));
    expect(error.fields['definition.start']).toBeDefined();
    expect(await statuses(id)).toEqual(['invalid']);
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:studio-${id}` })))
      .rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('marks nothing active when publishing fails, and can be activated again afterwards', async () => {
    const id = await workflowWith(VALID, OTHER);
    const first = await activate(id, 1);
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const unreachable = await withSfnEndpoint('http://127.0.0.1:9', () => activate(id, 2));
    expect(logged).toHaveBeenCalledWith('unhandled error', { error: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }) });
    logged.mockRestore();
    expect(unreachable.status).toBe(500);
    expect(unreachable.body).toEqual({ error: { type: 'internal_server_error', message: expect.any(String), fields: {} } });
    expect(await statuses(id)).toEqual(['active', 'inactive']);
    expect(await aliasTarget(first.body.alias_arn as string)).toEqual([{ stateMachineVersionArn: first.body.state_machine_version_arn, weight: 100 }]);
    // The lease was released: activating again works at once.
    expect((await activate(id, 2)).body).toMatchObject({ version: 2, status: 'active' });
    expect(await statuses(id)).toEqual(['inactive', 'active']);
  });

  it('reuses a machine version that was published before a crash kept it from being recorded', async () => {
    const id = await workflowWith(VALID);
    const compiled = compileVersion(id, 1, VALID);
    if (!compiled.ok) throw new Error('the template compiles');
    const orphan = await publishVersion(id, compiled.json, 'workflow version 1', false);
    const res = await activate(id, 1);
    expect(res.body).toMatchObject({ status: 'active', state_machine_version_arn: orphan.stateMachineVersionArn });
    expect((await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: orphan.stateMachineArn }))).stateMachineVersions).toHaveLength(1);
  });

  it('refuses unknown workflows, versions and version numbers', async () => {
    const id = await workflowWith(VALID);
    expect((await activate(id, 2)).status).toBe(404);
    expect((await activate(id, 'latest')).status).toBe(422);
    expect((await activate('00000000-0000-4000-8000-000000000000', 1)).status).toBe(404);
  });
});

describe('archive', () => {
  it('archives inactive and invalid versions, never the active one, and never activates an archived one', async () => {
    const id = await workflowWith(VALID, INVALID, OTHER);
    await activate(id, 3);
    const active = await archive(id, 3);
    expect(active.status).toBe(409);
    expect(active.body).toMatchObject({ error: { type: 'conflict' } });
    expect((await archive(id, 1)).body).toMatchObject({ version: 1, status: 'archived' });
    expect((await archive(id, 2)).body).toMatchObject({ version: 2, status: 'archived' });
    expect((await archive(id, 2)).status).toBe(409);
    expect(await statuses(id)).toEqual(['archived', 'archived', 'active']);
    expect((await activate(id, 1)).status).toBe(409);
    expect((await api('GET', `/v3.6/workflows/${id}`)).body.active_version).toBe(3);
    expect((await archive(id, 4)).status).toBe(404);
  });
});

describe('compiled ASL', () => {
  it('is what activation publishes, and 422 for an invalid version', async () => {
    const id = await workflowWith(VALID, INVALID);
    const asl = await api('GET', `${versionsPath(id)}/1/asl`);
    expect(asl.status).toBe(200);
    expect(asl.body).toMatchObject({ QueryLanguage: 'JSONata', StartAt: expect.any(String), States: expect.any(Object) });
    expect(asl.body.Comment).toContain(`workflow ${id} version 1`);
    await activate(id, 1);
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:studio-${id}` }));
    expect(machine.definition).toBe(asl.text);
    const invalid = await api('GET', `${versionsPath(id)}/2/asl`);
    expect(invalid.status).toBe(422);
    expect((invalid.body.error as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
  });
});

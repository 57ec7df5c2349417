/**
 * Workflows belong to one environment: a sandbox and a live token on the same stack each see,
 * change and run only their own workflows; the other environment's ids are a 404 on every route.
 */
import { TEMPLATES } from '../../compiler';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createApiToken } from '../../lambdas/api/auth';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { seedTemplates } from '../../local/stack/seed';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient, type Api } from './workflows-client';

type Body = Record<string, unknown>;
type ErrorBody = { error: { type: string; message: string; fields: Record<string, unknown> } };
const APPROVE_ALL = { name: 'Approve all', start: 'approve', tasks: [{ id: 'approve', type: 'result', outcome: 'approve' }] };
const TEMPLATE = TEMPLATES[0]!.name;

let stack: TestStack;
let sandbox: Api;
let live: Api;
beforeAll(async () => {
  stack = await startTestStack();
  sandbox = apiClient(stack.url, stack.apiToken);
  live = apiClient(stack.url, await createApiToken('live'));
}, 120_000);
afterAll(() => stack.stop());

/** A workflow made from a template by `api`, with version 2 (approve all) saved and version 1 active. */
async function workflowOf(api: Api): Promise<string> {
  const created = await api<{ id: string }>('POST', '/v3.6/workflows', { name: 'Template instance', template: TEMPLATE });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await api('POST', `/v3.6/workflows/${id}/versions`, { definition: APPROVE_ALL })).status).toBe(201);
  expect((await api('POST', `/v3.6/workflows/${id}/versions/1/activate`)).status).toBe(200);
  return id;
}

/** Every workflow route, as `[method, path, body]` for workflow `id`. */
const routes = (id: string): Array<[string, string, unknown?]> => [
  ['GET', `/v3.6/workflows/${id}`],
  ['GET', `/v3.6/workflows/${id}/versions`],
  ['POST', `/v3.6/workflows/${id}/versions`, { definition: APPROVE_ALL, notes: 'from the other environment' }],
  ['GET', `/v3.6/workflows/${id}/versions/1`],
  ['GET', `/v3.6/workflows/${id}/versions/2`],
  ['POST', `/v3.6/workflows/${id}/versions/2/activate`],
  ['POST', `/v3.6/workflows/${id}/versions/2/archive`],
  ['GET', `/v3.6/workflows/${id}/versions/1/asl`],
];

const notFound = (id: string) => ({
  status: 404, body: { error: { type: 'resource_not_found', message: `Could not find the following resource: Workflow with id=${id}`, fields: {} } },
});

describe('workflows of two environments', () => {
  it('answers 404 on every route for the other environment\'s workflow, and changes nothing', async () => {
    const [mineLive, mineSandbox] = await Promise.all([workflowOf(live), workflowOf(sandbox)]);
    for (const [caller, other] of [[sandbox, mineLive], [live, mineSandbox]] as const) {
      for (const [method, path, body] of routes(other)) {
        const res = await caller<ErrorBody>(method, path, body);
        expect({ route: `${method} ${path}`, status: res.status, body: res.body }).toEqual({ route: `${method} ${path}`, ...notFound(other) });
      }
    }
    for (const [owner, id] of [[live, mineLive], [sandbox, mineSandbox]] as const) {
      expect((await owner('GET', `/v3.6/workflows/${id}`)).body).toMatchObject({ id, versions: 2, active_version: 1 });
      const versions = (await owner<{ versions: Body[] }>('GET', `/v3.6/workflows/${id}/versions`)).body.versions;
      expect(versions.map((v) => v.status)).toEqual(['active', 'inactive']);
    }
  });

  it('lists only the workflows of the token\'s environment', async () => {
    const [mineLive, mineSandbox] = await Promise.all([workflowOf(live), workflowOf(sandbox)]);
    const ids = async (api: Api) => (await api<{ workflows: Body[] }>('GET', '/v3.6/workflows')).body.workflows.map((w) => w.id);
    const [liveIds, sandboxIds] = await Promise.all([ids(live), ids(sandbox)]);
    expect(liveIds).toContain(mineLive);
    expect(liveIds).not.toContain(mineSandbox);
    expect(sandboxIds).toContain(mineSandbox);
    expect(sandboxIds).not.toContain(mineLive);
    expect(liveIds.filter((id) => sandboxIds.includes(id))).toEqual([]);
  });

  it('starts runs only on a workflow of the token\'s environment', async () => {
    const [mineLive, mineSandbox] = await Promise.all([workflowOf(live), workflowOf(sandbox)]);
    const applicant = async (api: Api) => (await api<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31' })).body.id;
    const [liveApplicant, sandboxApplicant] = await Promise.all([applicant(live), applicant(sandbox)]);
    const run = (api: Api, workflow_id: string, applicant_id: string) => api<Body>('POST', '/v3.6/workflow_runs', { workflow_id, applicant_id });
    expect(await run(sandbox, mineLive, sandboxApplicant)).toMatchObject(notFound(mineLive));
    expect(await run(live, mineSandbox, liveApplicant)).toMatchObject(notFound(mineSandbox));
    const runsOf = async (api: Api) => (await api<Body[]>('GET', '/v3.6/workflow_runs')).body;
    expect((await runsOf(sandbox)).filter((r) => r.workflow_id === mineLive)).toEqual([]);
    expect((await runsOf(live)).filter((r) => r.workflow_id === mineSandbox)).toEqual([]);
    // Each on its own: both start, each on its own machine.
    expect((await run(sandbox, mineSandbox, sandboxApplicant)).status).toBe(201);
    expect((await run(live, mineLive, liveApplicant)).status).toBe(201);
    const machine = async (api: Api, id: string) => (await api<Body>('GET', `/v3.6/workflows/${id}`)).body.state_machine_arn;
    expect(await machine(live, mineLive)).toMatch(new RegExp(`:stateMachine:studio-${mineLive}$`));
    expect(await machine(sandbox, mineSandbox)).toMatch(new RegExp(`:stateMachine:studio-${mineSandbox}$`));
  });
});

describe('workflows stored before environments', () => {
  it('belong to live: listed and found by a live token, a 404 to a sandbox token', async () => {
    const id = '0b5c4f3e-6a1d-4e8f-9c2b-7d6a5e4f3b21';
    const at = '2020-01-01T00:00:00Z';
    // As save.ts wrote them before: no environment, every workflow in gsi1 `WORKFLOWS`.
    await clients().doc.send(new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { pk: `WORKFLOW#${id}`, sk: 'WORKFLOW', gsi1pk: 'WORKFLOWS', gsi1sk: `2020-01-01T00:00:00.000Z#${id}`,
        id, name: 'Old', description: '', created_at: at, updated_at: at, versions: 0, archived: {} },
    }));
    expect(await live('GET', `/v3.6/workflows/${id}`)).toMatchObject({ status: 200, body: { id, name: 'Old' } });
    expect(await sandbox('GET', `/v3.6/workflows/${id}`)).toMatchObject(notFound(id));
    const ids = async (api: Api) => (await api<{ workflows: Body[] }>('GET', '/v3.6/workflows')).body.workflows.map((w) => w.id);
    const liveIds = await ids(live);
    expect(liveIds).toContain(id);
    expect(liveIds[liveIds.length - 1]).toBe(id); // the oldest, last
    expect(await ids(sandbox)).not.toContain(id);
  });
});

describe('seeded templates', () => {
  it('exist in both environments, each its own, once however often the stack starts', async () => {
    const first = await seedTemplates();
    const titles = TEMPLATES.map((t) => t.title);
    const listed = async (api: Api) => (await api<{ workflows: Array<{ id: string; name: string; versions: number }> }>('GET', '/v3.6/workflows')).body.workflows
      .filter((w) => titles.includes(w.name));
    const [liveSeeded, sandboxSeeded] = await Promise.all([listed(live), listed(sandbox)]);
    for (const seeded of [liveSeeded, sandboxSeeded]) {
      expect(seeded.map((w) => w.name).sort()).toEqual([...titles].sort());
      expect(seeded.every((w) => w.versions === 1)).toBe(true);
    }
    const sandboxIds = new Set(sandboxSeeded.map((w) => w.id));
    expect(liveSeeded.filter((w) => sandboxIds.has(w.id))).toEqual([]);
    expect((await sandbox('GET', `/v3.6/workflows/${liveSeeded[0]!.id}`)).status).toBe(404);
    expect(first.live.created.length + first.sandbox.created.length).toBe(2 * titles.length);
    const again = await seedTemplates();
    expect(again).toEqual({ sandbox: { created: [], existing: titles }, live: { created: [], existing: titles } });
  });
});

/** Workflow management API against the local stack: workflows, versions, templates, bad input. */
import { latestVersion, TEMPLATES, type TaskType } from '../../compiler';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient, type Api } from './workflows-client';

type Body = Record<string, unknown>;
const template = (name: string) => TEMPLATES.find((t) => t.name === name)!.definition as Body;
const VALID = template('document_selfie_photo');
const INVALID = { name: 'Broken', start: 'missing', tasks: [{ id: 'only', type: 'result', outcome: 'approve' }] };

let stack: TestStack;
let api: Api;
beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.apiToken);
});
afterAll(() => stack.stop());

const newWorkflow = async (body: Body = { name: 'KYC' }) => {
  const res = await api('POST', '/v3.6/workflows', body);
  expect(res.status).toBe(201);
  return res.body as { id: string } & Body;
};

describe('workflows', () => {
  it('creates a workflow without versions, gets it and lists newest first', async () => {
    const first = await newWorkflow({ name: 'First', description: 'the first one' });
    expect(first).toMatchObject({ name: 'First', description: 'the first one', active_version: null, versions: 0, href: `/v3.6/workflows/${first.id}` });
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const second = await newWorkflow({ name: 'Second' });
    expect((await api('GET', `/v3.6/workflows/${first.id}`)).body).toEqual(first);
    const list = await api<{ workflows: Body[] }>('GET', '/v3.6/workflows');
    const ids = list.body.workflows.map((w) => w.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
  });

  it('creates version 1 from a template', async () => {
    const wf = await newWorkflow({ name: 'From template', template: 'watchlist_risk_score' });
    expect(wf.versions).toBe(1);
    expect(wf.first_version).toMatchObject({ version: 1, status: 'inactive', notes: 'From template watchlist_risk_score', problems: [] });
    const v1 = await api('GET', `/v3.6/workflows/${wf.id}/versions/1`);
    // Stored as the template is, each task pinned to its type's version as saved (the template names none).
    const sent = template('watchlist_risk_score') as { tasks: Array<{ type: TaskType; version?: number }> };
    expect(sent.tasks.every((t) => t.version === undefined)).toBe(true);
    expect(v1.body.definition).toEqual({ ...sent, tasks: sent.tasks.map((t) => ({ ...t, version: latestVersion(t.type) })) });
  });

  it('pins the task versions a version is saved with: a task naming none gets its type\'s latest, a named one is kept', async () => {
    const wf = await newWorkflow({ name: 'Pinned on save' });
    const sent = VALID as { tasks: Array<{ id: string; type: TaskType; version?: number }> };
    const withOld = { ...sent, tasks: sent.tasks.map((t) => (t.type === 'document_report' ? { ...t, version: 1 } : t)) };
    const saved = await api('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: withOld });
    expect(saved.status).toBe(201);
    const got = await api('GET', `/v3.6/workflows/${wf.id}/versions/1`);
    const tasks = (got.body.definition as typeof sent).tasks;
    expect(tasks.map((t) => [t.id, t.version])).toEqual(sent.tasks.map((t) => [t.id, t.type === 'document_report' ? 1 : latestVersion(t.type)]));
    expect(got.body.updates).toEqual([expect.objectContaining({ type: 'document_report', from: 1, to: latestVersion('document_report') })]);
  });

  it('refuses an unknown template, a missing name, malformed JSON and unknown ids', async () => {
    const unknown = await api('POST', '/v3.6/workflows', { name: 'x', template: 'nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: { type: 'validation_error', fields: { template: [expect.stringContaining('nope')] } } });
    const noName = await api('POST', '/v3.6/workflows', { description: 'no name' });
    expect(noName.status).toBe(422);
    expect(Object.keys((noName.body.error as { fields: Body }).fields)).toEqual(['name']);
    const notObject = await api('POST', '/v3.6/workflows', [{ name: 'x' }]);
    expect(notObject.status).toBe(422);
    expect(notObject.body).toMatchObject({ error: { type: 'validation_error', fields: { body: [expect.any(String)] } } });
    const malformed = await api('POST', '/v3.6/workflows', undefined, '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { type: 'bad_request' } });
    const missing = await api('GET', '/v3.6/workflows/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { type: 'resource_not_found', message: 'Could not find the following resource: Workflow with id=00000000-0000-4000-8000-000000000000', fields: {} } });
    expect((await api('GET', '/v3.6/workflows/not-an-id')).status).toBe(404);
  });

  it('needs an API token', async () => {
    const res = await fetch(`${stack.url}/v3.6/workflows`);
    expect(res.status).toBe(401);
  });
});

describe('versions', () => {
  it('saves valid and invalid versions as n+1 with their problems and task updates', async () => {
    const wf = await newWorkflow();
    const pinned = { ...VALID, tasks: (VALID.tasks as Body[]).map((t) => (t.type === 'document_report' ? { ...t, version: 1 } : t)) };
    const v1 = await api('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: pinned, notes: 'pinned' });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, status: 'inactive', problems: [], notes: 'pinned', definition: pinned });
    expect(v1.body.updates).toEqual([expect.objectContaining({ task: 'document_report', type: 'document_report', from: 1, to: 2 })]);
    const v2 = await api('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: INVALID });
    expect(v2.body).toMatchObject({ version: 2, status: 'invalid', notes: '', updates: [] });
    expect(v2.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unknown_start', task: null, path: 'start' })]));
    for (const p of v2.body.problems as Body[]) expect(Object.keys(p).sort()).toEqual(['code', 'message', 'path', 'task']);
    const v3 = await api('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: 'not an object' });
    expect(v3.body).toMatchObject({ version: 3, status: 'invalid', definition: 'not an object' });
    expect((v3.body.problems as Body[]).length).toBeGreaterThan(0);

    const list = await api<{ versions: Body[] }>('GET', `/v3.6/workflows/${wf.id}/versions`);
    expect(list.body.versions.map((v) => [v.version, v.status])).toEqual([[1, 'inactive'], [2, 'invalid'], [3, 'invalid']]);
    expect(list.body.versions[0]).not.toHaveProperty('definition');
    const got = await api('GET', `/v3.6/workflows/${wf.id}/versions/2`);
    expect(got.body).toMatchObject({ version: 2, status: 'invalid', definition: INVALID, problems: v2.body.problems });
    expect((await api('GET', `/v3.6/workflows/${wf.id}`)).body.versions).toBe(3);
  });

  it('gives concurrent saves distinct consecutive numbers', async () => {
    const wf = await newWorkflow();
    const saves = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      api('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: VALID, notes: `save ${i}` })));
    expect(saves.map((s) => s.status)).toEqual(Array(12).fill(201));
    expect(saves.map((s) => s.body.version).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const list = await api<{ versions: Body[] }>('GET', `/v3.6/workflows/${wf.id}/versions`);
    expect(list.body.versions).toHaveLength(12);
    expect((await api('GET', `/v3.6/workflows/${wf.id}`)).body.versions).toBe(12);
  });

  it('refuses bad bodies and bad paths', async () => {
    const wf = await newWorkflow();
    const base = `/v3.6/workflows/${wf.id}/versions`;
    expect((await api('POST', base, undefined, '{definition')).status).toBe(400);
    const noDefinition = await api('POST', base, { notes: 'x' });
    expect(noDefinition.status).toBe(422);
    expect(Object.keys((noDefinition.body.error as { fields: Body }).fields)).toEqual(['definition']);
    expect((await api('POST', base, { definition: VALID, notes: 7 })).status).toBe(422);
    const huge = await api('POST', base, { definition: { ...VALID, description: 'x'.repeat(300 * 1024) } });
    expect(huge.status).toBe(422);
    expect(huge.body).toMatchObject({ error: { fields: { definition: [expect.stringContaining('KB')] } } });
    expect((await api<{ versions: unknown[] }>('GET', base)).body.versions).toEqual([]);
    const notNumber = await api('GET', `${base}/abc`);
    expect(notNumber.status).toBe(422);
    expect(notNumber.body).toMatchObject({ error: { type: 'validation_error', fields: { version: [expect.any(String)] } } });
    expect((await api('GET', `${base}/0`)).status).toBe(422);
    const unknownVersion = await api('GET', `${base}/9`);
    expect(unknownVersion.status).toBe(404);
    expect((unknownVersion.body.error as Body).message).toBe(`Could not find the following resource: Workflow version with id=${wf.id}/versions/9`);
    expect((await api('POST', '/v3.6/workflows/00000000-0000-4000-8000-000000000000/versions', { definition: VALID })).status).toBe(404);
    expect((await api('GET', '/v3.6/workflows/00000000-0000-4000-8000-000000000000/versions')).status).toBe(404);
  });
});

describe('templates', () => {
  it('lists every template with its definition', async () => {
    const res = await api<{ workflow_templates: Body[] }>('GET', '/v3.6/workflow_templates');
    expect(res.status).toBe(200);
    expect(res.body.workflow_templates.map((t) => t.name)).toEqual(TEMPLATES.map((t) => t.name));
    for (const t of res.body.workflow_templates) {
      expect(Object.keys(t).sort()).toEqual(['definition', 'description', 'name', 'title']);
      expect(typeof t.title).toBe('string');
    }
  });
});

/** Renaming and describing a workflow (PATCH /v3.6/workflows/{id}): the item only, never a version; bad input gets Onfido's error body. */
import { createApiToken } from '../../lambdas/api/auth';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient, type Api } from './workflows-client';

type Body = Record<string, unknown>;
let stack: TestStack;
let api: Api;
beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.apiToken);
});
afterAll(() => stack.stop());

test('renames and describes a workflow, either or both; versions and the definition stay as they were', async () => {
  const created = await api('POST', '/v3.6/workflows', { name: 'KYC', description: 'First', template: 'document_selfie_photo' });
  const id = (created.body as { id: string }).id;
  const renamed = await api('PATCH', `/v3.6/workflows/${id}`, { name: '  KYC (UK)  ' });
  expect(renamed).toMatchObject({ status: 200, body: { id, name: 'KYC (UK)', description: 'First', versions: 1 } });
  const described = await api('PATCH', `/v3.6/workflows/${id}`, { description: 'Document and selfie for UK customers' });
  expect(described.body).toMatchObject({ name: 'KYC (UK)', description: 'Document and selfie for UK customers' });
  const both = await api('PATCH', `/v3.6/workflows/${id}`, { name: 'KYC', description: '' });
  expect(both.body).toMatchObject({ name: 'KYC', description: '' });
  expect((await api('GET', `/v3.6/workflows/${id}`)).body).toMatchObject({ name: 'KYC', description: '', versions: 1 });
  const v1 = await api('GET', `/v3.6/workflows/${id}/versions/1`);
  expect((v1.body.definition as Body).name).not.toBe('KYC');
});

test('refuses empty, unknown and bad fields (422), malformed JSON (400), unknown workflows and the other environment (404)', async () => {
  const id = ((await api('POST', '/v3.6/workflows', { name: 'Keep' })).body as { id: string }).id;
  const empty = await api('PATCH', `/v3.6/workflows/${id}`, {});
  expect(empty).toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { name: ['give name, description or both'] } } } });
  const blank = await api('PATCH', `/v3.6/workflows/${id}`, { name: '   ' });
  expect(blank).toMatchObject({ status: 422, body: { error: { fields: { name: ['is required'] } } } });
  const long = await api('PATCH', `/v3.6/workflows/${id}`, { description: 'x'.repeat(2001) });
  expect(long).toMatchObject({ status: 422, body: { error: { fields: { description: [expect.any(String)] } } } });
  const unknown = await api('PATCH', `/v3.6/workflows/${id}`, { name: 'x', versions: 9 });
  expect(unknown.status).toBe(422);
  expect(unknown.body).toMatchObject({ error: { type: 'validation_error' } });
  expect(JSON.stringify(unknown.body)).toContain('versions');
  expect((await api('PATCH', `/v3.6/workflows/${id}`, undefined, '{"name": ')).status).toBe(400);
  const missing = await api('PATCH', '/v3.6/workflows/00000000-0000-4000-8000-000000000000', { name: 'x' });
  expect(missing).toMatchObject({ status: 404, body: { error: { type: 'resource_not_found' } } });
  const live = apiClient(stack.url, await createApiToken('live'));
  expect((await live('PATCH', `/v3.6/workflows/${id}`, { name: 'Taken over' })).status).toBe(404);
  expect((await api('GET', `/v3.6/workflows/${id}`)).body).toMatchObject({ name: 'Keep', description: '' });
});

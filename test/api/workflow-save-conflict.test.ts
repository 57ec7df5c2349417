/**
 * Saving a version on top of the one an edit started from (`base_version`, the console's): a newer
 * version is a 409 in Onfido's error body and nothing is stored; without it a save takes the next
 * number as before (API clients that never send it keep working).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { TEMPLATES } from '../../compiler';
import { clients } from '../../lambdas/shared/aws';
import { systemRuntime } from '../../lambdas/shared/ids';
import { getWorkflowItem } from '../../lambdas/store/workflows';
import { saveVersion } from '../../lambdas/workflows/save';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient, type Api } from './workflows-client';

const DEFINITION = TEMPLATES.find((t) => t.name === 'document_selfie_photo')!.definition;

let stack: TestStack;
let api: Api;
beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.apiToken);
});
afterAll(() => stack.stop());

async function workflow(): Promise<string> {
  const res = await api<{ id: string }>('POST', '/v3.6/workflows', { name: 'Concurrent edits' });
  expect(res.status).toBe(201);
  return res.body.id;
}
const save = (id: string, body: Record<string, unknown>) => api('POST', `/v3.6/workflows/${id}/versions`, { definition: DEFINITION, ...body });
const versions = async (id: string) => (await api<{ versions: Array<{ version: number; notes: string }> }>('GET', `/v3.6/workflows/${id}/versions`)).body.versions;

test('a save based on an older version is a 409 naming the latest; nothing is stored', async () => {
  const id = await workflow();
  expect((await save(id, { notes: 'first', base_version: 0 })).body).toMatchObject({ version: 1 });
  expect((await save(id, { notes: 'second', base_version: 1 })).body).toMatchObject({ version: 2 });
  const stale = await save(id, { notes: 'late', base_version: 1 });
  expect(stale.status).toBe(409);
  expect(stale.body).toEqual({
    error: { type: 'conflict', message: expect.stringContaining('Version 2 was saved after version 1'), fields: { base_version: ['is 1; the latest version is 2'] }, latest_version: 2 },
  });
  const fresh = await save(id, { notes: 'blank', base_version: 0 });
  expect(fresh.status).toBe(409);
  expect((await versions(id)).map((v) => v.notes).sort()).toEqual(['first', 'second']);
});

test('without base_version a save takes the next number, as before', async () => {
  const id = await workflow();
  await save(id, { notes: 'one' });
  const two = await save(id, { notes: 'two' });
  expect(two.status).toBe(201);
  expect(two.body).toMatchObject({ version: 2 });
});

test('two saves from the same version at once: one is stored, the other is a 409', async () => {
  const id = await workflow();
  await save(id, { base_version: 0 });
  const both = await Promise.all([save(id, { notes: 'a', base_version: 1 }), save(id, { notes: 'b', base_version: 1 })]);
  expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  expect((await versions(id)).map((v) => v.version).sort()).toEqual([1, 2]);
});

test('the race itself: another save lands between the check and the write, and this one is a 409 (nothing overwritten)', async () => {
  const id = await workflow();
  await save(id, { base_version: 0 });
  const item = (await getWorkflowItem(id, 'sandbox'))!;
  // The other save's item is written just before this one's conditional put (after its check found version 1 the latest).
  const doc = clients().doc;
  const send = doc.send.bind(doc);
  const spy = jest.spyOn(doc, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof PutCommand && String(command.input.Item?.sk ?? '').startsWith('VERSION#')) {
      spy.mockRestore();
      await send(new PutCommand({ TableName: stack.env.TABLE_NAME, Item: { ...command.input.Item, notes: 'theirs' } }));
    }
    return send(command as never);
  }) as never);
  await expect(saveVersion(item, DEFINITION, 'mine', systemRuntime, undefined, 1)).rejects.toMatchObject({ status: 409 });
  expect(spy).not.toHaveBeenCalled(); // restored: the put happened
  expect((await versions(id)).map((v) => [v.version, v.notes]).sort()).toEqual([[1, ''], [2, 'theirs']]);
});

test('a base_version that does not exist or is not a version number is a 422', async () => {
  const id = await workflow();
  await save(id, {});
  const ahead = await save(id, { base_version: 5 });
  expect(ahead.status).toBe(422);
  expect(ahead.body).toMatchObject({ error: { type: 'validation_error', fields: { base_version: ['is 5; the latest version is 1'] } } });
  for (const bad of ['1', -1, 1.5, null]) {
    const res = await save(id, { base_version: bad });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { type: 'validation_error', fields: { base_version: [expect.any(String)] } } });
  }
  expect((await versions(id)).length).toBe(1);
});

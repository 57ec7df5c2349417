/**
 * A few hundred generated bad requests against every route of the API, on the real local stack:
 * none may get a 5xx, and every error answers with Onfido's error body.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { buildRouter } from '../../lambdas/api/routes';
import { FUZZ_SEED } from '../helpers/fuzz';
import { startTestStack, type TestStack } from '../helpers/stack';

const ErrorBody = z.object({ error: z.object({ type: z.string().min(1), message: z.string().min(1), fields: z.record(z.string(), z.array(z.string())) }) });
const routes = buildRouter().list().filter((r) => r.access !== 'public');

let stack: TestStack;
const known: Record<string, string> = {};
beforeAll(async () => {
  stack = await startTestStack();
  const applicant = await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Ada', last_name: 'Lovelace' } });
  known.applicant = applicant.body.id;
  const workflow = await stack.apiJson<{ id: string }>('/v3.6/workflows', { method: 'POST', json: { name: 'Fuzz', template: 'document_selfie_photo' } });
  known.workflow = workflow.body.id;
  await stack.apiJson(`/v3.6/workflows/${known.workflow}/versions/1/activate`, { method: 'POST' });
  const run = await stack.apiJson<{ id: string }>('/v3.6/workflow_runs', { method: 'POST', json: { workflow_id: known.workflow, applicant_id: known.applicant } });
  known.run = run.body.id;
}, 120_000);
afterAll(() => stack.stop());

const ids = fc.oneof(
  fc.uuid(), fc.constant('x'), fc.constant('..%2F..%2Fetc'), fc.string({ minLength: 1, maxLength: 300 }).map(encodeURIComponent),
  fc.constant('%00'), fc.constant('1e999'), fc.constant('-1'), fc.constant("'%20OR%201=1"), fc.constantFrom('KNOWN'),
);
const bodies = fc.oneof(
  fc.constant('{"unterminated": '), fc.constant('null'), fc.constant('[]'), fc.constant('"text"'), fc.constant(''),
  fc.constant('{"a":'.repeat(200)), fc.constant(JSON.stringify({ x: 'y'.repeat(300_000) })),
  fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'undefined'),
  fc.record({ first_name: fc.anything(), applicant_id: fc.anything(), workflow_id: fc.anything(), definition: fc.anything(), data: fc.anything(), url: fc.anything() })
    .map((v) => JSON.stringify(v)),
);
const auth = fc.constantFrom('valid', 'none', 'wrong', 'garbage_bearer', 'malformed');
const contentTypes = fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=xyz', 'multipart/form-data', '');

describe('bad input never gets a 5xx', () => {
  it('a few hundred generated bad requests', async () => {
    const seen = { total: 0, byStatus: new Map<number, number>() };
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), ids, ids, bodies, auth, contentTypes, async (route, id1, id2, body, who, type) => {
      const values = [id1, id2];
      const path = route.pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = values.shift()!;
        if (v !== 'KNOWN') return v;
        return name === 'version' ? '1' : name === 'id' ? (route.pattern.includes('workflow_runs') ? known.run! : route.pattern.includes('workflows') ? known.workflow! : known.applicant!) : 'task_x';
      });
      const headers: Record<string, string> = {};
      if (type) headers['content-type'] = type;
      const token = who === 'valid' ? undefined : who === 'none' ? null : who === 'wrong' ? 'api_sandbox.wrongwrongwrongwrong' : who === 'malformed' ? 'nope' : undefined;
      const init = who === 'garbage_bearer' ? { sdkToken: 'abc.def' } : { token };
      const res = await stack.api(path, { method: route.method, headers, ...init, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body }) });
      const text = await res.text();
      seen.total++;
      seen.byStatus.set(res.status, (seen.byStatus.get(res.status) ?? 0) + 1);
      expect({ route: `${route.method} ${route.pattern}`, path, status: res.status < 500 ? 'ok' : res.status, text: res.status < 500 ? '' : text }).toEqual({ route: `${route.method} ${route.pattern}`, path, status: 'ok', text: '' });
      if (res.status >= 400) expect(ErrorBody.safeParse(JSON.parse(text)).success).toBe(true);
    }), { numRuns: 300, seed: FUZZ_SEED });
    expect(seen.total).toBeGreaterThanOrEqual(300);
    // Most of them must actually be refused, or the generator is not generating bad input.
    const refused = [...seen.byStatus].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused / seen.total).toBeGreaterThan(0.8);
  }, 240_000);
});

/** How many versions the known workflow has (the generated requests above may have saved drafts to it). */
const versionCount = async () => (await stack.apiJson<{ versions: unknown[] }>(`/v3.6/workflows/${known.workflow}/versions`)).body.versions.length;

/** A JSON value nested `depth` levels: `{ "a": { "a": ... { "a": 1 } } }`. */
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
const isErrorBody = (body: unknown) => ErrorBody.safeParse(body).success;

describe('inputs that used to get a 500 get a 4xx, checked before anything is written', () => {
  const runCount = async () => (await stack.apiJson<unknown[]>(`/v3.6/workflow_runs?applicant_id=${known.applicant}`)).body.length;

  it('a path that is not valid percent-encoding: 401 without a token (authentication first), 400 with one', async () => {
    const anonymous = await stack.apiJson('/v3.6/applicants/%ff', { token: null });
    expect([anonymous.status, isErrorBody(anonymous.body)]).toEqual([401, true]);
    const res = await stack.apiJson<{ error: { type: string } }>('/v3.6/applicants/%ff');
    expect([res.status, res.body.error.type]).toEqual([400, 'bad_request']);
    const run = await stack.apiJson('/v3.6/workflow_runs/%E0%A4%A/tasks');
    expect(run.status).toBe(400);
  });

  it('more than 30 tags in a run filter: 422 naming tags', async () => {
    const tags = Array.from({ length: 2500 }, (_, i) => String(i)).join(',');
    const res = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>(`/v3.6/workflow_runs?tags=${tags}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['tags']);
    expect((await stack.apiJson(`/v3.6/workflow_runs?tags=${tags.split(',').slice(0, 30).join(',')}`)).status).toBe(200);
  });

  it('a 3,000-task definition whose stored version would exceed a DynamoDB item: 422, no version saved', async () => {
    const tasks = Array.from({ length: 3000 }, (_, i) => ({ id: `t${i}`, type: 'no_such_task_type', next: i + 1 < 3000 ? `t${i + 1}` : 'approve' }));
    const definition = { name: 'Huge', start: 't0', tasks };
    expect(Buffer.byteLength(JSON.stringify(definition))).toBeLessThan(256 * 1024);
    const before = await versionCount();
    const res = await stack.apiJson<{ error: { message: string; fields: Record<string, string[]> } }>(`/v3.6/workflows/${known.workflow}/versions`, { method: 'POST', json: { definition } });
    expect([res.status, res.body.error.message]).toEqual([422, 'This version is too large to store']);
    expect(Object.keys(res.body.error.fields)).toEqual(['definition']);
    expect(await versionCount()).toBe(before);
  });

  it('a definition nested 5,000 deep: 422, no version saved', async () => {
    const body = `{"definition":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const before = await versionCount();
    const res = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>(`/v3.6/workflows/${known.workflow}/versions`, {
      method: 'POST', body, headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['definition']);
    expect(await versionCount()).toBe(before);
  });

  it('custom_data nested 32 levels (33 with the run item, DynamoDB stores 32): 422, no run created; 31 levels fit', async () => {
    const before = await runCount();
    const res = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>('/v3.6/workflow_runs', {
      method: 'POST', json: { workflow_id: known.workflow, applicant_id: known.applicant, custom_data: { deep: nested(31) } },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['custom_data']);
    // A fresh applicant: the fuzzing above may have scheduled the known one for deletion.
    const fresh = await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Deep', last_name: 'Data' } });
    const ok = await stack.apiJson('/v3.6/workflow_runs', {
      method: 'POST', json: { workflow_id: known.workflow, applicant_id: fresh.body.id, custom_data: { deep: nested(30) } },
    });
    expect(ok.status).toBe(201);
    expect(await runCount()).toBe(before);
    expect((await stack.apiJson<unknown[]>(`/v3.6/workflow_runs?applicant_id=${fresh.body.id}`)).body).toHaveLength(1);
  });

  it.each(['{"n":1e16}', '{"id":12345678901234567890}', '{"tiny":1e-200}', '{"list":[1,[2,[-9007199254740992]]]}'])('custom_data %s (a number DynamoDB cannot store exactly): 422, no run created', async (data) => {
    const before = await runCount();
    const res = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>('/v3.6/workflow_runs', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"workflow_id":"${known.workflow}","applicant_id":"${known.applicant}","custom_data":${data}}`,
    });
    expect([res.status, Object.keys(res.body.error.fields)]).toEqual([422, ['custom_data']]);
    expect(await runCount()).toBe(before);
  });

  it('task data with a number DynamoDB cannot store exactly: 422, the task still waits', async () => {
    const run = await stack.apiJson<{ id: string; sdk_token: string }>(`/v3.6/workflow_runs/${known.run}`);
    const tasks = await stack.apiJson<Array<{ id: string }>>(`/v3.6/workflow_runs/${known.run}/tasks`);
    const task = tasks.body[tasks.body.length - 1]!;
    const res = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>(`/v3.6/workflow_runs/${known.run}/tasks/${task.id}/complete`, {
      method: 'POST', sdkToken: run.body.sdk_token, headers: { 'content-type': 'application/json' }, body: '{"data":[{"id":"x","n":18446744073709551615}]}',
    });
    expect([res.status, Object.keys(res.body.error.fields)]).toEqual([422, ['data']]);
  });

  it.each([['300 KB', 300_000], ['500 KB', 500_000], ['just over 64 KiB', 65_537]])('custom_data of %s: 413, no run created (not even an error run)', async (_, size) => {
    const before = await runCount();
    const res = await stack.apiJson<{ error: { type: string } }>('/v3.6/workflow_runs', {
      method: 'POST', json: { workflow_id: known.workflow, applicant_id: known.applicant, custom_data: { blob: 'x'.repeat(size) } },
    });
    expect([res.status, res.body.error.type]).toEqual([413, 'payload_too_large']);
    expect(await runCount()).toBe(before);
  });

  it.each([
    'applicants/{id}', 'workflow_runs/{id}', 'workflow_runs/{id}/tasks', 'workflow_runs/RUN/tasks/{id}', 'webhooks/{id}', 'documents/{id}',
    'workflows/{id}', 'live_photos/{id}/download',
  ])('an id over 2 KB in %s: 404', async (pattern) => {
    const long = 'a'.repeat(2100);
    const res = await stack.apiJson<{ error: { type: string } }>(`/v3.6/${pattern.replace('RUN', known.run!).replace('{id}', long)}`);
    expect([res.status, res.body.error.type]).toEqual([404, 'resource_not_found']);
  });

  it('ids over 2 KB in a body or query: 422 naming the field', async () => {
    const long = 'a'.repeat(2100);
    const run = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>('/v3.6/workflow_runs', { method: 'POST', json: { workflow_id: long, applicant_id: long } });
    expect([run.status, Object.keys(run.body.error.fields).sort()]).toEqual([422, ['applicant_id', 'workflow_id']]);
    const list = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>(`/v3.6/workflow_runs?applicant_id=${long}`);
    expect([list.status, Object.keys(list.body.error.fields)]).toEqual([422, ['applicant_id']]);
    const resend = await stack.apiJson<{ error: { fields: Record<string, string[]> } }>('/v3.6/webhooks/resend', {
      method: 'POST', json: { data: [{ resource_id: long, event: 'workflow_run.completed' }] },
    });
    expect([resend.status, Object.keys(resend.body.error.fields)]).toEqual([422, ['data.0.resource_id']]);
  });
});

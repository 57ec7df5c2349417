/**
 * A few hundred generated bad requests against every route of the API, on the real local stack:
 * none may get a 5xx, and every error answers with Onfido's error body.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { buildRouter } from '../../lambdas/api/routes';
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
    }), { numRuns: 300 });
    expect(seen.total).toBeGreaterThanOrEqual(300);
    // Most of them must actually be refused, or the generator is not generating bad input.
    const refused = [...seen.byStatus].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused / seen.total).toBeGreaterThan(0.8);
  }, 240_000);
});

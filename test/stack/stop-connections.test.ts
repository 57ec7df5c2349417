/**
 * Stopping a stack closes the connections its in-process functions opened to DynamoDB and S3
 * (lambdas/shared/aws.ts `closeClients`). An idle keep-alive socket stays open until the server
 * drops it, and holds everything that made it: in a jest worker, each test file's whole module
 * registry, run after run (measured: 19 finished files' registries still in one worker's heap at the end of a run of
 * the 45 test/api files on 2 workers).
 */
import { clients, closeClients, resetClients } from '../../lambdas/shared/aws';
import { connectionsTo } from '../helpers/processes';
import { startTestStack } from '../helpers/stack';

const portOf = (endpoint: string | undefined) => Number(new URL(endpoint ?? '').port);
/** The connections to `port` opened since `before` (a jest worker runs other files first, on the same services). */
const opened = (port: number, before: Set<string>) => [...connectionsTo(port)].filter((inode) => !before.has(inode)).length;

it('stop leaves no connection from the functions to DynamoDB or S3 (replaced clients included), and the next stack gets new clients', async () => {
  // The run's shared services (test/global-setup.ts), if any: what this process already holds to them.
  const held = (endpoint: string | undefined) => (endpoint ? connectionsTo(portOf(endpoint)) : new Set<string>());
  const earlier = { dynamodb: held(process.env.STUDIO_TEST_DYNAMODB), s3: held(process.env.STUDIO_TEST_S3) };
  const stack = await startTestStack();
  const dynamodb = portOf(process.env.DYNAMODB_ENDPOINT);
  const s3 = portOf(process.env.S3_ENDPOINT);
  // An applicant (DynamoDB) and a document (S3), made by the API function in this process.
  const applicant = await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Ann', last_name: 'Lee' } });
  expect(applicant.status).toBe(201);
  // Clients replaced mid-way (as a test does to swap an endpoint) are closed on stop too.
  resetClients();
  const form = new FormData();
  form.append('applicant_id', applicant.body.id);
  form.append('type', 'passport');
  form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }), 'front.jpg');
  expect((await stack.api('/v3.6/documents', { method: 'POST', body: form })).status).toBe(201);
  expect(opened(dynamodb, earlier.dynamodb)).toBeGreaterThan(0);
  expect(opened(s3, earlier.s3)).toBeGreaterThan(0);
  const before = clients();

  await stack.stop();
  expect(opened(dynamodb, earlier.dynamodb)).toBe(0);
  expect(opened(s3, earlier.s3)).toBe(0);
  expect(clients()).not.toBe(before);
  closeClients();
}, 60_000);

/**
 * A workflow deployed as code (lib/workflows-as-code.ts; the parity synth deploys
 * fixtures/workflows/parity-approve.workflow.json, local/parity/synth.ts) is runnable: the
 * template's own version and alias `live`, and the records its custom resource writes, let a run
 * start on it through the API and finish, as on a workflow activated through the API.
 */
import { startParityStack, type ParityStack } from '../../local/parity';

let stack: ParityStack;
const token = 'api_live.parity-workflows-as-code-0123456789';
beforeAll(async () => { stack = await startParityStack({ inMemory: true, apiToken: token }); }, 900_000);
afterAll(() => stack?.stop());

const call = async <T>(method: string, path: string, json?: unknown) => {
  const res = await fetch(`${stack.url}${path}`, {
    method, headers: { authorization: `Token token=${token}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
};

it('the stack publishes the machine\'s version and points live at it', () => {
  const name = stack.parity.template.stateMachines.find((m) => m.name.endsWith('--parity-approve'))!.name;
  const machine = stack.controlPlane.machine(`arn:aws:states:${stack.parity.template.region}:${stack.parity.template.account}:stateMachine:${name}`);
  expect(machine.versions.map((v) => v.version)).toEqual([1]);
  expect(machine.aliases.map((a) => [a.name, a.routingConfiguration])).toEqual([['live', [{ stateMachineVersionArn: `${machine.arn}:1`, weight: 100 }]]]);
});

it('lists the workflow with its active version, as the API writes them', async () => {
  const list = await call<{ workflows: Array<{ id: string; name: string }> }>('GET', '/v3.6/workflows');
  expect(list.body.workflows.map((w) => [w.id, w.name])).toContainEqual(['parity-approve', 'Parity: approve']);
  const version = await call<{ status: string; version: number; state_machine_version_arn: string }>('GET', '/v3.6/workflows/parity-approve/versions/1');
  expect(version.status).toBe(200);
  expect(version.body).toMatchObject({ version: 1, status: 'active', state_machine_version_arn: expect.stringMatching(/:stateMachine:studio-[a-z0-9-]+--parity-approve:1$/) });
}, 60_000);

it('a run starts on it and finishes', async () => {
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Ann', last_name: 'Lee' });
  expect(applicant.status).toBe(201);
  const run = await call<{ id: string }>('POST', '/v3.6/workflow_runs', { workflow_id: 'parity-approve', applicant_id: applicant.body.id });
  expect(run.status).toBe(201);
  await stack.flushExecutionEvents();
  const done = await call<{ status: string; workflow_version_id: number }>('GET', `/v3.6/workflow_runs/${run.body.id}`);
  expect(done.body).toMatchObject({ status: 'approved', workflow_version_id: 1 });
}, 120_000);

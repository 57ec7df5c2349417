/**
 * What an end user's SDK token may read of runs and tasks (issue 10, finding 2): the run's id,
 * status and link (without a credential), the waiting interactive task's type, name,
 * configuration and retry reasons; never outputs, reasons, tags, custom data, reports or
 * Send/Receive data (those tasks are a 404).
 */
import { startTestStack, type TestStack } from '../helpers/stack';
import { definitionTaskOf, e2e, type E2e, type Json, type TaskSummary } from '../e2e/helpers';
import { CAPTURE } from '../e2e/workflows';

let stack: TestStack;
let t: E2e;
let reported: string;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  reported = await t.workflow({
    name: 'Reported', start: 'doc', input: { custom: { tier: { type: 'string' } } }, output: { doc: { format: 'other' } },
    tasks: [
      { id: 'doc', type: 'document_capture', name: 'Your document', next: 'report' },
      { id: 'report', type: 'document_report', variant: 'standard', processing: 'auto', next: 'ask' },
      { id: 'ask', type: 'send_receive', task_def_id: 'risk', task_def_version: '1', next: 'approve',
        send: { tier: { format: 'string', source: 'input.custom.tier' } } },
      { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'], output: { doc: 'tasks.report.output' } },
    ],
  });
}, 120_000);
afterAll(() => stack.stop());

type ErrorBody = { error: { type: string; message: string; fields: Record<string, string[]> } };

it('an SDK token reads only the run\'s id, status and link (no credential, no sdk_token), before and after the end', async () => {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(reported, applicant, { custom_data: { tier: 'gold' }, tags: ['vip'], customer_user_id: 'cu-9' });
  await t.until(run.id, ['awaiting_input']);
  for (const token of [sdk, run.sdk_token ?? '']) {
    const seen = await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}`, undefined, token);
    expect(seen).toMatchObject({ status: 200 });
    expect(seen.body).toEqual({
      id: run.id, status: 'awaiting_input',
      link: { url: `${stack.url}/capture/${run.id}`, completed_redirect_url: null, expired_redirect_url: null, expires_at: null, language: null },
      workflow: { name: 'E2E', settings: null }, // the capture page's title and settings
    });
  }
  const task = await t.waitingTask(run.id, 'doc');
  const doc = await t.upload('documents', applicant, sdk, { type: 'passport' });
  expect((await t.complete(run.id, task.id, [{ id: doc }], sdk)).status).toBe(200);
  await t.until(run.id, ['awaiting_client_input']);
  const ask = await t.waitingTask(run.id, 'ask');
  expect((await t.complete(run.id, ask.id, {})).status).toBe(200);
  const end = await t.until(run.id, ['approved']);
  expect(end.output).toEqual({ doc: expect.objectContaining({ result: 'clear' }) }); // the integrator sees the output
  expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}`, undefined, sdk)).body).toEqual({
    id: run.id, status: 'approved', link: expect.objectContaining({ url: `${stack.url}/capture/${run.id}` }), workflow: { name: 'E2E', settings: null },
  });
});

it('an SDK token reads the capture settings of the run\'s workflow version (welcome, branding); bad settings are refused on save', async () => {
  const settings = { welcome: false, branding: { logo_url: 'https://example.com/logo.png', primary_colour: '#0a7d3b' } };
  const definition = { ...CAPTURE() as object, settings };
  const applicant = await t.applicant();
  const run = await t.startRun(await t.workflow(definition), applicant);
  const seen = await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}`, undefined, await t.sdkToken(applicant));
  expect(seen.body).toMatchObject({ workflow: { name: 'E2E', settings } });
  const wf = await t.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Bad colour' });
  const bad = await t.call<Json>('POST', `/v3.6/workflows/${wf.body.id}/versions`,
    { definition: { ...definition, settings: { branding: { primary_colour: 'green' } } } });
  expect(JSON.stringify(bad.body)).toContain('a colour is #RRGGBB');
});

it('an SDK token lists and finds only the waiting interactive task, with its type, name, configuration and retry reasons', async () => {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(reported, applicant, { custom_data: { tier: 'gold' } });
  await t.until(run.id, ['awaiting_input']);
  const [doc] = (await t.call<TaskSummary[]>('GET', `/v3.6/workflow_runs/${run.id}/tasks`, undefined, sdk)).body;
  expect(doc).toMatchObject({ task_def_id: 'document_capture', task_def_version: '1', workflow_run_id: run.id });
  expect(doc!.id).toMatch(/^doc_[0-9a-f]{10}$/);
  const found = await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${doc!.id}`, undefined, sdk);
  expect(found.status).toBe(200);
  expect(found.body).toEqual({
    id: doc!.id, workflow_run_id: run.id, task_def_id: 'document_capture', task_def_version: '1',
    created_at: expect.any(String), updated_at: expect.any(String),
    status: 'started', task_type: 'document_capture', name: 'Your document', completed_at: null,
    input: { task_type: 'document_capture', name: 'Your document', config: expect.any(Object), retry: null },
    deadline_at: expect.any(String),
  });
  // When the run stops waiting: the state's timeout (an end user's default, 7 days) after the state was entered, just before the task was recorded.
  const wait = Date.parse(found.body.deadline_at as string) - Date.parse(found.body.created_at as string);
  expect(wait).toBeLessThanOrEqual(7 * 86_400_000);
  expect(wait).toBeGreaterThan(7 * 86_400_000 - 5000);
  const upload = await t.upload('documents', applicant, sdk, { type: 'passport' });
  expect((await t.complete(run.id, doc!.id, [{ id: upload }], sdk)).status).toBe(200);
  await t.until(run.id, ['awaiting_client_input']);

  // The integrator sees the completed capture, the report with its breakdown and the data sent to it.
  const all = await t.tasks(run.id);
  // Integrators tell tasks apart by type (Send/Receive: its configured id); the task ids still name the definition's tasks.
  expect(all.map((x) => [x.task_def_id, x.task_def_version])).toEqual([['document_capture', '1'], ['document_report', '2'], ['risk', '1']]);
  // The extensions (Onfido's clients ignore them): where each task stands, its type and name.
  expect(all.map((x) => [x.status, x.task_type, x.name])).toEqual([
    ['completed', 'document_capture', 'Your document'], ['completed', 'document_report', 'Document Report'], ['started', 'send_receive', 'Send/Receive Data']]);
  expect(all.map((x) => definitionTaskOf(x.id))).toEqual(['doc', 'report', 'ask']);
  const report = await t.call<{ output: Json }>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${all[1]!.id}`);
  expect(report.body.output).toMatchObject({ result: 'clear', breakdown: expect.any(Object) });
  expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${all[2]!.id}`)).body).toMatchObject({ input: { tier: 'gold' } });

  // The end user sees none of them: not in the list, and each one is a 404.
  expect((await t.call('GET', `/v3.6/workflow_runs/${run.id}/tasks`, undefined, sdk)).body).toEqual([]);
  for (const task of all) {
    const res = await t.call<ErrorBody>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}`, undefined, sdk);
    expect(res).toMatchObject({ status: 404, body: { error: { type: 'resource_not_found', message: `Could not find the following resource: Task with id=${task.id}` } } });
  }
});

it('shows retry reasons and attempts of a capture the workflow sent back, and nothing of the report behind them', async () => {
  const { document_autofill_retry: retry } = Object.fromEntries((await t.call<{ workflow_templates: Array<{ name: string; definition: Json }> }>(
    'GET', '/v3.6/workflow_templates')).body.workflow_templates.map((x) => [x.name, x.definition]));
  const applicant = await t.applicant({ last_name: 'Consider' });
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(await t.workflow(retry), applicant);
  await t.until(run.id, ['awaiting_input']);
  const first = (await t.call<TaskSummary[]>('GET', `/v3.6/workflow_runs/${run.id}/tasks`, undefined, sdk)).body[0]!;
  const upload = await t.upload('documents', applicant, sdk, { type: 'passport' });
  expect((await t.complete(run.id, first.id, [{ id: upload }], sdk)).status).toBe(200);
  let again: TaskSummary | undefined;
  for (let i = 0; i < 200 && !again; i++) {
    await stack.engine.idle();
    again = (await t.call<TaskSummary[]>('GET', `/v3.6/workflow_runs/${run.id}/tasks`, undefined, sdk)).body[0];
  }
  expect(again?.id).not.toBe(first.id);
  const listed = (await t.call<TaskSummary[]>('GET', `/v3.6/workflow_runs/${run.id}/tasks`, undefined, sdk)).body;
  expect(listed.map((x) => x.id)).toEqual([again!.id]); // neither the first capture nor the report
  const found = await t.call<{ input: Json }>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${again!.id}`, undefined, sdk);
  expect(found.body.input).toEqual({
    task_type: 'document_capture', config: expect.any(Object),
    retry: { reasons: ['expired_document'], attempt: 1, max_retries: 2 },
  });
  expect(Object.keys(found.body)).not.toContain('output');
});

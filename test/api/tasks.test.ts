/** Tasks of runs on the local stack: list/find shapes, who may complete what, data checks, exactly-once completion, dead tokens, events. */
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { findEvents } from '../../lambdas/events';
import { clients } from '../../lambdas/shared/aws';
import { getRun } from '../../lambdas/store/runs';
import { getTask, listTasks } from '../../lambdas/store/tasks';
import { createTaskHandler } from '../../lambdas/tasks/handler';
import { startTestStack, type TestStack } from '../helpers/stack';
import { e2e, type E2e, type Json } from '../e2e/helpers';
import { ASK, CAPTURE } from '../e2e/workflows';

let stack: TestStack;
let t: E2e;
let ask: string;
let capture: string;
beforeAll(async () => {
  stack = await startTestStack();
  t = e2e(stack);
  ask = await t.workflow(ASK);
  capture = await t.workflow(CAPTURE());
}, 120_000);
afterAll(() => stack.stop());

type ErrorBody = { error: { type: string; fields: Record<string, string[]> } };

async function askRun() {
  const run = await t.startRun(ask, await t.applicant(), { custom_data: { tier: 'gold' } });
  await t.until(run.id, ['awaiting_client_input']);
  return { run, task: await t.waitingTask(run.id, 'ask') };
}
async function captureRun() {
  const applicant = await t.applicant();
  const sdk = await t.sdkToken(applicant);
  const run = await t.startRun(capture, applicant);
  await t.until(run.id, ['awaiting_input']);
  return { run, applicant, sdk, task: await t.waitingTask(run.id, 'doc') };
}

describe('list and find', () => {
  it('lists started tasks with the summary fields and finds one with input and output', async () => {
    const { run, task } = await askRun();
    const list = await t.call<Json[]>('GET', `/v3.6/workflow_runs/${run.id}/tasks`);
    const summary = { id: task.id, workflow_run_id: run.id, task_def_id: 'risk', task_def_version: '2', created_at: expect.any(String), updated_at: expect.any(String) };
    // Extensions: status, task_type, name, completed_at.
    expect(list.body).toEqual([{ ...summary, status: 'started', task_type: 'send_receive', name: 'Send/Receive Data', completed_at: null }]);
    expect(task.id).toMatch(/^ask_[0-9a-f]{10}$/);
    const found = await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}`);
    expect(found.body).toMatchObject({ id: task.id, input: { tier: 'gold' }, output: null });
    expect((await t.complete(run.id, task.id, { score: 42, note: 'ok' })).status).toBe(200);
    await t.until(run.id, ['approved']);
    expect((await t.call<Json>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}`)).body).toMatchObject({ output: { score: 42, note: 'ok' } });
    const [done] = (await t.call<Json[]>('GET', `/v3.6/workflow_runs/${run.id}/tasks`)).body;
    expect(done).toMatchObject({ status: 'completed', completed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await t.run(run.id)).output).toEqual({ score: 42 });
    expect((await t.call<ErrorBody>('GET', `/v3.6/workflow_runs/${run.id}/tasks/nope`)).status).toBe(404);
    expect((await findEvents(run.id, 'workflow_task.started')).map((e) => e.event.detail)).toEqual([expect.objectContaining({ task_id: task.id, task_def_id: 'risk' })]);
    expect((await findEvents(run.id, 'workflow_task.completed')).map((e) => e.event.detail)).toEqual([expect.objectContaining({ task_id: task.id, output: { score: 42, note: 'ok' } })]);
  });
});

describe('complete', () => {
  it('refuses data that breaks the receive schema (422 naming each field); the task keeps waiting', async () => {
    const { run, task } = await askRun();
    const res = await t.complete(run.id, task.id, { note: 7, extra: true });
    expect(res.status).toBe(422);
    expect(Object.keys((res.body as ErrorBody).error.fields).sort()).toEqual(['data.extra', 'data.note', 'data.score']);
    expect((await t.complete(run.id, task.id, [1, 2])).status).toBe(422);
    expect((await t.run(run.id)).status).toBe('awaiting_client_input');
    expect((await getTask(run.id, task.id))?.status).toBe('waiting');
  });

  it('refuses data over 64 KiB with a 413 before anything is written (it could be neither stored nor handed to Step Functions)', async () => {
    const { run, task } = await askRun();
    const res = await t.complete(run.id, task.id, { score: 1, note: 'x'.repeat(500_000) });
    expect([res.status, (res.body as ErrorBody).error.type]).toEqual([413, 'payload_too_large']);
    expect((await getTask(run.id, task.id))?.status).toBe('waiting');
    expect((await t.complete(run.id, task.id, { score: 1, note: 'x'.repeat(60_000) })).status).toBe(200);
  });

  it('accepts exactly one of 20 concurrent completions (one 200, nineteen 409)', async () => {
    const { run, task } = await askRun();
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => t.complete(run.id, task.id, { score: i })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
    // Each refusal names the task's status: a client that sent again knows its completion was taken (capture page: flow.ts).
    for (const r of replies.filter((x) => x.status === 409)) expect((r.body as { error: { fields: unknown } }).error.fields).toEqual({ status: ['completed'] });
    const winner = replies.findIndex((r) => r.status === 200);
    expect(await t.until(run.id, ['approved'])).toMatchObject({ output: { score: winner } });
    expect((await findEvents(run.id, 'workflow_task.completed'))).toHaveLength(1);
  });

  it('lets API tokens complete Send/Receive tasks and SDK tokens of the run\'s applicant complete captures', async () => {
    const { run, applicant, sdk, task } = await captureRun();
    const doc = await t.upload('documents', applicant, sdk, { type: 'driving_licence', side: 'front', issuing_country: 'USA' });
    expect((await t.complete(run.id, task.id, [{ id: doc }])).status).toBe(403);
    const stranger = await t.sdkToken(await t.applicant());
    expect((await t.complete(run.id, task.id, [{ id: doc }], stranger)).status).toBe(404);
    const askCase = await askRun();
    expect((await t.complete(askCase.run.id, askCase.task.id, { score: 1 }, await t.sdkToken(askCase.run.applicant_id as string))).status).toBe(403);
    expect((await t.complete(run.id, task.id, [{ id: doc }], sdk)).status).toBe(200);
    expect(await t.until(run.id, ['approved'])).toMatchObject({ status: 'approved' });
    expect((await getTask(run.id, task.id))?.output).toEqual([{ id: doc, type: 'driving_licence', side: 'front', issuing_country: 'USA' }]);
  });

  it('refuses capture data naming uploads of another applicant or kind, or nothing (422)', async () => {
    const { run, sdk, task } = await captureRun();
    const other = await t.applicant();
    const foreign = await t.upload('documents', other, await t.sdkToken(other), { type: 'passport' });
    const photo = await t.upload('live_photos', run.applicant_id as string, sdk);
    for (const data of [[{ id: foreign }], [{ id: photo }], [], { id: photo }]) {
      const res = await t.complete(run.id, task.id, data, sdk);
      expect(res.status).toBe(422);
    }
    expect((await t.run(run.id)).status).toBe('awaiting_input');
  });

  it('answers 422 and marks the task timed_out when Step Functions no longer knows the token', async () => {
    const { run, task } = await askRun();
    const arn = (await getRun(run.id))?.execution_arn;
    await clients().sfn.send(new StopExecutionCommand({ executionArn: arn }));
    const res = await t.complete(run.id, task.id, { score: 3 });
    expect(res.status).toBe(422);
    expect((await getTask(run.id, task.id))?.status).toBe('timed_out');
    const again = await t.complete(run.id, task.id, { score: 3 });
    expect([again.status, (again.body as { error: { fields: unknown } }).error.fields]).toEqual([409, { status: ['timed_out'] }]);
  });
});

describe('task function', () => {
  it('is idempotent when Step Functions retries the invoke: one task, one started event', async () => {
    const { run, task } = await askRun();
    const stored = await getTask(run.id, task.id);
    const again = createTaskHandler();
    const payload = {
      kind: 'send_receive', task_id: 'ask', task_type: 'send_receive', task_version: 1,
      config: stored?.config, run: { workflow_run_id: run.id, applicant_id: run.applicant_id, sandbox: true }, token: stored?.token, send: { tier: 'gold' },
    };
    expect(await again(payload)).toEqual({ task_id: task.id });
    expect(await again(payload)).toEqual({ task_id: task.id });
    expect((await listTasks(run.id)).map((x) => x.id)).toEqual([task.id]);
    expect(await findEvents(run.id, 'workflow_task.started')).toHaveLength(1);
    await expect(again({ kind: 'send_receive' })).rejects.toMatchObject({ name: 'InvalidTaskRequest' });
  });
});

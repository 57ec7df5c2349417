/**
 * The funnel reads an ended run's tasks from the summary its end left on the run item, not by a
 * Query of the run's partition: the Queries of task records made by GET /v3.6/studio/funnel are
 * counted (one per run before), and the figures are those the task records give.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { funnelOf } from '../../lambdas/results/funnel';
import { definedTasks } from '../../lambdas/results/route';
import { clients } from '../../lambdas/shared/aws';
import { getRun, type RunItem } from '../../lambdas/store/runs';
import { keys } from '../../lambdas/store/table';
import { listTasks } from '../../lambdas/store/tasks';
import { e2e, type E2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { eventually } from '../webhooks/helpers';
import { SCREEN } from './results-workflows';

let stack: TestStack;
let t: E2e;
beforeAll(async () => { stack = await startTestStack(); t = e2e(stack); }, 120_000);
afterAll(() => stack.stop());

it('counts ended runs from their task summaries: no Query per run, the same figures', async () => {
  const wf = await t.workflow(SCREEN);
  const ids: string[] = [];
  for (const last of ['Consider', 'Clear', 'Clear', 'Consider', 'Clear']) ids.push((await t.startRun(wf, await t.applicant({ first_name: 'Fay', last_name: last }))).id);
  for (const id of ids) await t.until(id, ['review', 'approved']);
  const summarized = async (id: string) => (await clients().doc.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: keys.run(id), ConsistentRead: true }))).Item?.task_summary !== undefined;
  for (const id of ids) await eventually(() => summarized(id), 30_000);

  const doc = clients().doc;
  const send = doc.send.bind(doc);
  let partitionQueries = 0;
  jest.spyOn(doc, 'send').mockImplementation(((command: unknown) => {
    const pk = command instanceof QueryCommand && !command.input.IndexName ? command.input.ExpressionAttributeValues?.[':pk'] : undefined;
    if (typeof pk === 'string' && ids.some((id) => pk === keys.run(id).pk)) partitionQueries++;
    return send(command as never);
  }) as never);
  const res = await t.call<{ started: number; tasks: unknown[]; outcomes: Record<string, number> }>('GET', `/v3.6/studio/funnel?workflow_id=${wf}&version=1`);
  jest.restoreAllMocks();
  expect(res.status).toBe(200);
  expect(partitionQueries).toBe(0);
  expect(res.body).toMatchObject({ started: 5, outcomes: { review: 2, approved: 3 } });

  // The figures the task records themselves give.
  const runs = await Promise.all(ids.map(async (id) => ({ run: (await getRun(id)) as RunItem, tasks: await listTasks(id) })));
  const fromRecords = funnelOf(wf, 1, definedTasks(SCREEN), runs);
  expect(res.body.tasks).toEqual(fromRecords.tasks);
  expect(fromRecords.tasks.length).toBeGreaterThan(0);
}, 180_000);

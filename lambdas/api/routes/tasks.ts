/**
 * Tasks of a workflow run (Onfido v3.6): list, find, complete. The capture client (SDK token)
 * completes interactive tasks, the integrator (API token) Send/Receive tasks. An SDK token
 * lists and finds only the waiting interactive tasks (others are a 404), without outputs. A Motion
 * task on a device that cannot run Motion completes with `[]` and the device's reasons beside it.
 */
import { notFound } from '../../shared/errors';
import { getTask, listTasks } from '../../store/tasks';
import { completeTask, CompleteTaskBody } from '../../tasks/complete';
import { checkReasonsBeside, MotionReasons } from '../../tasks/motion';
import { captureTaskView, taskSummary, taskView, visibleToEndUser } from '../../tasks/view';
import { json, type Request } from '../http';
import type { Router } from '../router';
import { parseJsonBody } from '../validate';
import { runFor, visibleRun } from './workflow-runs';

/** Started or completed tasks; reports are tasks too. */
async function list(req: Request) {
  const run = await runFor(req.caller, req.params.id ?? '');
  const tasks = await listTasks(run.id);
  return json(200, (req.caller.kind === 'sdk' ? tasks.filter(visibleToEndUser) : tasks).map(taskSummary));
}

async function find(req: Request) {
  const run = await runFor(req.caller, req.params.id ?? '');
  const task = await getTask(run.id, req.params.task_id ?? '');
  if (!task || (req.caller.kind === 'sdk' && !visibleToEndUser(task))) throw notFound('Task', req.params.task_id ?? '');
  return json(200, req.caller.kind === 'sdk' ? captureTaskView(task) : taskView(task));
}

/** A Motion task on a device that cannot run Motion: `{ "data": [], "motion_unsupported": { "reasons": [...] } }`. */
const CompletionBody = CompleteTaskBody.extend({ motion_unsupported: MotionReasons.optional() });

async function complete(req: Request) {
  const id = req.params.id ?? '';
  await completeTask(req.caller, id, req.params.task_id ?? '', (run) => visibleRun(req.caller, id, run), () => {
    const body = parseJsonBody(CompletionBody, req.body);
    checkReasonsBeside(body.data, body.motion_unsupported);
    // The reasons beside an empty data go to the check as the form that holds them (tasks/motion.ts).
    return body.motion_unsupported ? { motion_unsupported: body.motion_unsupported } : body.data;
  });
  return json(200, {});
}

export function addTaskRoutes(router: Router): void {
  router.add('GET', '/v3.6/workflow_runs/{id}/tasks', 'api_or_sdk', list);
  router.add('GET', '/v3.6/workflow_runs/{id}/tasks/{task_id}', 'api_or_sdk', find);
  router.add('POST', '/v3.6/workflow_runs/{id}/tasks/{task_id}/complete', 'api_or_sdk', complete);
}

/**
 * Integration helpers for runs and tasks on the local stack: workflows from definitions
 * (saved + activated through the API), applicants, uploads, SDK tokens, and waiting for a run
 * by bounded polling of the real server (the engine runs executions in process).
 */
import sharp from 'sharp';
import type { TestStack } from '../helpers/stack';

export type Json = Record<string, unknown>;
export interface Run extends Json { id: string; status: string; created_at: string; workflow_version_id: number; sdk_token: string | null; reasons: unknown[]; output: unknown }
/** The definition's task id a run's task id names (`<task id>_<10 hex>`). */
export const definitionTaskOf = (id: string) => id.replace(/_[0-9a-f]{10}$/, '');
export interface TaskSummary { id: string; task_def_id: string; task_def_version: string | null; workflow_run_id: string; created_at: string; status?: string; task_type?: string; name?: string }

export function e2e(stack: TestStack) {
  const call = <T = Json>(method: string, path: string, json?: unknown, sdkToken?: string) =>
    stack.apiJson<T>(path, { method, ...(json !== undefined ? { json } : {}), ...(sdkToken ? { sdkToken } : {}) });

  async function workflow(definition: unknown): Promise<string> {
    const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'E2E' });
    expect(wf.status).toBe(201);
    await newVersion(wf.body.id, definition);
    return wf.body.id;
  }
  /** Saves and activates a new version; returns its number. */
  async function newVersion(workflowId: string, definition: unknown): Promise<number> {
    const saved = await call<{ version: number; problems?: unknown }>('POST', `/v3.6/workflows/${workflowId}/versions`, { definition });
    expect(saved.status).toBe(201);
    const active = await call('POST', `/v3.6/workflows/${workflowId}/versions/${saved.body.version}/activate`);
    expect(active.status).toBe(200);
    return saved.body.version;
  }
  async function applicant(fields: Json = {}): Promise<string> {
    const res = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31', ...fields });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  async function sdkToken(applicantId: string): Promise<string> {
    const res = await call<{ token: string }>('POST', '/v3.6/sdk_token', { applicant_id: applicantId });
    expect(res.status).toBe(200);
    return res.body.token;
  }
  /** Uploads a small JPEG (or `file`, e.g. a video for motion captures) as the capture client does. */
  async function upload(kind: 'documents' | 'live_photos' | 'live_videos' | 'motion_captures', applicantId: string, token: string,
    fields: Record<string, string> = {}, file?: { bytes: Buffer; name: string; type: string }): Promise<string> {
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 200 } } }).jpeg().toBuffer();
    const { bytes, name, type } = file ?? { bytes: image, name: 'capture.jpg', type: 'image/jpeg' };
    const form = new FormData();
    form.append('applicant_id', applicantId);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await stack.api(`/v3.6/${kind}`, { method: 'POST', body: form, sdkToken: token });
    const body = (await res.json()) as { id: string };
    expect(res.status).toBe(201);
    return body.id;
  }
  const run = async (id: string) => (await call<Run>('GET', `/v3.6/workflow_runs/${id}`)).body;
  const tasks = async (id: string) => (await call<TaskSummary[]>('GET', `/v3.6/workflow_runs/${id}/tasks`)).body;
  async function startRun(workflowId: string, applicantId: string, extra: Json = {}): Promise<Run> {
    const res = await call<Run>('POST', '/v3.6/workflow_runs', { workflow_id: workflowId, applicant_id: applicantId, ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }
  /** Waits (bounded) until the run's status is one of `statuses`. */
  async function until(id: string, statuses: string[], attempts = 200): Promise<Run> {
    let last: Run | undefined;
    for (let i = 0; i < attempts; i++) {
      await stack.engine.idle();
      last = await run(id);
      if (statuses.includes(last.status)) return last;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`run ${id} stayed ${last?.status}, expected ${statuses.join(' or ')}`);
  }
  /** The task of the run started by the definition's task `taskId` (the newest one). */
  async function waitingTask(runId: string, taskId: string): Promise<TaskSummary> {
    const list = (await tasks(runId)).filter((t) => definitionTaskOf(t.id) === taskId);
    const task = list[list.length - 1];
    if (!task) throw new Error(`run ${runId} has no task ${taskId}`);
    return task;
  }
  const complete = (runId: string, taskId: string, data: unknown, sdk?: string) =>
    call('POST', `/v3.6/workflow_runs/${runId}/tasks/${taskId}/complete`, { data }, sdk);
  return { call, workflow, newVersion, applicant, sdkToken, upload, run, tasks, startRun, until, waitingTask, complete };
}
export type E2e = ReturnType<typeof e2e>;

/**
 * `studio demo` (`npm run demo`, against a running `npm start`): an integrator and an end user
 * in one script. Activates the demo workflow, creates an applicant and a run, plays the end user
 * with fixture media through the API (SDK token), answers the Send/Receive task as the
 * integrator's system would, prints each status change and the final run.
 */
import { z } from 'zod';
import { client, runningStack, type Client } from '../local/stack/client';
import { DEMO_DEFINITION, DEMO_WORKFLOW_NAME } from '../local/stack/demo-workflow';

const Run = z.object({ id: z.string(), status: z.string(), sdk_token: z.string().nullable().optional() }).passthrough();
const Task = z.object({ id: z.string(), task_def_id: z.string() });
/** A task's `task_def_id` is its type, or a Send/Receive task's configured id. */
const SEND_RECEIVE_IDS = new Set<string>(DEMO_DEFINITION.tasks.flatMap((t) => t.type === 'send_receive' ? [t.task_def_id] : []));
const ENDED = new Set(['approved', 'review', 'declined', 'abandoned', 'error']);

export async function demo(args: string[], log: (line: string) => void = (l) => console.log(l)): Promise<number> {
  if (args.length) { console.error('usage: studio demo   (STUDIO_URL or PORT, STUDIO_API_TOKEN: the running npm start)'); return 2; }
  const { url, apiToken } = runningStack();
  const api = client(url, apiToken);
  await api.call('GET', '/v3.6/ping').catch((e: unknown) => { throw new Error(`nothing answers on ${url} (run npm start first): ${(e as Error).message}`); });
  const workflowId = await activeDemoWorkflow(api, log);
  const applicant = await api.call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-01', email: 'jane@example.com' });
  log(`applicant ${applicant.id} (Jane Doe)`);
  let run = Run.parse(await api.call('POST', '/v3.6/workflow_runs', { workflow_id: workflowId, applicant_id: applicant.id, tags: ['demo'] }));
  log(`run ${run.id}: ${run.status}`);
  const sdkToken = run.sdk_token ?? (await api.call<{ token: string }>('POST', '/v3.6/sdk_token', { applicant_id: applicant.id })).token;
  const done = new Set<string>();
  const deadline = Date.now() + 120_000;
  while (!ENDED.has(run.status)) {
    if (Date.now() > deadline) { log(`run ${run.id} still ${run.status} after 120 s; giving up`); return 1; }
    const tasks = z.array(Task).parse(await api.call('GET', `/v3.6/workflow_runs/${run.id}/tasks`));
    for (const t of tasks.filter((x) => !done.has(x.id))) {
      const detail = await api.call<{ output: unknown }>('GET', `/v3.6/workflow_runs/${run.id}/tasks/${t.id}`);
      if (detail.output !== null) { done.add(t.id); continue; }
      if (await playTask(api, run.id, applicant.id, t, sdkToken, log)) done.add(t.id);
    }
    await new Promise((r) => setTimeout(r, 250));
    const next = Run.parse(await api.call('GET', `/v3.6/workflow_runs/${run.id}`));
    if (next.status !== run.status) log(`run ${run.id}: ${run.status} → ${next.status}`);
    run = next;
  }
  log(`\nfinal run:\n${JSON.stringify({ ...run, sdk_token: run.sdk_token ? '…' : null }, null, 2)}`);
  return 0;
}

/** Completes a waiting task the way its actor would; false when this task is not one the demo plays. */
async function playTask(api: Client, runId: string, applicantId: string, t: z.infer<typeof Task>, sdkToken: string, log: (l: string) => void): Promise<boolean> {
  const type = SEND_RECEIVE_IDS.has(t.task_def_id) ? 'send_receive' : t.task_def_id;
  const complete = (data: unknown, sdk?: string) => api.call('POST', `/v3.6/workflow_runs/${runId}/tasks/${t.id}/complete`, { data }, sdk ? { sdkToken: sdk } : {});
  if (type === 'document_capture') {
    const doc = await documentImage();
    const uploaded = await api.upload<{ id: string }>('/v3.6/documents', { type: 'passport', applicant_id: applicantId }, { bytes: doc, name: 'passport.png', type: 'image/png' }, sdkToken);
    await complete([{ id: uploaded.id }], sdkToken);
    log(`  end user: uploaded passport ${uploaded.id}, completed ${t.task_def_id}`);
  } else if (type === 'face_capture_photo') {
    const { original } = await import('../fixtures/faces/variants');
    const photo = await api.upload<{ id: string }>('/v3.6/live_photos', { applicant_id: applicantId }, { bytes: original('astronaut'), name: 'selfie.png', type: 'image/png' }, sdkToken);
    await complete([{ id: photo.id }], sdkToken);
    log(`  end user: uploaded selfie ${photo.id}, completed ${t.task_def_id}`);
  } else if (type === 'send_receive') {
    await complete({ score: 30 });
    log(`  integrator: answered ${t.task_def_id} with score 30`);
  } else return false;
  return true;
}

async function documentImage(): Promise<Buffer> {
  const { makeDocument } = await import('../lambdas/reports/fixtures/documents');
  const doc = await makeDocument('valid', 'passport');
  return doc.images[0]!.bytes;
}

/** The demo workflow, created and activated on first use. */
async function activeDemoWorkflow(api: Client, log: (l: string) => void): Promise<string> {
  const list = z.object({ workflows: z.array(z.object({ id: z.string(), name: z.string(), active_version: z.unknown() })) }).parse(await api.call('GET', '/v3.6/workflows'));
  const found = list.workflows.find((w) => w.name === DEMO_WORKFLOW_NAME);
  if (found?.active_version) { log(`workflow ${found.id} (${DEMO_WORKFLOW_NAME}), version ${String(found.active_version)} active`); return found.id; }
  const id = found?.id ?? (await api.call<{ id: string }>('POST', '/v3.6/workflows', { name: DEMO_WORKFLOW_NAME, description: DEMO_DEFINITION.description })).id;
  const version = await api.call<{ version: number; problems: unknown[] }>('POST', `/v3.6/workflows/${id}/versions`, { definition: DEMO_DEFINITION, notes: 'npm run demo' });
  if (version.problems.length) throw new Error(`the demo workflow has problems: ${JSON.stringify(version.problems)}`);
  await api.call('POST', `/v3.6/workflows/${id}/versions/${version.version}/activate`);
  log(`workflow ${id} (${DEMO_WORKFLOW_NAME}): version ${version.version} saved and activated`);
  return id;
}

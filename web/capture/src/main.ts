/**
 * Smart Capture: `/capture/<run id>#link=<link token>`. Opens a capture session with the link
 * token (renewed before it expires, see api.ts), shows the run's waiting interactive task,
 * uploads what the end user captures, completes the task, then polls for the next task or the
 * end of the run. The link token is read from the fragment (never sent to a server in a URL)
 * and kept in sessionStorage so a reload works after it is removed from the address bar.
 */
import { Api, ApiError, type RetryReason, type Run, type Task } from './api';
import { FORMS } from './forms';
import { h } from './dom';

const ENDED = new Set(['approved', 'review', 'declined', 'abandoned', 'error']);
const CAPTURE_TYPES = new Set(['document_capture', 'face_capture_photo', 'face_capture_video', 'face_capture_motion', 'profile_data_capture', 'proof_of_address_capture']);
const REASONS: Record<string, string> = {
  expired_document: 'The document you sent has expired. Please capture a valid document that has not expired.',
  document_expired: 'The document you sent has expired. Please capture a valid document that has not expired.',
  blurry_image: 'The image was blurry. Please hold still and capture it again in focus.',
  glare: 'There was glare on the document. Please avoid reflections and capture it again.',
  cropped_document: 'Part of the document was cut off. Please make sure all four corners are visible.',
  unsupported_document: 'This document type is not accepted. Please use another document.',
  face_not_detected: 'We could not see your face. Please take the photo again facing the camera.',
};

const app = document.getElementById('app')!;
const settled = new Set<string>(); // tasks known not to wait for the end user (reports, completed, non-capture)

function readLink(runId: string): string | undefined {
  const key = `capture-link:${runId}`;
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('link') ?? undefined;
  try {
    if (fromHash) {
      sessionStorage.setItem(key, fromHash);
      history.replaceState(null, '', location.pathname + location.search);
    }
    return fromHash ?? sessionStorage.getItem(key) ?? undefined;
  } catch {
    return fromHash;
  }
}

function show(...children: Node[]) {
  app.replaceChildren(h('h1', {}, 'Identity verification'), ...children);
}

function showError(message: string, details: string[] = []) {
  show(h('div', { class: 'error', role: 'alert' }, h('p', {}, message), ...(details.length ? [h('ul', {}, ...details.map((d) => h('li', {}, d)))] : [])));
}

export function reasonText(reason: RetryReason): { title: string; description?: string } {
  if (typeof reason !== 'string') return { title: reason.title, description: reason.description };
  return { title: REASONS[reason] ?? `${reason.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())}. Please try again.` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The oldest waiting capture task of the run, if any. */
async function waitingTask(api: Api, runId: string): Promise<Task | undefined> {
  const list = await api.tasks(runId);
  for (const summary of list) {
    if (settled.has(summary.id)) continue;
    // Only waiting capture tasks are shown to the end user: a 404 means it stopped waiting meanwhile.
    const task = await api.task(runId, summary.id).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    });
    const type = task?.input?.task_type;
    if (!task || !type || !CAPTURE_TYPES.has(type)) { settled.add(summary.id); continue; }
    return task;
  }
  return undefined;
}

async function loop(api: Api, runId: string, applicantId: string): Promise<void> {
  let delay = 500;
  for (;;) {
    const run: Run = await api.run(runId);
    if (ENDED.has(run.status)) {
      show(h('div', { class: 'done' }, h('h2', { tabindex: '-1' }, 'Thank you'), h('p', {}, 'You have finished. You can close this page now.')));
      (app.querySelector('h2') as HTMLElement | null)?.focus();
      return;
    }
    const task = run.status === 'awaiting_input' ? await waitingTask(api, runId) : undefined;
    if (task) {
      await capture(api, run, task, applicantId);
      delay = 500;
      continue;
    }
    if (!app.querySelector('.status')) show(h('p', { class: 'status', role: 'status' }, 'Please wait while we check your details…'));
    await sleep(delay);
    delay = Math.min(delay * 1.5, 3000);
  }
}

/** Renders the task's form; resolves once the task has been completed. */
function capture(api: Api, run: Run, task: Task, applicantId: string): Promise<void> {
  const input = task.input ?? {};
  const type = input.task_type ?? '';
  const spec = FORMS[type]!;
  const config = input.config ?? {};
  return new Promise((resolve) => {
    const problem = h('div', { class: 'error', role: 'alert', hidden: '' });
    const submit = h('button', { type: 'submit' }, spec.submit) as HTMLButtonElement;
    const form = h('form', { novalidate: '', 'data-task': task.id, 'aria-label': spec.title }) as HTMLFormElement;
    const body = spec.render(config);
    const retry = input.retry?.reasons?.length
      ? [h('div', { class: 'retry', role: 'alert' },
        h('p', {}, h('strong', {}, 'Please try again'),
          ...(input.retry.max_retries ? [` (attempt ${input.retry.attempt + 1} of ${input.retry.max_retries + 1})`] : [])),
        h('ul', {}, ...input.retry.reasons.map((r) => {
          const { title, description } = reasonText(r);
          return h('li', {}, title, ...(description ? [h('br'), description] : []));
        })))]
      : [];
    form.append(...retry, ...body.nodes, problem, submit);
    for (const extra of body.extraButtons ?? []) {
      const b = h('button', { type: 'button', class: 'secondary' }, extra.label) as HTMLButtonElement;
      b.addEventListener('click', () => void send(() => Promise.resolve(extra.data)));
      form.append(b);
    }
    show(h('h2', {}, input.name && !/^[a-z_]+$/.test(input.name) ? input.name : spec.title), form);

    let busy = false;
    async function send(collect: () => Promise<unknown>) {
      if (busy) return;
      busy = true;
      problem.hidden = true;
      for (const b of form.querySelectorAll('button')) b.disabled = true;
      submit.textContent = 'Sending…';
      try {
        const data = await collect();
        await api.complete(run.id, task.id, data);
        settled.add(task.id);
        show(h('p', { class: 'status', role: 'status' }, 'Please wait while we check your details…'));
        resolve();
      } catch (e) {
        const details = e instanceof ApiError ? e.details() : [];
        problem.replaceChildren(h('p', {}, e instanceof Error ? e.message : String(e)), ...(details.length ? [h('ul', {}, ...details.map((d) => h('li', {}, d)))] : []));
        problem.hidden = false;
        for (const b of form.querySelectorAll('button')) b.disabled = false;
        submit.textContent = spec.submit;
        busy = false;
        if (e instanceof ApiError && e.status === 409) resolve(); // completed elsewhere: move on
      }
    }
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void send(() => body.collect(api, applicantId));
    });
  });
}

async function main() {
  const match = /^\/capture\/([^/]+)\/?$/.exec(location.pathname);
  const runId = match ? decodeURIComponent(match[1]!) : undefined;
  if (!runId) return showError('This link is not complete. Please open the link you were sent again.');
  const link = readLink(runId);
  if (!link) return showError('This link has no access token. Please open the full link you were sent again.');
  const api = new Api(link);
  try {
    await loop(api, runId, (await api.open()).applicant_id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showError(e.message);
    if (e instanceof ApiError && e.status === 404) return showError('This verification could not be found. Please check the link you were sent.');
    showError(e instanceof Error ? e.message : String(e), e instanceof ApiError ? e.details() : []);
  }
}

void main();

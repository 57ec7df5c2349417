/**
 * The run as the page follows it: one `next()` reads the run and answers what to show (its
 * waiting capture task, a waiting screen, the end). Tasks that do not wait for the end user
 * (reports, completed, non-capture) are remembered and skipped.
 */
import { Api, ApiError, type Run, type RunLink, type Task } from './api';
import { Completion } from './steps/types';

const ENDED = new Set(['approved', 'review', 'declined', 'abandoned', 'error']);
export const CAPTURE_TYPES = new Set(['document_capture', 'face_capture_photo', 'face_capture_video', 'face_capture_motion', 'profile_data_capture', 'proof_of_address_capture']);

export type View =
  | { kind: 'loading' }
  | { kind: 'task'; task: Task }
  | { kind: 'waiting' }
  | { kind: 'done'; already: boolean }
  | { kind: 'expired'; redirect?: string };

export class Flow {
  readonly settled = new Set<string>();
  completedHere = false;
  /** Tasks whose completion this page has sent (an answer may have been lost on the way back). */
  private readonly attempted = new Set<string>();
  run: Run | undefined;
  applicantId = '';

  constructor(readonly api: Api, readonly runId: string, private readonly storage: Storage | undefined) {}

  /** The run's link as last seen (its redirect URLs are needed after the link stops opening sessions). */
  get link(): RunLink | undefined {
    if (this.run?.link) return this.run.link;
    try { return JSON.parse(this.storage?.getItem(`capture-run-link:${this.runId}`) ?? 'null') as RunLink | undefined ?? undefined; } catch { return undefined; }
  }

  async next(): Promise<View> {
    let run: Run;
    try {
      if (!this.applicantId) this.applicantId = (await this.api.open()).applicant_id;
      run = await this.api.run(this.runId);
    } catch (e) {
      // The link no longer opens sessions: it expired, or the run ended (perhaps on another device).
      if (e instanceof ApiError && e.status === 401) {
        return e.type === 'run_ended' ? { kind: 'done', already: !this.completedHere } : { kind: 'expired', redirect: e.expiredRedirectUrl };
      }
      throw e;
    }
    this.run = run;
    try { if (run.link) this.storage?.setItem(`capture-run-link:${this.runId}`, JSON.stringify(run.link)); } catch { /* storage refused: redirects need this read only */ }
    if (ENDED.has(run.status)) return { kind: 'done', already: !this.completedHere };
    const task = run.status === 'awaiting_input' ? await this.waitingTask() : undefined;
    return task ? { kind: 'task', task } : { kind: 'waiting' };
  }

  async complete(task: Task, data: unknown): Promise<void> {
    const again = this.attempted.has(task.id);
    this.attempted.add(task.id);
    try {
      await (data instanceof Completion ? this.api.complete(this.runId, task.id, data.data, data.extra) : this.api.complete(this.runId, task.id, data));
    } catch (e) {
      // A 409 naming the task's status: it no longer waits (taken already: this completion's first answer was lost, or
      // another device's; or the run left it), so move on. Any other 409 (the run kept changing) is an error to retry.
      // Sent again after an answer that never came, a refusal because the run has ended means that first
      // completion ended it (its token is refused from then on): done here too.
      const endedByThis = again && e instanceof ApiError && e.status === 401 && e.type === 'run_ended';
      if (!endedByThis && !(e instanceof ApiError && e.status === 409 && (e.fields.status?.length ?? 0) > 0)) throw e;
    }
    this.settled.add(task.id);
    this.completedHere = true;
  }

  /** The oldest waiting capture task of the run, if any. */
  private async waitingTask(): Promise<Task | undefined> {
    for (const summary of await this.api.tasks(this.runId)) {
      if (this.settled.has(summary.id)) continue;
      const task = await this.api.task(this.runId, summary.id).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return undefined; // it stopped waiting meanwhile
        throw e;
      });
      const type = task?.input?.task_type;
      if (!task || !type || !CAPTURE_TYPES.has(type)) { this.settled.add(summary.id); continue; }
      return task;
    }
    return undefined;
  }
}

import { SfnApiError } from '../contract';

export interface Waiter { arn: string; thread: number; attempt: number }

const TOKEN = /^[A-Za-z0-9_-]{1,2048}$/;

/** Live task tokens → the task waiting on them; plus tokens whose task timed out. */
export class TokenIndex {
  private readonly live = new Map<string, Waiter>();
  private readonly expired = new Set<string>();

  add(token: string, w: Waiter): void { this.live.set(token, w); }
  forget(tokens: string[]): void { for (const t of tokens) this.live.delete(t); }
  timedOut(tokens: string[]): void { for (const t of tokens) { this.expired.add(t); this.live.delete(t); } }

  /** The waiter for a token, or the AWS error SendTask* returns. */
  resolve(token: unknown): Waiter {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw new SfnApiError('InvalidToken', `Invalid token: a task token is 1 to 2048 URL-safe characters`);
    const w = this.live.get(token);
    if (w) return w;
    if (this.expired.has(token)) throw new SfnApiError('TaskTimedOut', 'Task Timed Out: the task for this token already timed out');
    throw new SfnApiError('TaskDoesNotExist', 'Task does not exist: no task is waiting on this token (it may have completed)');
  }
}

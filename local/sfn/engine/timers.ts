import type { Clock } from '../contract';
import type { TimerSnap } from './interp/snapshot';

const MAX_DELAY = 2 ** 31 - 1;

/** Earliest timer per execution; with `auto` it also arms a real setTimeout for it. */
export class TimerScheduler {
  private readonly earliestByArn = new Map<string, number>();
  private readonly handles = new Map<string, NodeJS.Timeout>();

  constructor(private readonly clock: Clock, private readonly auto: boolean, private readonly fire: (arn: string) => void) {}

  schedule(arn: string, timers: TimerSnap[]): void {
    let min = Infinity;
    for (const t of timers) if (t.due < min) min = t.due;
    const prev = this.earliestByArn.get(arn);
    if (min === Infinity) this.earliestByArn.delete(arn);
    else this.earliestByArn.set(arn, min);
    // An armed handle for the same due time stays; a fired one (handle gone) is armed again.
    if (!this.auto || (prev === min && this.handles.has(arn))) return;
    const h = this.handles.get(arn);
    if (h) clearTimeout(h);
    this.handles.delete(arn);
    if (min === Infinity) return;
    const delay = Math.min(Math.max(min - this.clock.now(), 0), MAX_DELAY);
    const handle = setTimeout(() => { this.handles.delete(arn); this.fire(arn); }, delay);
    handle.unref();
    this.handles.set(arn, handle);
  }

  due(now: number): string[] {
    const out: string[] = [];
    for (const [arn, due] of this.earliestByArn) if (due <= now) out.push(arn);
    return out;
  }

  earliest(): number | undefined {
    let min: number | undefined;
    for (const d of this.earliestByArn.values()) if (min === undefined || d < min) min = d;
    return min;
  }

  clear(): void {
    for (const h of this.handles.values()) clearTimeout(h);
    this.handles.clear();
    this.earliestByArn.clear();
  }
}

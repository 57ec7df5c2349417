import type { Json } from '../asl/json';

export type TaskOutcome =
  | { kind: 'ok'; output: Json; text?: string }         // the task's result (`text`: its JSON, when already known)
  | { kind: 'submitted'; output: Json; text?: string }  // `.waitForTaskToken`: delivered, now waiting for the token
  | { kind: 'error'; error: string; cause?: string };

export interface TaskRequest {
  resource: string;        // as written in the definition
  args: Json;
  token?: string;
  executionArn: string;
  state: string;
}

/** One integration (lambda, events, dynamodb); `matches` decides on the resource ARN. */
export interface Integration {
  matches(resource: string): boolean;
  invoke(req: TaskRequest): Promise<TaskOutcome>;
}

/** The event bus the `events:putEvents` integration delivers to. */
export interface EventBus {
  putEvents(entries: PutEventsEntry[]): Promise<{ Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>; FailedEntryCount: number }>;
}
export interface PutEventsEntry { Detail?: string; DetailType?: string; Source?: string; EventBusName?: string; Resources?: string[]; Time?: string }

export const ok = (output: unknown): TaskOutcome => ({ kind: 'ok', output: (output === undefined ? null : output) as Json });
export const failed = (error: string, cause?: string): TaskOutcome => ({ kind: 'error', error, cause });

import type { Api } from '../api';

/** What every task step gets: its config, and `submit(work)`, which runs `work` (uploads) and completes the task with its answer. */
export interface StepProps {
  config: Record<string, unknown>;
  submit(work: (api: Api, applicantId: string) => Promise<unknown>): void;
}

/** A completion with more than the data: the request body's other fields (a Motion task's `motion_unsupported` beside `data: []`). */
export class Completion {
  constructor(readonly data: unknown, readonly extra: Record<string, unknown>) {}
}

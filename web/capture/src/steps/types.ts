import type { Api } from '../api';

/** What every task step gets: its config, and `submit(work)`, which runs `work` (uploads) and completes the task with its answer. */
export interface StepProps {
  config: Record<string, unknown>;
  submit(work: (api: Api, applicantId: string) => Promise<unknown>): void;
}

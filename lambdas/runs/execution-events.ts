/**
 * EventBridge "Step Functions Execution Status Change" → a run whose execution failed, timed
 * out or was aborted without recording an end is marked `error`. The write is conditional: a
 * run that already ended (the state machine recorded its result) keeps it.
 */
import { z } from 'zod';
import { ExecutionInput } from '../../compiler';
import { systemRuntime, type Runtime } from '../shared/ids';
import { markRunError } from '../store/runs';
import { lambdaHandler } from '../shared/lambda';

export const ExecutionStatusChange = z.object({
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.object({
    executionArn: z.string(),
    name: z.string(),
    status: z.string(),
    input: z.string().nullish(),
    error: z.string().nullish(),
    cause: z.string().nullish(),
  }),
});

const ENDED_BADLY: Record<string, string> = { FAILED: 'execution_failed', TIMED_OUT: 'execution_timed_out', ABORTED: 'execution_aborted' };
const MAX_CAUSE = 300;
const MESSAGES: Record<string, string> = {
  FAILED: 'The workflow execution failed',
  TIMED_OUT: 'The workflow execution timed out',
  ABORTED: 'The workflow execution was stopped',
};

/** The run id: the execution input's `workflow_run_id`, else the execution name (runs name their executions). */
function runIdOf(detail: z.infer<typeof ExecutionStatusChange>['detail']): string {
  try {
    const input = ExecutionInput.safeParse(JSON.parse(detail.input ?? 'null'));
    if (input.success) return input.data.workflow_run_id;
  } catch { /* input absent or not JSON: fall back to the name */ }
  return detail.name;
}

export function createExecutionEventsHandler(rt: Runtime = systemRuntime) {
  return async function executionEvents(event: unknown): Promise<{ run_id: string; marked: boolean } | { ignored: string }> {
    const parsed = ExecutionStatusChange.safeParse(event);
    if (!parsed.success) return { ignored: 'not a Step Functions Execution Status Change event' };
    const { detail } = parsed.data;
    const type = ENDED_BADLY[detail.status];
    if (!type) return { ignored: `status ${detail.status}` };
    const runId = runIdOf(detail);
    // The cause is shown to integrators: keep it short (a Lambda's cause can carry a stack trace).
    const cause = detail.cause && detail.cause.length > MAX_CAUSE ? `${detail.cause.slice(0, MAX_CAUSE)}…` : detail.cause;
    const message = [MESSAGES[detail.status], detail.error, cause].filter(Boolean).join(': ');
    const marked = await markRunError(runId, { type: detail.error ?? type, message }, rt.now().toISOString());
    return { run_id: runId, marked };
  };
}

export const handler = lambdaHandler(createExecutionEventsHandler());

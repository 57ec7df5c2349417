/**
 * EventBridge "Step Functions Execution Status Change" → a run whose execution failed, timed
 * out or was aborted without recording an end is marked `error`. The write is conditional: a
 * run that already ended (the state machine recorded its result) keeps it. The run shows a
 * listed error type with its fixed message; the execution's error and cause go to the log. The
 * run's end is then announced (`workflow_run.completed`, announce-error.ts), also on a retry
 * after the bus failed once the run was marked.
 */
import { z } from 'zod';
import { ExecutionInput, runError, type RunErrorType } from '../../compiler';
import { logger } from '../shared/powertools';
import { systemRuntime, type Runtime } from '../shared/ids';
import { markRunError } from '../store/runs';
import { announceRunError, PURGE_STOP_ERROR } from './announce-error';
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

const ENDED_BADLY: Record<string, RunErrorType> = { FAILED: 'internal_error', TIMED_OUT: 'execution_timed_out', ABORTED: 'execution_aborted' };

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
    // The cause may carry a Lambda's stack trace: it goes to the log, never to the run.
    const marked = await markRunError(runId, runError(type), rt.now().toISOString());
    if (marked) logger.warn('workflow run ended error: its execution ended outside the workflow', { run_id: runId, execution_arn: detail.executionArn, status: detail.status, error: detail.error, cause: detail.cause });
    // A purge stops the executions of what it purges: those ends are announced to nobody.
    if (detail.error !== PURGE_STOP_ERROR) await announceRunError(runId);
    return { run_id: runId, marked };
  };
}

export const handler = lambdaHandler(createExecutionEventsHandler());

/** GetExecutionHistory and the task-token callbacks. */
import type { HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '../../contract';
import { InvalidOutputError } from '../errors';
import { page } from '../paging';
import { checkPayload } from '../start';
import { requireExecution } from './executions';
import { date, type Handlers } from './types';

/** includeExecutionData=false: every `*EventDetails` loses its input and output. */
function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      const { input: _i, output: _o, ...details } = value as Record<string, unknown>;
      copy[key] = details;
    }
  }
  return copy;
}

const toSdk = (event: HistoryEvent): SdkHistoryEvent => ({ ...event, timestamp: date(event.timestamp) }) as unknown as SdkHistoryEvent;

export const historyHandlers: Handlers<'GetExecutionHistory' | 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat'> = {
  async GetExecutionHistory(ctx, { executionArn, maxResults, reverseOrder, nextToken, includeExecutionData }) {
    await requireExecution(ctx, executionArn);
    const events = await ctx.engine.history(executionArn);
    const ordered = reverseOrder ? [...events].reverse() : events;
    const { items, nextToken: next } = page(ordered, `GetExecutionHistory:${executionArn}:${reverseOrder ? 'r' : 'f'}`, maxResults, nextToken);
    const shown = includeExecutionData === false ? items.map(withoutData) : items;
    return { events: shown.map(toSdk), ...(next ? { nextToken: next } : {}) };
  },

  async SendTaskSuccess({ engine }, { taskToken, output }) {
    checkPayload(output, 'Invalid Output: the output', InvalidOutputError);
    await engine.sendTaskSuccess(taskToken, output);
    return {};
  },

  async SendTaskFailure({ engine }, { taskToken, error, cause }) {
    await engine.sendTaskFailure(taskToken, error, cause);
    return {};
  },

  async SendTaskHeartbeat({ engine }, { taskToken }) {
    await engine.sendTaskHeartbeat(taskToken);
    return {};
  },
};

/**
 * The route a run took: the workflow tasks its execution entered, in order (from the execution
 * history, without data; the machine's own `studio.*` states left out). Logic, parallel and
 * result tasks are states like any other, so the console can draw the whole route on the canvas.
 */
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { clients } from '../shared/aws';
import type { RunItem } from '../store/runs';

/** History pages read at most (1,000 events each): far beyond any workflow but a retry loop's. */
const MAX_PAGES = 5;

export async function routeOf(run: Pick<RunItem, 'execution_arn'>): Promise<string[]> {
  if (!run.execution_arn) return [];
  const route: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let res;
    try {
      res = await clients().sfn.send(new GetExecutionHistoryCommand({ executionArn: run.execution_arn, includeExecutionData: false, maxResults: 1000, nextToken }));
    } catch (e) {
      // A run that ended `execution_not_started` names an execution that never existed.
      if (e instanceof Error && e.name === 'ExecutionDoesNotExist') return route;
      throw e;
    }
    for (const event of res.events ?? []) {
      const name = event.stateEnteredEventDetails?.name;
      if (name !== undefined && !name.startsWith('studio.')) route.push(name);
    }
    nextToken = res.nextToken;
    if (!nextToken) break;
  }
  return route;
}

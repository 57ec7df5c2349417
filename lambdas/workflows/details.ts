/** A workflow's name and description (rename, describe): the workflow item only, never a version. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { notFound } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import type { Environment } from '../store/runs';
import { getWorkflowItem, WorkflowItem } from '../store/workflows';
import { keys } from '../store/table';
import { isConditionFailure } from './save';

export interface WorkflowDetails { name?: string | undefined; description?: string | undefined }

/** Sets the given details and `updated_at`; 404 when the workflow is not in `environment` (or was deleted meanwhile). */
export async function updateWorkflowDetails(id: string, environment: Environment, details: WorkflowDetails, rt: Runtime = systemRuntime): Promise<WorkflowItem> {
  if (!(await getWorkflowItem(id, environment))) throw notFound('Workflow', id);
  const set = Object.entries(details).filter((e): e is [string, string] => e[1] !== undefined);
  const values: Record<string, string> = { ':now': isoSeconds(rt.now()) };
  const names: Record<string, string> = {};
  for (const [k, v] of set) { names[`#${k}`] = k; values[`:${k}`] = v; }
  try {
    const res = await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: keys.workflow(id), ReturnValues: 'ALL_NEW', ConditionExpression: 'attribute_exists(pk)',
      UpdateExpression: `SET ${[...set.map(([k]) => `#${k} = :${k}`), 'updated_at = :now'].join(', ')}`,
      ...(set.length > 0 ? { ExpressionAttributeNames: names } : {}), ExpressionAttributeValues: values,
    }));
    return WorkflowItem.parse(res.Attributes);
  } catch (e) {
    if (isConditionFailure(e)) throw notFound('Workflow', id);
    throw e;
  }
}

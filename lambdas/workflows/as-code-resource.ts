/**
 * The CloudFormation custom resource of a workflow deployed as code (lib/workflows-as-code.ts):
 * writes the workflow and version records the API writes when a version is saved and then
 * activated (store/workflows.ts, workflows/save.ts, workflows/state.ts), for the state machine
 * version the stack published and its alias `live`, so runs start on it like on any workflow.
 * The record's version number is the state machine version's. Deleting the resource (the file
 * left the settings, or the stack is deleted) leaves the records but makes nothing active.
 * Answers CloudFormation itself (PUT to the presigned ResponseURL), whatever happens.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { isoSeconds } from '../shared/ids';
import { logError } from '../shared/powertools';
import { Environment } from '../store/runs';
import { createdKey, keys } from '../store/table';
import { CustomResourceEvent, respond } from './custom-resource';
import { isConditionFailure } from './save';

/** The resource type in the template (parity mode runs these at start, as CloudFormation would). */
export const WORKFLOW_RECORDS_TYPE = 'Custom::StudioWorkflowRecords';

/** CloudFormation passes every scalar property as a string. */
export const RecordsProperties = z.object({
  TableName: z.string().min(1), WorkflowId: z.string().min(1), Environment, Name: z.string().min(1), Description: z.string(),
  Notes: z.string(), Definition: z.string().min(2), StateMachineArn: z.string().startsWith('arn:'),
  StateMachineVersionArn: z.string().regex(/:\d+$/), AliasArn: z.string().startsWith('arn:'),
});
export type RecordsProperties = z.infer<typeof RecordsProperties>;

let doc: DynamoDBDocumentClient | undefined;
const client = () => (doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }));

/** Writes the version (once per state machine version) and makes it the workflow's active one. */
export async function writeRecords(p: RecordsProperties, now: Date, send = (c: UpdateCommand) => client().send(c)): Promise<number> {
  const version = Number(p.StateMachineVersionArn.slice(p.StateMachineVersionArn.lastIndexOf(':') + 1));
  const at = isoSeconds(now);
  const exists = (e: unknown, message: string) => { if (isConditionFailure(e)) throw new Error(message); throw e; };
  // A version number the API took for a draft of this workflow is not overwritten.
  await send(new UpdateCommand({
    TableName: p.TableName, Key: keys.version(p.WorkflowId, version),
    UpdateExpression: 'SET workflow_id = :id, #env = :env, version = :v, #valid = :true, notes = :notes, created_at = if_not_exists(created_at, :now), '
      + 'problems_json = :none, definition_json = :def, state_machine_version_arn = :arn, published_at = if_not_exists(published_at, :now)',
    ConditionExpression: 'attribute_not_exists(pk) OR state_machine_version_arn = :arn',
    ExpressionAttributeNames: { '#env': 'environment', '#valid': 'valid' },
    ExpressionAttributeValues: { ':id': p.WorkflowId, ':env': p.Environment, ':v': version, ':true': true, ':notes': p.Notes, ':now': at, ':none': '[]', ':def': p.Definition, ':arn': p.StateMachineVersionArn },
  })).catch((e: unknown) => exists(e, `version ${version} of workflow ${p.WorkflowId} exists and is not state machine version ${p.StateMachineVersionArn}; a workflow deployed as code is changed in its file`));
  await send(new UpdateCommand({
    TableName: p.TableName, Key: keys.workflow(p.WorkflowId),
    UpdateExpression: 'SET id = :id, #env = :env, #name = :name, description = :desc, created_at = if_not_exists(created_at, :now), updated_at = :now, '
      + 'gsi1pk = :gsi1pk, gsi1sk = if_not_exists(gsi1sk, :gsi1sk), versions = if_not_exists(versions, :v), archived = if_not_exists(archived, :empty), '
      + 'active_version = :v, activated_at = :now, state_machine_arn = :sm, alias_arn = :alias REMOVE activation',
    ConditionExpression: 'attribute_not_exists(pk) OR #env = :env',
    ExpressionAttributeNames: { '#env': 'environment', '#name': 'name' },
    ExpressionAttributeValues: {
      ':id': p.WorkflowId, ':env': p.Environment, ':name': p.Name, ':desc': p.Description, ':now': at, ':gsi1pk': keys.workflows(p.Environment),
      ':gsi1sk': createdKey(now.toISOString(), p.WorkflowId), ':v': version, ':empty': {}, ':sm': p.StateMachineArn, ':alias': p.AliasArn,
    },
  })).catch((e: unknown) => exists(e, `workflow ${p.WorkflowId} exists in the other environment; rename the file to deploy it to ${p.Environment}`));
  // `versions` only grows (versions saved through the API may be above the machine's).
  await send(new UpdateCommand({
    TableName: p.TableName, Key: keys.workflow(p.WorkflowId), UpdateExpression: 'SET versions = :v',
    ConditionExpression: 'versions < :v', ExpressionAttributeValues: { ':v': version },
  })).catch((e: unknown) => { if (!isConditionFailure(e)) throw e; });
  return version;
}

/** Nothing is active any more (only if the alias on record is still this resource's). */
export async function deactivate(p: RecordsProperties, send = (c: UpdateCommand) => client().send(c)): Promise<void> {
  await send(new UpdateCommand({
    TableName: p.TableName, Key: keys.workflow(p.WorkflowId), UpdateExpression: 'REMOVE active_version, activated_at, alias_arn, state_machine_arn',
    ConditionExpression: 'alias_arn = :alias', ExpressionAttributeValues: { ':alias': p.AliasArn },
  })).catch((e: unknown) => { if (!isConditionFailure(e) && !(e instanceof Error && e.name === 'ResourceNotFoundException')) throw e; });
}

export async function handler(raw: unknown): Promise<void> {
  const event = CustomResourceEvent.parse(raw);
  const props = RecordsProperties.safeParse(event.ResourceProperties);
  const physical = props.success ? `workflow/${props.data.WorkflowId}` : event.PhysicalResourceId ?? event.LogicalResourceId;
  try {
    if (event.RequestType === 'Delete') {
      // A deletion never blocks the stack: with properties it cannot read, there is nothing of its to undo.
      if (props.success) await deactivate(props.data);
      await respond(event, { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId ?? physical });
      return;
    }
    if (!props.success) throw new Error(`Invalid properties: ${props.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const version = await writeRecords(props.data, new Date());
    await respond(event, { Status: 'SUCCESS', PhysicalResourceId: physical, Data: { Version: String(version) } });
  } catch (e) {
    logError(`workflow records: ${event.RequestType} of ${event.LogicalResourceId} failed`, e);
    await respond(event, { Status: 'FAILED', PhysicalResourceId: event.PhysicalResourceId ?? physical, Reason: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Creating workflows and saving versions. Every save is version n+1: the number is taken by a
 * conditional put (the item must not exist yet), so concurrent saves never share one; a save
 * that loses the race reads the latest number again and takes the next. A save that names the
 * version it started from (`baseVersion`, the console's) takes only base + 1: when a newer version
 * exists it is refused with a 409 instead (the later save must not silently win).
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { availableUpdates, findTemplate, pinTaskVersions, validate, type Problem } from '../../compiler';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { ApiError, conflict, validationError } from '../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { createdKey, keys } from '../store/table';
import type { Environment } from '../store/runs';
import type { VersionItem, WorkflowItem } from '../store/workflows';
import type { TaskUpdate } from './views';

/** Attempts at taking a version number before giving up (each lost race means another save won). */
const MAX_SAVE_ATTEMPTS = 64;
/** Definition, problems and notes of a version: one DynamoDB item holds 400 KB, with room left for keys and the rest. */
export const MAX_VERSION_BYTES = 380 * 1024;
export const isConditionFailure = (e: unknown): boolean => e instanceof Error && e.name === 'ConditionalCheckFailedException';

export interface NewWorkflow { name: string; description?: string | undefined; template?: string | undefined }

/** A workflow of one environment (that of the caller's token), with version 1 when made from a template. */
/** `createdBy`: who saves version 1 (a console user's email, or "API token"; absent for the seeded templates). */
export async function createWorkflow(input: NewWorkflow, environment: Environment, rt: Runtime = systemRuntime,
  createdBy?: string): Promise<{ workflow: WorkflowItem; first?: SavedVersion }> {
  const template = input.template === undefined ? undefined : findTemplate(input.template);
  if (input.template !== undefined && !template) {
    throw validationError('There is no such template', { template: [`"${input.template}" is not a template; GET /v3.6/workflow_templates lists them`] });
  }
  const at = rt.now();
  const now = isoSeconds(at);
  const id = rt.newId();
  const workflow: WorkflowItem = { id, environment, name: input.name, description: input.description ?? '', created_at: now, updated_at: now, versions: 0, archived: {} };
  await clients().doc.send(new PutCommand({
    TableName: config().TABLE_NAME,
    Item: { ...keys.workflow(id), gsi1pk: keys.workflows(environment), gsi1sk: createdKey(at.toISOString(), id), ...workflow },
    ConditionExpression: 'attribute_not_exists(pk)',
  }));
  if (!template) return { workflow };
  const first = await saveVersion(workflow, template.definition, `From template ${template.name}`, rt, createdBy);
  return { workflow: { ...workflow, versions: first.item.version, updated_at: first.item.created_at }, first };
}

export interface SavedVersion { item: VersionItem; problems: Problem[]; updates: TaskUpdate[] }

/** A 409 in Onfido's error body, naming the newest version (`latest_version`, an extension) the save was not based on. */
export const staleBase = (base: number, latest: number) => new ApiError(409, 'conflict',
  `Version ${latest} was saved after version ${base}, which this save started from; reload the latest version or save again without base_version`,
  { base_version: [`is ${base}; the latest version is ${latest}`] }, {}, { latest_version: latest });

/**
 * Validates a definition and stores it as the workflow's next version (valid or not), in the workflow's environment, each
 * task that names no version pinned to its type's latest; `createdBy` is who saved it.
 * `baseVersion` (0: none yet): the version the edit started from; a newer one is a 409, one that does not exist a 422.
 */
export async function saveVersion(workflow: WorkflowItem, sent: unknown, notes: string, rt: Runtime = systemRuntime,
  createdBy?: string, baseVersion?: number): Promise<SavedVersion> {
  // A task that names no version is pinned to its type's latest now, as saved (compiler/updates.ts).
  const definition = pinTaskVersions(sent);
  const validation = validate(definition);
  const definitionJson = JSON.stringify(definition);
  const updates = validation.valid && validation.workflow ? availableUpdates(validation.workflow) : [];
  const problemsJson = JSON.stringify(validation.problems);
  const bytes = Buffer.byteLength(definitionJson) + Buffer.byteLength(problemsJson) + Buffer.byteLength(notes);
  if (bytes > MAX_VERSION_BYTES) {
    throw validationError('This version is too large to store', {
      definition: [`with its ${validation.problems.length} problems it takes ${Math.ceil(bytes / 1024)} KB; a version is stored in one item of at most ${MAX_VERSION_BYTES / 1024} KB`],
    });
  }
  let next = workflow.versions + 1;
  if (baseVersion !== undefined) {
    const latest = await latestVersionNumber(workflow.id);
    if (baseVersion > latest) throw validationError('There is no such version to base this save on', { base_version: [`is ${baseVersion}; the latest version is ${latest}`] });
    if (baseVersion < latest) throw staleBase(baseVersion, latest);
    next = baseVersion + 1;
  }
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
    const item: VersionItem = {
      workflow_id: workflow.id, environment: workflow.environment, version: next, valid: validation.valid, notes, created_at: isoSeconds(rt.now()),
      ...(createdBy ? { created_by: createdBy } : {}), problems_json: problemsJson, definition_json: definitionJson,
    };
    try {
      await clients().doc.send(new PutCommand({
        TableName: config().TABLE_NAME, Item: { ...keys.version(workflow.id, next), ...item }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const latest = await latestVersionNumber(workflow.id);
      if (baseVersion !== undefined) throw staleBase(baseVersion, latest);
      next = latest + 1;
      continue;
    }
    await raiseVersionCount(workflow.id, next, item.created_at);
    return { item, problems: validation.problems, updates };
  }
  throw conflict('Too many versions of this workflow are being saved at once; save again');
}

async function latestVersionNumber(workflowId: string): Promise<number> {
  const res = await clients().doc.send(new QueryCommand({
    TableName: config().TABLE_NAME, ConsistentRead: true, ScanIndexForward: false, Limit: 1,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ProjectionExpression: 'version',
    ExpressionAttributeValues: { ':pk': keys.workflow(workflowId).pk, ':prefix': keys.versionPrefix },
  }));
  const version: unknown = res.Items?.[0]?.version;
  return typeof version === 'number' ? version : 0;
}

/** The workflow's `versions` only ever grows, whatever order concurrent saves finish in. */
async function raiseVersionCount(workflowId: string, version: number, now: string): Promise<void> {
  try {
    await clients().doc.send(new UpdateCommand({
      TableName: config().TABLE_NAME, Key: keys.workflow(workflowId),
      UpdateExpression: 'SET versions = :v, updated_at = :now',
      ConditionExpression: 'attribute_exists(pk) AND versions < :v',
      ExpressionAttributeValues: { ':v': version, ':now': now },
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * The conditional writes that change which version is live. Activation holds a short lease on
 * the workflow item, so that the alias and the recorded active version move together; the
 * final write checks the lease and that the version was not archived meanwhile. Archiving is
 * one conditional write on the same item, so it can never hit the active version.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from '../store/table';
import { isConditionFailure } from './save';

/** How long an activation may hold the workflow before another may take over (a crashed one). */
export const LEASE_SECONDS = 60;
const table = () => config().TABLE_NAME;

/** Takes the activation lease; false when another activation holds it. */
export async function acquireLease(workflowId: string, version: number, token: string, now: Date): Promise<boolean> {
  return conditional({
    TableName: table(), Key: keys.workflow(workflowId),
    UpdateExpression: 'SET activation = :lease',
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(activation) OR activation.expires_at < :now)',
    ExpressionAttributeValues: { ':lease': { token, version, expires_at: new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString() }, ':now': now.toISOString() },
  });
}

export async function releaseLease(workflowId: string, token: string): Promise<void> {
  await conditional({
    TableName: table(), Key: keys.workflow(workflowId), UpdateExpression: 'REMOVE activation',
    ConditionExpression: 'activation.#token = :token', ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':token': token },
  });
}

/** Records the state machine version a workflow version was published as, once; false if one is on record already. */
export async function recordMachineVersion(workflowId: string, version: number, arn: string, now: string): Promise<boolean> {
  return conditional({
    TableName: table(), Key: keys.version(workflowId, version),
    UpdateExpression: 'SET state_machine_version_arn = :arn, published_at = :now',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(state_machine_version_arn)',
    ExpressionAttributeValues: { ':arn': arn, ':now': now },
  });
}

/** Moves a version to the state machine version its definition was compiled anew as; false if its record no longer names `from`. */
export async function swapMachineVersion(workflowId: string, version: number, from: string, to: string, now: string): Promise<boolean> {
  return conditional({
    TableName: table(), Key: keys.version(workflowId, version),
    UpdateExpression: 'SET state_machine_version_arn = :to, recompiled_at = :now',
    ConditionExpression: 'state_machine_version_arn = :from',
    ExpressionAttributeValues: { ':from': from, ':to': to, ':now': now },
  });
}

/** Records that the active version was recompiled (the API's cache of published versions keys on it); false if the
 *  lease was lost or another version is active. */
export async function markRecompiled(workflowId: string, a: { version: number; token: string; now: string }): Promise<boolean> {
  return conditional({
    TableName: table(), Key: keys.workflow(workflowId), UpdateExpression: 'SET recompiled_at = :now',
    ConditionExpression: 'activation.#token = :token AND active_version = :v',
    ExpressionAttributeNames: { '#token': 'token' }, ExpressionAttributeValues: { ':now': a.now, ':token': a.token, ':v': a.version },
  });
}

export interface Activation { version: number; token: string; stateMachineArn: string; aliasArn: string; now: string }

/** Makes a version the active one and releases the lease; false if the lease was lost or the version archived. */
export async function markActive(workflowId: string, a: Activation): Promise<boolean> {
  return conditional({
    TableName: table(), Key: keys.workflow(workflowId),
    UpdateExpression: 'SET active_version = :v, activated_at = :now, updated_at = :now, state_machine_arn = :sm, alias_arn = :alias REMOVE activation',
    ConditionExpression: 'activation.#token = :token AND attribute_not_exists(archived.#v)',
    ExpressionAttributeNames: { '#token': 'token', '#v': String(a.version) },
    ExpressionAttributeValues: { ':v': a.version, ':now': a.now, ':sm': a.stateMachineArn, ':alias': a.aliasArn, ':token': a.token },
  });
}

/** Archives a version unless it is the active one (or already archived). */
export async function markArchived(workflowId: string, version: number, now: string): Promise<boolean> {
  return conditional({
    TableName: table(), Key: keys.workflow(workflowId),
    UpdateExpression: 'SET archived.#v = :now, updated_at = :now',
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(active_version) OR active_version <> :v) AND attribute_not_exists(archived.#v)',
    ExpressionAttributeNames: { '#v': String(version) }, ExpressionAttributeValues: { ':v': version, ':now': now },
  });
}

async function conditional(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  try {
    await clients().doc.send(new UpdateCommand(input));
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * Step Functions publishing: one STANDARD state machine per workflow (`<prefix>-<workflow id>`),
 * one published state machine version per activated workflow version, and the alias `live`.
 * Every step is idempotent, so an activation that failed half-way can simply be repeated.
 */
import {
  CreateStateMachineAliasCommand, CreateStateMachineCommand, UpdateStateMachineAliasCommand, UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { aliasArn, errorName, LIVE_ALIAS, machineArn, machineName } from './machines';

export { aliasArn, discardVersion, LIVE_ALIAS, machineArn, machineName } from './machines';

export interface Published { stateMachineArn: string; stateMachineVersionArn: string }

/**
 * Makes `definition` the machine's current revision and publishes it: CreateStateMachine on a
 * workflow's first activation (`exists` false), UpdateStateMachine after; each falls back to the
 * other when the machine is not as expected (created by an activation that failed half-way).
 */
export async function publishVersion(workflowId: string, definition: string, description: string, exists: boolean): Promise<Published> {
  const c = config();
  const sfn = clients().sfn;
  const name = machineName(workflowId, c);
  const update = async (): Promise<Published> => {
    const arn = machineArn(workflowId, c);
    const res = await sfn.send(new UpdateStateMachineCommand({
      stateMachineArn: arn, definition, roleArn: c.STATE_MACHINE_ROLE_ARN, publish: true, versionDescription: description,
      ...observability(c.STATE_MACHINE_LOG_GROUP_ARN),
    }));
    if (!res.stateMachineVersionArn) throw new Error(`UpdateStateMachine of ${arn} published no version`);
    return { stateMachineArn: arn, stateMachineVersionArn: res.stateMachineVersionArn };
  };
  if (exists) {
    try {
      return await update();
    } catch (e) {
      if (errorName(e) !== 'StateMachineDoesNotExist') throw e;
    }
  }
  try {
    const res = await sfn.send(new CreateStateMachineCommand({
      name, definition, roleArn: c.STATE_MACHINE_ROLE_ARN, type: 'STANDARD', publish: true, versionDescription: description,
      ...observability(c.STATE_MACHINE_LOG_GROUP_ARN),
    }));
    // An identical machine that exists already is returned as it is, without a new version.
    if (res.stateMachineArn && res.stateMachineVersionArn) return { stateMachineArn: res.stateMachineArn, stateMachineVersionArn: res.stateMachineVersionArn };
  } catch (e) {
    if (errorName(e) !== 'StateMachineAlreadyExists') throw e;
  }
  return update();
}

/** Points the alias `live` at one published version (all traffic), creating the alias on first use. */
export async function pointAlias(workflowId: string, stateMachineVersionArn: string): Promise<string> {
  const sfn = clients().sfn;
  const routingConfiguration = [{ stateMachineVersionArn, weight: 100 }];
  const arn = aliasArn(workflowId);
  const update = async () => { await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: arn, routingConfiguration })); return arn; };
  try {
    return await update();
  } catch (e) {
    if (errorName(e) !== 'ResourceNotFound') throw e;
  }
  try {
    const res = await sfn.send(new CreateStateMachineAliasCommand({ name: LIVE_ALIAS, routingConfiguration, description: 'The active workflow version' }));
    return res.stateMachineAliasArn ?? arn;
  } catch (e) {
    if (errorName(e) === 'ConflictException') return update();
    throw e;
  }
}

/** Every workflow machine logs to the stack's log group (level ALL, no execution data: applicant
 *  data stays out of the logs) and is traced with X-Ray. Locally there is no log group. */
export function observability(logGroupArn: string | undefined) {
  if (!logGroupArn) return {};
  return {
    loggingConfiguration: { level: 'ALL' as const, includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] },
    tracingConfiguration: { enabled: true },
  };
}

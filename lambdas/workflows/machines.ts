/**
 * Names and ARNs of the workflows' state machines (`<prefix>-<workflow id>`, alias `live`), and
 * the deletion of an unused version: what code that starts runs needs without publishing
 * (runs/resume.ts), apart from publish.ts, which creates and updates machines.
 */
import { DeleteStateMachineVersionCommand } from '@aws-sdk/client-sfn';
import { clients } from '../shared/aws';
import { config, type Config } from '../shared/config';
import { logger } from '../shared/powertools';

export const LIVE_ALIAS = 'live';
export const errorName = (e: unknown): string => (e instanceof Error ? e.name : '');

export const machineName = (workflowId: string, c: Config = config()) => `${c.STATE_MACHINE_PREFIX}-${workflowId}`;

/** The machine's ARN, in the account of the role it runs as (a Step Functions role is always in the machine's account). */
export function machineArn(workflowId: string, c: Config = config()): string {
  const [, partition = 'aws', , , account = ''] = c.STATE_MACHINE_ROLE_ARN.split(':');
  return `arn:${partition}:states:${c.AWS_REGION}:${account}:stateMachine:${machineName(workflowId, c)}`;
}
export const aliasArn = (workflowId: string) => `${machineArn(workflowId)}:${LIVE_ALIAS}`;

/** Deletes a version that lost a race to be recorded. A failure leaves an unused version (Step
 *  Functions keeps at most 1,000 per machine), so it is logged, not thrown. */
export async function discardVersion(stateMachineVersionArn: string, log: Pick<typeof logger, 'warn'> = logger): Promise<void> {
  await clients().sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn })).catch((error: unknown) => {
    log.warn('Could not delete an unused state machine version', { stateMachineVersionArn, error: errorName(error) || String(error) });
  });
}

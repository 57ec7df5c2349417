/**
 * The CloudFormation custom resource that brings workflow state machines up to the deployed
 * compiler (upgrade.ts), deployed by lib/workflow-upgrade.ts after the stack's functions: its
 * properties change whenever the compiler's sources or the compile context do, so CloudFormation
 * runs it on each such deploy. A version that cannot be recompiled keeps its machine version and is
 * logged and reported (Data, and the stack output WorkflowMachines): never a failed deploy. Nothing
 * is undone on Delete. Answers CloudFormation itself (PUT to the presigned ResponseURL).
 */
import { z } from 'zod';
import { logError } from '../shared/powertools';
import { CustomResourceEvent, respond } from './custom-resource';
import { errorText, reportData, upgradeMachines } from './upgrade';

/** The resource type in the template (parity mode runs it at start, as CloudFormation would). */
export const WORKFLOW_UPGRADE_TYPE = 'Custom::StudioWorkflowUpgrade';
export const UPGRADE_PHYSICAL_ID = 'workflow-machines';

/** CloudFormation passes every scalar property as a string. `Fingerprint`: the compiler's sources (lib/workflow-upgrade.ts). */
export const UpgradeProperties = z.object({ Fingerprint: z.string().min(1) }).catchall(z.string());
export type UpgradeProperties = z.infer<typeof UpgradeProperties>;

interface LambdaContext { getRemainingTimeInMillis?: () => number }

export async function handler(raw: unknown, context: LambdaContext = {}): Promise<void> {
  const event = CustomResourceEvent.parse(raw);
  const PhysicalResourceId = event.PhysicalResourceId ?? UPGRADE_PHYSICAL_ID;
  if (event.RequestType === 'Delete') return respond(event, { Status: 'SUCCESS', PhysicalResourceId });
  const props = UpgradeProperties.safeParse(event.ResourceProperties);
  if (!props.success) {
    return respond(event, { Status: 'FAILED', PhysicalResourceId, Reason: `Invalid properties: ${props.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
  let Data: ReturnType<typeof reportData>;
  try {
    const timeLeftMs = context.getRemainingTimeInMillis?.bind(context);
    Data = reportData(await upgradeMachines(timeLeftMs ? { timeLeftMs } : {}));
  } catch (e) {
    logError('workflow machines: the upgrade could not run; every machine keeps its definition', e);
    Data = { Summary: `not run (${errorText(e)}); every machine keeps its definition`, Recompiled: 'none', Skipped: 'none', Failed: 'none' };
  }
  await respond(event, { Status: 'SUCCESS', PhysicalResourceId, Data });
}

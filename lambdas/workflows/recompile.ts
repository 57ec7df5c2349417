/**
 * A published workflow version brought up to this deployment's compiler. State machine versions
 * keep the ASL they were published with, so a release that changes the compiler (new retry rules,
 * a fixed lowering) would otherwise reach only versions activated after it. The machine version's
 * definition (DescribeStateMachine of the version ARN) is compared with the version compiled now:
 * when they differ, the fresh compiled form is published (UpdateStateMachine, publish) and the
 * version's record moves to it, conditional on the ARN it had. Nothing to forget: any change of
 * the compiled output (compiler, compile context) shows in the comparison.
 * - The version means what it meant: the same stored definition, only its compiled form is new
 *   (same Comment, same description `workflow version <n>`).
 * - Executions already started keep the definition they started with (a published version never
 *   changes: AWS; local/sfn likewise, local/sfn/service/updated-machine.test.ts).
 * - Only machine versions activation published (described `workflow version <n>`) are touched: a
 *   workflow deployed as code is compiled by its own deploy (lib/workflows-as-code.ts).
 * Callers hold the workflow's activation lease (activate.ts, upgrade.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { clients } from '../shared/aws';
import { isoSeconds } from '../shared/ids';
import { publishVersion } from './publish';
import { swapMachineVersion } from './state';

/** How activation describes the machine version of a workflow version (and so recognises its own). */
export const versionDescription = (version: number) => `workflow version ${version}`;

export type Refreshed =
  | { status: 'current' | 'foreign'; arn: string }
  | { status: 'recompiled'; arn: string; previous: string };

/** Two ASL texts that parse to the same definition (key order and spacing aside). */
export function sameDefinition(stored: string | undefined, fresh: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(stored ?? 'null'), JSON.parse(fresh));
  } catch {
    return false;
  }
}

/**
 * Makes the version's recorded machine version run `asl` (its definition compiled now): `current`
 * when it does already, `foreign` when activation did not publish it (left alone), `recompiled`
 * with the new ARN otherwise. Throws when a call fails or the record changed meanwhile: the
 * version then keeps the machine version it had.
 */
export async function refreshVersion(workflowId: string, version: number, recorded: string, asl: string, now: Date): Promise<Refreshed> {
  const described = await clients().sfn.send(new DescribeStateMachineCommand({ stateMachineArn: recorded }));
  if (described.description !== versionDescription(version)) return { status: 'foreign', arn: recorded };
  if (sameDefinition(described.definition, asl)) return { status: 'current', arn: recorded };
  const published = await publishVersion(workflowId, asl, versionDescription(version), true);
  const arn = published.stateMachineVersionArn;
  if (await swapMachineVersion(workflowId, version, recorded, arn, isoSeconds(now))) return { status: 'recompiled', arn, previous: recorded };
  // Not deleted: whoever changed the record may have recorded this very version (the same revision).
  throw new Error(`the record of version ${workflowId}/${version} changed while it was being recompiled`);
}

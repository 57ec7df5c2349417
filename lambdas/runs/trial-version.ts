/**
 * The published version of a workflow's trial machine that a trial run was (or was to be)
 * started on, found by its description (`trial run <run id>`, runs/trial.ts). A trial run's
 * draft is kept nowhere else: runs/resume.ts starts an orphaned trial run on this version, never
 * on the workflow's active one.
 */
import { DescribeStateMachineCommand, ListStateMachineVersionsCommand } from '@aws-sdk/client-sfn';
import { clients } from '../shared/aws';
import { machineArn } from '../workflows/machines';

/** The trial machine of a workflow: named like its own machine, with `-trial`. */
export const trialMachineOf = (workflowId: string) => `${workflowId}-trial`;
/** The description of the trial machine's version a trial run starts on. */
export const trialVersionDescription = (runId: string) => `trial run ${runId}`;

export async function findTrialVersion(workflowId: string, runId: string): Promise<string | undefined> {
  const sfn = clients().sfn;
  const wanted = trialVersionDescription(runId);
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: machineArn(trialMachineOf(workflowId)), nextToken }));
    } catch (e) {
      if ((e as Error).name === 'StateMachineDoesNotExist') return undefined;
      throw e;
    }
    for (const v of page.stateMachineVersions ?? []) {
      if (!v.stateMachineVersionArn) continue;
      const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v.stateMachineVersionArn }));
      if (described.description === wanted) return v.stateMachineVersionArn;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

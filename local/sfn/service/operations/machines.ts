/** CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine, tags. */
import type { DescribeStateMachineOutput } from '@aws-sdk/client-sfn';
import { checkDefinition } from '../definition';
import type { MachineRecord, RevisionRecord, VersionRecord } from '../model';
import { page } from '../paging';
import { date, type Handlers } from './types';

export function describeRevision(machine: MachineRecord, revision: RevisionRecord, version?: VersionRecord): DescribeStateMachineOutput {
  return {
    stateMachineArn: version?.arn ?? machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: revision.definition,
    roleArn: revision.roleArn,
    type: revision.type,
    creationDate: date(version?.creationDate ?? machine.creationDate),
    loggingConfiguration: revision.loggingConfiguration,
    tracingConfiguration: revision.tracingConfiguration,
    revisionId: revision.revisionId,
    ...(version?.description !== undefined ? { description: version.description } : {}),
  };
}

export const machineHandlers: Handlers<
  'CreateStateMachine' | 'UpdateStateMachine' | 'DescribeStateMachine' | 'ListStateMachines' | 'DeleteStateMachine' |
  'ValidateStateMachineDefinition' | 'TagResource' | 'UntagResource' | 'ListTagsForResource'
> = {
  async CreateStateMachine({ controlPlane }, input) {
    const { machine, version } = await controlPlane.createMachine(input);
    return { stateMachineArn: machine.arn, creationDate: date(machine.creationDate), ...(version ? { stateMachineVersionArn: version.arn } : {}) };
  },

  async UpdateStateMachine({ controlPlane }, { stateMachineArn, ...input }) {
    const { machine, version } = await controlPlane.updateMachine(stateMachineArn, input);
    return { updateDate: date(machine.updateDate ?? machine.creationDate), revisionId: machine.revision.revisionId, ...(version ? { stateMachineVersionArn: version.arn } : {}) };
  },

  async DescribeStateMachine({ controlPlane }, { stateMachineArn }) {
    const { machine, revision, version } = await controlPlane.describeTarget(stateMachineArn);
    return describeRevision(machine, revision, version);
  },

  async ListStateMachines({ controlPlane }, { maxResults, nextToken }) {
    const all = controlPlane.listMachines().map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.revision.type, creationDate: date(m.creationDate) }));
    const { items, nextToken: next } = page(all, 'ListStateMachines', maxResults, nextToken);
    return { stateMachines: items, ...(next ? { nextToken: next } : {}) };
  },

  async DeleteStateMachine({ controlPlane }, { stateMachineArn }) {
    await controlPlane.deleteMachine(stateMachineArn);
    return {};
  },

  async ValidateStateMachineDefinition(_ctx, { definition, type, severity, maxResults }) {
    const all = checkDefinition(definition, type ?? 'STANDARD');
    const shown = all.filter((d) => severity !== 'ERROR' || d.severity === 'ERROR');
    const limit = maxResults === undefined || maxResults === 0 ? 100 : maxResults;
    return {
      result: all.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
      diagnostics: shown.slice(0, limit).map((d) => ({ severity: d.severity, code: d.code, message: d.message, ...(d.location ? { location: d.location } : {}) })),
      truncated: shown.length > limit,
    };
  },

  async TagResource({ controlPlane }, { resourceArn, tags }) {
    await controlPlane.tagResource(resourceArn, tags);
    return {};
  },

  async UntagResource({ controlPlane }, { resourceArn, tagKeys }) {
    await controlPlane.untagResource(resourceArn, tagKeys);
    return {};
  },

  async ListTagsForResource({ controlPlane }, { resourceArn }) {
    return { tags: controlPlane.tagged(resourceArn).tags };
  },
};

/** PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion and the alias operations. */
import type { AliasRecord } from '../model';
import { page } from '../paging';
import { date, type Handlers } from './types';

const aliasOutput = (alias: AliasRecord) => ({
  stateMachineAliasArn: alias.arn,
  name: alias.name,
  routingConfiguration: alias.routingConfiguration,
  creationDate: date(alias.creationDate),
  ...(alias.description !== undefined ? { description: alias.description } : {}),
  ...(alias.updateDate !== undefined ? { updateDate: date(alias.updateDate) } : {}),
});

export const versionHandlers: Handlers<
  'PublishStateMachineVersion' | 'ListStateMachineVersions' | 'DeleteStateMachineVersion' |
  'CreateStateMachineAlias' | 'UpdateStateMachineAlias' | 'DescribeStateMachineAlias' | 'DeleteStateMachineAlias' | 'ListStateMachineAliases'
> = {
  async PublishStateMachineVersion({ controlPlane }, { stateMachineArn, ...input }) {
    const version = await controlPlane.publishVersion(stateMachineArn, input);
    return { stateMachineVersionArn: version.arn, creationDate: date(version.creationDate) };
  },

  async ListStateMachineVersions({ controlPlane }, { stateMachineArn, maxResults, nextToken }) {
    const machine = controlPlane.machine(stateMachineArn);
    const newestFirst = [...machine.versions].sort((a, b) => b.version - a.version);
    const { items, nextToken: next } = page(newestFirst, `ListStateMachineVersions:${machine.arn}`, maxResults, nextToken);
    return { stateMachineVersions: items.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: date(v.creationDate) })), ...(next ? { nextToken: next } : {}) };
  },

  async DeleteStateMachineVersion({ controlPlane }, { stateMachineVersionArn }) {
    await controlPlane.deleteVersion(stateMachineVersionArn);
    return {};
  },

  async CreateStateMachineAlias({ controlPlane }, input) {
    const alias = await controlPlane.createAlias(input);
    return { stateMachineAliasArn: alias.arn, creationDate: date(alias.creationDate) };
  },

  async UpdateStateMachineAlias({ controlPlane }, { stateMachineAliasArn, ...input }) {
    const alias = await controlPlane.updateAlias(stateMachineAliasArn, input);
    return { updateDate: date(alias.updateDate ?? alias.creationDate) };
  },

  async DescribeStateMachineAlias({ controlPlane }, { stateMachineAliasArn }) {
    return aliasOutput(controlPlane.alias(stateMachineAliasArn).alias);
  },

  async DeleteStateMachineAlias({ controlPlane }, { stateMachineAliasArn }) {
    await controlPlane.deleteAlias(stateMachineAliasArn);
    return {};
  },

  async ListStateMachineAliases({ controlPlane }, { stateMachineArn, maxResults, nextToken }) {
    const machine = controlPlane.machine(stateMachineArn);
    const newestFirst = [...machine.aliases].sort((a, b) => b.creationDate - a.creationDate || a.name.localeCompare(b.name));
    const { items, nextToken: next } = page(newestFirst, `ListStateMachineAliases:${machine.arn}`, maxResults, nextToken);
    return { stateMachineAliases: items.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: date(a.creationDate) })), ...(next ? { nextToken: next } : {}) };
  },
};

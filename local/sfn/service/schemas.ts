/** One zod schema per API operation's request body: the source of truth for input types. */
import { z } from 'zod';

const arn = z.string().min(1).max(2048);
const maxResults = z.number().int().min(0).max(1000).optional();
const nextToken = z.string().min(1).max(1024).optional();
const machineType = z.enum(['STANDARD', 'EXPRESS']);
const included = z.enum(['ALL_DATA', 'METADATA_ONLY']).optional();

export const loggingConfiguration = z.object({
  level: z.enum(['ALL', 'ERROR', 'FATAL', 'OFF']).optional(),
  includeExecutionData: z.boolean().optional(),
  destinations: z.array(z.object({ cloudWatchLogsLogGroup: z.object({ logGroupArn: z.string().optional() }).optional() })).max(1).optional(),
});
export const tracingConfiguration = z.object({ enabled: z.boolean().optional() });
const tags = z.array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256) })).max(50);
const routingConfiguration = z.array(z.object({ stateMachineVersionArn: arn, weight: z.number().int().min(0).max(100) })).min(1).max(2);
const taskToken = z.string().min(1).max(2048);

export const schemas = {
  CreateStateMachine: z.object({
    name: z.string(), definition: z.string().min(1), roleArn: arn.optional(), type: machineType.optional(),
    loggingConfiguration: loggingConfiguration.optional(), tracingConfiguration: tracingConfiguration.optional(),
    tags: tags.optional(), publish: z.boolean().optional(), versionDescription: z.string().max(256).optional(),
  }),
  UpdateStateMachine: z.object({
    stateMachineArn: arn, definition: z.string().min(1).optional(), roleArn: arn.optional(),
    loggingConfiguration: loggingConfiguration.optional(), tracingConfiguration: tracingConfiguration.optional(),
    publish: z.boolean().optional(), versionDescription: z.string().max(256).optional(),
  }),
  DescribeStateMachine: z.object({ stateMachineArn: arn, includedData: included }),
  ListStateMachines: z.object({ maxResults, nextToken }),
  DeleteStateMachine: z.object({ stateMachineArn: arn }),
  PublishStateMachineVersion: z.object({ stateMachineArn: arn, revisionId: z.string().optional(), description: z.string().max(256).optional() }),
  ListStateMachineVersions: z.object({ stateMachineArn: arn, maxResults, nextToken }),
  DeleteStateMachineVersion: z.object({ stateMachineVersionArn: arn }),
  CreateStateMachineAlias: z.object({ name: z.string(), description: z.string().max(256).optional(), routingConfiguration }),
  UpdateStateMachineAlias: z.object({ stateMachineAliasArn: arn, description: z.string().max(256).optional(), routingConfiguration: routingConfiguration.optional() }),
  DescribeStateMachineAlias: z.object({ stateMachineAliasArn: arn }),
  DeleteStateMachineAlias: z.object({ stateMachineAliasArn: arn }),
  ListStateMachineAliases: z.object({ stateMachineArn: arn, maxResults, nextToken }),
  StartExecution: z.object({ stateMachineArn: arn, name: z.string().optional(), input: z.string().optional(), traceHeader: z.string().max(256).optional() }),
  StartSyncExecution: z.object({ stateMachineArn: arn, name: z.string().optional(), input: z.string().optional(), traceHeader: z.string().max(256).optional(), includedData: included }),
  DescribeExecution: z.object({ executionArn: arn, includedData: included }),
  DescribeStateMachineForExecution: z.object({ executionArn: arn, includedData: included }),
  ListExecutions: z.object({
    stateMachineArn: arn.optional(), statusFilter: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']).optional(),
    maxResults, nextToken, mapRunArn: arn.optional(), redriveFilter: z.enum(['REDRIVEN', 'NOT_REDRIVEN']).optional(),
  }),
  StopExecution: z.object({ executionArn: arn, error: z.string().max(256).optional(), cause: z.string().max(32768).optional() }),
  GetExecutionHistory: z.object({ executionArn: arn, maxResults, reverseOrder: z.boolean().optional(), nextToken: z.string().min(1).max(3096).optional(), includeExecutionData: z.boolean().optional() }),
  SendTaskSuccess: z.object({ taskToken, output: z.string() }),
  SendTaskFailure: z.object({ taskToken, error: z.string().max(256).optional(), cause: z.string().max(32768).optional() }),
  SendTaskHeartbeat: z.object({ taskToken }),
  ValidateStateMachineDefinition: z.object({
    definition: z.string().min(1), type: machineType.optional(), severity: z.enum(['ERROR', 'WARNING']).optional(), maxResults: z.number().int().min(0).max(100).optional(),
  }),
  TagResource: z.object({ resourceArn: arn, tags }),
  UntagResource: z.object({ resourceArn: arn, tagKeys: z.array(z.string().min(1).max(128)) }),
  ListTagsForResource: z.object({ resourceArn: arn }),
} as const;

export type OperationName = keyof typeof schemas;
export type Input<K extends OperationName> = z.infer<(typeof schemas)[K]>;
export type RoutingConfiguration = z.infer<typeof routingConfiguration>;

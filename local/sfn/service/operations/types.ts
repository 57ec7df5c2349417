/** What every operation handler gets and returns: the zod-parsed input and AWS's output shape. */
import type * as sdk from '@aws-sdk/client-sfn';
import type { Engine } from '../../contract';
import type { ControlPlane } from '../control-plane';
import type { Input, OperationName } from '../schemas';
import type { Starter } from '../start';

export interface OperationContext {
  engine: Engine;
  controlPlane: ControlPlane;
  starter: Starter;
}

/** Output shapes are the SDK's own types (without `$metadata`), so tsc checks them against AWS's model. */
export interface Outputs {
  CreateStateMachine: sdk.CreateStateMachineOutput;
  UpdateStateMachine: sdk.UpdateStateMachineOutput;
  DescribeStateMachine: sdk.DescribeStateMachineOutput;
  ListStateMachines: sdk.ListStateMachinesOutput;
  DeleteStateMachine: sdk.DeleteStateMachineOutput;
  PublishStateMachineVersion: sdk.PublishStateMachineVersionOutput;
  ListStateMachineVersions: sdk.ListStateMachineVersionsOutput;
  DeleteStateMachineVersion: sdk.DeleteStateMachineVersionOutput;
  CreateStateMachineAlias: sdk.CreateStateMachineAliasOutput;
  UpdateStateMachineAlias: sdk.UpdateStateMachineAliasOutput;
  DescribeStateMachineAlias: sdk.DescribeStateMachineAliasOutput;
  DeleteStateMachineAlias: sdk.DeleteStateMachineAliasOutput;
  ListStateMachineAliases: sdk.ListStateMachineAliasesOutput;
  StartExecution: sdk.StartExecutionOutput;
  StartSyncExecution: sdk.StartSyncExecutionOutput;
  DescribeExecution: sdk.DescribeExecutionOutput;
  DescribeStateMachineForExecution: sdk.DescribeStateMachineForExecutionOutput;
  ListExecutions: sdk.ListExecutionsOutput;
  StopExecution: sdk.StopExecutionOutput;
  GetExecutionHistory: sdk.GetExecutionHistoryOutput;
  SendTaskSuccess: sdk.SendTaskSuccessOutput;
  SendTaskFailure: sdk.SendTaskFailureOutput;
  SendTaskHeartbeat: sdk.SendTaskHeartbeatOutput;
  ValidateStateMachineDefinition: sdk.ValidateStateMachineDefinitionOutput;
  TagResource: sdk.TagResourceOutput;
  UntagResource: sdk.UntagResourceOutput;
  ListTagsForResource: sdk.ListTagsForResourceOutput;
}

export type Output<K extends OperationName> = Outputs[K];

export type Handler<K extends OperationName> = (ctx: OperationContext, input: Input<K>) => Promise<Output<K>>;

export type Handlers<K extends OperationName> = { [P in K]: Handler<P> };

export const date = (ms: number): Date => new Date(ms);

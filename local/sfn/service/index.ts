/**
 * The Step Functions control plane and its AWS JSON 1.0 API. The only door into this folder.
 *
 *   const controlPlane = await ControlPlane.open({ dataDir, clock });
 *   const api = createSfnApi({ engine, controlPlane });        // in-process: api.startExecution({...})
 *   const server = await createSfnServer({ api, port: 8083 });  // over HTTP for @aws-sdk/client-sfn
 */
export { createSfnApi, OPERATIONS, UnknownOperationError, type SfnApi } from './api';
export { createSfnServer, type SfnServer, type SfnServerOptions } from './http-server';
export { ControlPlane, DEFAULT_ACCOUNT, DEFAULT_REGION, type ControlPlaneOptions, type CreateMachineParams, type StartTarget } from './control-plane';
export { checkDefinition, type Diagnostic } from './definition';
export { executionArn, machineArn, parseExecutionArn, parseMachineArn, type Location, type MachineRef } from './arn';
export { loadLambdas } from './lambdas';
export { schemas, type Input, type OperationName } from './schemas';
export type { Output } from './operations/types';
export type { AliasRecord, ExecutionMeta, MachineRecord, MachineType, RevisionRecord, VersionRecord } from './model';
export type { KeyValueStore, ControlPlaneStores } from './store';
export * from './errors';

/** StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution, DescribeStateMachineForExecution. */
import type { DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import type { ExecutionRecord, ExecutionStatus } from '../../contract';
import { parseExecutionArn, parseMachineArn } from '../arn';
import { ExecutionDoesNotExistError, ResourceNotFoundError, StateMachineTypeNotSupportedError, ValidationError } from '../errors';
import { page } from '../paging';
import { date, type Handlers, type OperationContext } from './types';

export async function requireExecution({ engine, controlPlane }: OperationContext, arn: string): Promise<ExecutionRecord> {
  parseExecutionArn(arn, controlPlane.location);
  const record = await engine.describe(arn);
  if (!record) throw new ExecutionDoesNotExistError(`Execution Does Not Exist: '${arn}'`);
  return record;
}

function describe(r: ExecutionRecord): DescribeExecutionOutput {
  return {
    executionArn: r.executionArn,
    stateMachineArn: r.stateMachineArn,
    name: r.name,
    status: r.status,
    startDate: date(r.startDate),
    input: r.input,
    inputDetails: { included: true },
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
    ...(r.stopDate !== undefined ? { stopDate: date(r.stopDate) } : {}),
    ...(r.output !== undefined ? { output: r.output, outputDetails: { included: true } } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.cause !== undefined ? { cause: r.cause } : {}),
    ...(r.stateMachineVersionArn !== undefined ? { stateMachineVersionArn: r.stateMachineVersionArn } : {}),
    ...(r.stateMachineAliasArn !== undefined ? { stateMachineAliasArn: r.stateMachineAliasArn } : {}),
  };
}

export const SYNC_LIMIT_MS = 5 * 60 * 1000;

/** Waits until the execution ends: idle() covers all but timers, which are polled in real time. */
async function settled({ engine }: OperationContext, started: ExecutionRecord): Promise<ExecutionRecord> {
  const deadline = Date.now() + SYNC_LIMIT_MS;
  for (;;) {
    await engine.idle();
    const record = (await engine.describe(started.executionArn)) ?? started;
    if (record.status !== 'RUNNING' || Date.now() >= deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const STATUSES: readonly string[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] satisfies ExecutionStatus[];

export const executionHandlers: Handlers<
  'StartExecution' | 'StartSyncExecution' | 'DescribeExecution' | 'ListExecutions' | 'StopExecution' | 'DescribeStateMachineForExecution'
> = {
  async StartExecution(ctx, input) {
    const record = await ctx.starter.start(input);
    return { executionArn: record.executionArn, startDate: date(record.startDate) };
  },

  /** Express only: waits for the end (an Express execution lasts at most 5 minutes), then reports it. */
  async StartSyncExecution(ctx, input) {
    const machine = ctx.controlPlane.machine(input.stateMachineArn);
    if (machine.revision.type !== 'EXPRESS') throw new StateMachineTypeNotSupportedError(`StartSyncExecution supports EXPRESS state machines only; '${machine.arn}' is STANDARD.`);
    const started = await ctx.starter.start(input);
    const record = await settled(ctx, started);
    const { inputDetails, outputDetails, redriveCount: _c, redriveStatus: _s, ...rest } = describe(record);
    const status = record.status === 'SUCCEEDED' || record.status === 'FAILED' ? record.status : record.status === 'ABORTED' ? 'FAILED' : 'TIMED_OUT';
    return { ...rest, status, stopDate: rest.stopDate ?? date(ctx.controlPlane.clock.now()), ...(inputDetails ? { inputDetails } : {}), ...(outputDetails ? { outputDetails } : {}) };
  },

  async DescribeExecution(ctx, { executionArn }) {
    return describe(await requireExecution(ctx, executionArn));
  },

  async ListExecutions({ engine, controlPlane }, { stateMachineArn, statusFilter, maxResults, nextToken, mapRunArn }) {
    if (mapRunArn !== undefined) throw new ResourceNotFoundError(`Resource not found: map runs are not supported by this engine ('${mapRunArn}').`);
    if (stateMachineArn === undefined) throw new ValidationError('ListExecutions needs a stateMachineArn (a machine, version or alias ARN).');
    const ref = parseMachineArn(stateMachineArn, controlPlane.location);
    if (ref.kind === 'alias') controlPlane.alias(stateMachineArn);
    else await controlPlane.describeTarget(stateMachineArn); // the machine or version must exist
    const status = statusFilter !== undefined && STATUSES.includes(statusFilter) ? (statusFilter as ExecutionStatus) : undefined;
    const all = statusFilter !== undefined && status === undefined ? [] : await engine.list({ stateMachineArn: ref.machineArn, ...(status ? { status } : {}) });
    const matching = all
      .filter((r) => r.stateMachineArn === ref.machineArn && (status === undefined || r.status === status))
      .filter((r) => ref.kind === 'machine' || (ref.kind === 'version' ? r.stateMachineVersionArn : r.stateMachineAliasArn) === stateMachineArn)
      .sort((a, b) => b.startDate - a.startDate || a.executionArn.localeCompare(b.executionArn));
    const { items, nextToken: next } = page(matching, `ListExecutions:${stateMachineArn}:${statusFilter ?? ''}`, maxResults, nextToken);
    const executions = items.map((r) => ({
      executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, name: r.name, status: r.status, startDate: date(r.startDate),
      ...(r.stopDate !== undefined ? { stopDate: date(r.stopDate) } : {}),
      ...(r.stateMachineVersionArn !== undefined ? { stateMachineVersionArn: r.stateMachineVersionArn } : {}),
      ...(r.stateMachineAliasArn !== undefined ? { stateMachineAliasArn: r.stateMachineAliasArn } : {}),
    }));
    return { executions, ...(next ? { nextToken: next } : {}) };
  },

  async StopExecution(ctx, { executionArn, error, cause }) {
    const record = await requireExecution(ctx, executionArn);
    // Stopping a finished execution changes nothing and reports when it stopped.
    const stopped = record.status === 'RUNNING' ? await ctx.engine.stop(executionArn, error, cause) : record;
    return { stopDate: date(stopped.stopDate ?? ctx.controlPlane.clock.now()) };
  },

  async DescribeStateMachineForExecution(ctx, { executionArn }) {
    const record = await requireExecution(ctx, executionArn);
    const meta = await ctx.controlPlane.executionMeta(executionArn);
    const revision = (meta && (await ctx.controlPlane.revision(meta.revisionId))) ?? ctx.controlPlane.machine(record.stateMachineArn).revision;
    return {
      stateMachineArn: record.stateMachineArn, name: revision.name, definition: revision.definition, roleArn: revision.roleArn,
      updateDate: date(revision.date), loggingConfiguration: revision.loggingConfiguration, tracingConfiguration: revision.tracingConfiguration,
      revisionId: revision.revisionId,
    };
  },
};

/**
 * Result tasks and the ends of a run. A result records the run's outcome, reasons and output on
 * the run's item in DynamoDB (conditionally: a run that already ended is never overwritten),
 * then `studio.emit` puts `workflow_run.completed` on the event bus and the execution succeeds.
 * Failures (abandoned, error) are caught into `$end` and take the same two steps.
 */
import type { TaskOf } from '../model';
import type { State, States } from './asl';
import { EMIT_STATE, ENDED_STATE, FAIL_STATE, type Env } from './env';
import { END_VAR, EXECUTION_INPUT, expr, lit, objectExpr, pathExpr, sortedEntries } from './jsonata';
import type { CompileContext } from './context';
import { notEndedCondition, RUN_KEY, RUN_STATUS_KEY } from '../runtime-contract';

const STATUS = { approve: 'approved', review: 'review', decline: 'declined' } as const;
const DYNAMODB_TRANSIENT = [
  'DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded',
  'DynamoDB.InternalServerErrorException', 'DynamoDB.AmazonDynamoDBException', 'DynamoDB.SdkClientException',
];

function recordState(ctx: CompileContext, end: string, next: string, assign?: string): State {
  const notEnded = notEndedCondition();
  return {
    Type: 'Task',
    Resource: `arn:${ctx.partition}:states:::dynamodb:updateItem`,
    Arguments: {
      TableName: ctx.runsTable,
      Key: { pk: { S: expr(`${lit(RUN_KEY.pkPrefix)} & ${EXECUTION_INPUT}.workflow_run_id`) }, sk: { S: RUN_KEY.sk } },
      UpdateExpression: 'SET #status = :status, #env_status = :env_status, #result = :result, #completed = :now, #updated = :now',
      ConditionExpression: `attribute_exists(pk) AND ${notEnded.expression}`,
      ExpressionAttributeNames: {
        '#status': 'status', '#env_status': RUN_STATUS_KEY, '#result': 'result', '#completed': 'completed_at', '#updated': 'updated_at',
      },
      ExpressionAttributeValues: {
        ':status': { S: expr(`${end}.status`) },
        // runStatusKey (runtime-contract.ts): the back end starts a run with `sandbox` = (environment is sandbox).
        ':env_status': { S: expr(`(${EXECUTION_INPUT}.sandbox = true ? ${lit('sandbox')} : ${lit('live')}) & ${lit('#')} & ${end}.status`) },
        ':result': { S: expr(`$string(${end})`) },
        ':now': { S: expr('$now()') },
        ...Object.fromEntries(Object.entries(notEnded.values).map(([k, v]) => [k, { S: v }])),
      },
    },
    ...(assign ? { Assign: { [END_VAR]: assign } } : {}),
    Retry: [{ ErrorEquals: DYNAMODB_TRANSIENT, IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL' }],
    Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: ENDED_STATE }],
    Next: next,
  };
}

export function lowerResult(task: TaskOf<'result'>, env: Env): State {
  const end = objectExpr([
    ['status', lit(STATUS[task.outcome])],
    ['task_id', lit(task.id)],
    ['reasons', lit(task.reasons ?? [])],
    ['output', objectExpr(sortedEntries(task.output).map(([k, source]) => [k, pathExpr(source)]))],
  ]);
  return recordState(env.ctx, `(${end})`, EMIT_STATE, expr(end));
}

/** The states every workflow ends through. */
export function endStates(ctx: CompileContext, withFail: boolean): States {
  const detail = objectExpr([
    ['workflow_run_id', `${EXECUTION_INPUT}.workflow_run_id`], ['applicant_id', `${EXECUTION_INPUT}.applicant_id`],
    ['status', `$${END_VAR}.status`], ['result', `$${END_VAR}`],
  ]);
  return {
    ...(withFail ? { [FAIL_STATE]: recordState(ctx, `$${END_VAR}`, EMIT_STATE) } : {}),
    [EMIT_STATE]: {
      Type: 'Task',
      Resource: `arn:${ctx.partition}:states:::events:putEvents`,
      Arguments: { Entries: [{ EventBusName: ctx.eventBusName, Source: ctx.eventSource, DetailType: 'workflow_run.completed', Detail: expr(detail) }] },
      Retry: [{ ErrorEquals: ['EventBridge.EventBridgeException', 'EventBridge.InternalException', 'EventBridge.FailedEntry'],
        IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: 'FULL' }],
      Output: expr(`$${END_VAR}`),
      End: true,
    },
    [ENDED_STATE]: { Type: 'Succeed', Comment: 'The run had already ended (for example, it was cancelled); nothing to record.' },
  };
}

/**
 * The personal-data lifecycle in AWS: an EventBridge Scheduler schedule starts the purge state
 * machine every 15 minutes; its one task invokes the lifecycle function (lambdas/lifecycle/:
 * due deletions, then retention), retried with back-off; an execution that still fails (a purge
 * that failed every attempt) raises an alarm. Every purge can run again, so overlapping or
 * repeated executions are harmless. Logs without execution data (ids only reach them anyway).
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { encryptedLogGroup } from './keys';

export interface LifecycleProps { prefix: string; fn: IFunction; logsKey: Key; logRetentionDays: number }
/** How often the sweep runs; a purge happens at most this long after its `delete_at`. */
export const SWEEP_RATE = Duration.minutes(15);

export class StudioLifecycle extends Construct {
  readonly stateMachine: StateMachine;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, p: LifecycleProps) {
    super(scope, id);
    const sweep = new LambdaInvoke(this, 'Sweep', { lambdaFunction: p.fn, payload: TaskInput.fromObject({}), payloadResponseOnly: true, retryOnServiceExceptions: true });
    sweep.addRetry({ errors: ['PurgeFailed', 'States.TaskFailed'], interval: Duration.seconds(30), backoffRate: 2, maxAttempts: 4 });
    const logs = encryptedLogGroup(this, 'Logs', { key: p.logsKey, days: p.logRetentionDays, name: `/aws/vendedlogs/states/${p.prefix}-lifecycle` });
    this.stateMachine = new StateMachine(this, 'Purge', {
      stateMachineName: `${p.prefix}-lifecycle`, stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(sweep), timeout: Duration.minutes(30), tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    new Schedule(this, 'Every15Minutes', {
      schedule: ScheduleExpression.rate(SWEEP_RATE), description: `${p.prefix}: purge deleted applicants and expired runs`,
      target: new StepFunctionsStartExecution(this.stateMachine, { retryAttempts: 3 }),
    });
    this.alarm = new Alarm(this, 'PurgeFailedAlarm', {
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(15) }), threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${p.prefix}-lifecycle: a purge failed every attempt; its applicant or run keeps its personal data until a later sweep succeeds (see the function's log)`,
    });
  }
}

/** The lifecycle function's retention settings (lambdas/shared/config.ts). */
export function retentionEnvironment(s: { retentionDays: { sandbox?: number; live?: number } }): Record<string, string> {
  return {
    ...(s.retentionDays.sandbox !== undefined ? { STUDIO_RETENTION_DAYS_SANDBOX: String(s.retentionDays.sandbox) } : {}),
    ...(s.retentionDays.live !== undefined ? { STUDIO_RETENTION_DAYS_LIVE: String(s.retentionDays.live) } : {}),
  };
}

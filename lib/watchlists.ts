/**
 * The scheduled watchlist refresh in AWS: an EventBridge Scheduler schedule invokes the
 * watchlists function (lambdas/watchlists/) every `REFRESH_RATE`; it downloads the lists of the
 * `watchlistSources` setting, stores them under `watchlists/` in the media bucket (the reports
 * function screens the newest from its next check) and logs the import's counts. Only deployed
 * with sources; without, the report screens what `studio watchlist import` stored, or the seed.
 * A refresh that fails keeps the current list and raises an alarm.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

/** OFAC and the UN publish changes a few times a week; a daily refresh follows them within a day. */
export const REFRESH_RATE = Duration.hours(24);

export interface WatchlistRefreshProps { prefix: string; fn: IFunction }

export class WatchlistRefresh extends Construct {
  readonly schedule: Schedule;
  readonly alarm: Alarm;
  /** The role the schedule invokes the function with (lambda:InvokeFunction on it only). */
  readonly role: Role;

  constructor(scope: Construct, id: string, p: WatchlistRefreshProps) {
    super(scope, id);
    this.role = new Role(this, 'InvokeRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com'), description: `${p.prefix}: the watchlist schedule invokes the watchlists function` });
    this.schedule = new Schedule(this, 'Daily', {
      schedule: ScheduleExpression.rate(REFRESH_RATE), description: `${p.prefix}: download and store the watchlists (watchlistSources)`,
      target: new LambdaInvoke(p.fn, { retryAttempts: 2, role: this.role }),
    });
    this.alarm = new Alarm(this, 'RefreshFailedAlarm', {
      metric: p.fn.metricErrors({ period: Duration.hours(24) }), threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${p.prefix}-watchlists: a watchlist refresh failed; reports keep screening the list stored before (see the function's log)`,
    });
  }
}

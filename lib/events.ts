/**
 * Events: the custom bus that compiled workflows and handlers publish to (`studio.workflows`),
 * webhook delivery through SQS with dead-letter queues, Step Functions failures from the default
 * bus to the execution-events function, finished runs (and trial runs, `studio.trials`) to the
 * evidence function, and an example rule for `workflow_run.completed`.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus, EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ResourcePolicy } from 'aws-cdk-lib/aws-logs';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function, IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE, EVIDENCE_EVENTS, FAILED_EXECUTION_STATUSES, TRIAL_END_PATTERN, WEBHOOK_RULE_PATTERN } from '../lambdas/events/schemas';
import { webhookSettings } from '../lambdas/webhooks/settings';
import { encryptedLogGroup } from './keys';
import { machinePrefix } from './workflow-runtime';

export { EVENT_SOURCE };
export const FAILED_STATUSES = [...FAILED_EXECUTION_STATUSES];
/** Deliveries of one event before the worker moves it to its own dead-letter store (set on the
 *  function as WEBHOOK_MAX_ATTEMPTS), and the receives SQS allows: two more, so that a worker
 *  that dies mid-delivery does not send the message to the SQS DLQ before the app's own. */
export const WEBHOOK_MAX_ATTEMPTS = webhookSettings({}).WEBHOOK_MAX_ATTEMPTS;
export const WEBHOOK_MAX_RECEIVES = WEBHOOK_MAX_ATTEMPTS + 2;

export interface EventsProps {
  prefix: string; dataKey: Key; logsKey: Key; logRetentionDays: number;
  webhooks: IFunction; webhookTimeout: Duration; webhookConcurrency: number; executionEvents: IFunction; evidence: IFunction;
}

export class StudioEvents extends Construct {
  readonly bus: EventBus;
  readonly webhookQueue: Queue;
  readonly webhookDlq: Queue;
  readonly deliveryDlq: Queue;

  constructor(scope: Construct, id: string, p: EventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: p.prefix, description: 'Open Studio workflow and task events' });
    const queue = (qid: string, extra: { visibilityTimeout?: Duration } = {}) => new Queue(this, qid, {
      encryption: QueueEncryption.KMS, encryptionMasterKey: p.dataKey, enforceSSL: true, retentionPeriod: Duration.days(14), ...extra,
    });

    // Webhooks: bus → queue → function. A receiver that is slow or down only delays messages; after
    // WEBHOOK_MAX_ATTEMPTS the worker records a dead letter itself; the SQS DLQ (14 days) only
    // catches what the worker could not handle at all.
    this.webhookDlq = queue('WebhookDeadLetters');
    this.webhookQueue = new Queue(this, 'Webhooks', {
      encryption: QueueEncryption.KMS, encryptionMasterKey: p.dataKey, enforceSSL: true, retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(p.webhookTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.webhookDlq, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    });
    // Events EventBridge itself could not put on the queue (24 h of retries) land here.
    this.deliveryDlq = queue('EventDeliveryDeadLetters');
    new Rule(this, 'WebhookRule', {
      // The worker's own pattern: every product event, webhook redeliveries (resend) included.
      eventBus: this.bus, description: 'Every workflow and task event and every resend, to webhook delivery',
      eventPattern: { source: [...WEBHOOK_RULE_PATTERN.source] },
      targets: [new SqsQueue(this.webhookQueue, { deadLetterQueue: this.deliveryDlq, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    (p.webhooks as Function).addEnvironment('WEBHOOK_MAX_ATTEMPTS', String(WEBHOOK_MAX_ATTEMPTS));
    p.webhooks.addEventSource(new SqsEventSource(this.webhookQueue, {
      batchSize: 10, reportBatchItemFailures: true, maxConcurrency: p.webhookConcurrency,
    }));

    // Step Functions status changes are published on the default bus only.
    const { region, account, partition } = Stack.of(this);
    new Rule(this, 'ExecutionFailedRule', {
      description: 'Workflow executions that failed, timed out or were aborted',
      eventPattern: {
        source: ['aws.states'], detailType: ['Step Functions Execution Status Change'],
        detail: { status: FAILED_STATUSES, stateMachineArn: [{ prefix: `arn:${partition}:states:${region}:${account}:stateMachine:${machinePrefix(p.prefix)}` }] },
      },
      targets: [new LambdaFunction(p.executionEvents, { deadLetterQueue: this.deliveryDlq, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });

    // Evidence: a finished run's signed PDF and folder, and the timeline files asked for (lambdas/evidence).
    new Rule(this, 'EvidenceRule', {
      eventBus: this.bus, description: 'Finished runs and timeline file requests, to the evidence function',
      eventPattern: { source: [EVENT_SOURCE], detailType: [...EVIDENCE_EVENTS] },
      targets: [new LambdaFunction(p.evidence, { deadLetterQueue: this.deliveryDlq, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    // A builder's trial run ended: its end on its search index items (the same function, which does only that for them).
    new Rule(this, 'TrialEndRule', {
      eventBus: this.bus, description: 'Finished trial runs, to the evidence function (their search index status only)',
      eventPattern: { source: [...TRIAL_END_PATTERN.source], detailType: [...TRIAL_END_PATTERN.detailType] },
      targets: [new LambdaFunction(p.evidence, { deadLetterQueue: this.deliveryDlq, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });

    // Example to copy: react to finished runs. Here they are written to a log group; replace the
    // target with your own (Lambda, SQS, Step Functions, API destination...). The log gets ids and
    // the status only: the event's `result` holds outputs (names, dates of birth) that no purge
    // could reach in a log group.
    const completed = encryptedLogGroup(this, 'CompletedRuns', { key: p.logsKey, days: p.logRetentionDays });
    const completedArn = Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', arnFormat: ArnFormat.COLON_RESOURCE_NAME, resourceName: completed.logGroupName });
    // A native resource policy (the CloudWatchLogGroup target would add a custom-resource Lambda).
    new ResourcePolicy(this, 'CompletedRunsPolicy', {
      resourcePolicyName: `${p.prefix}-events-to-logs`,
      policyStatements: [new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com'), new ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${completedArn}:*`],
      })],
    });
    new Rule(this, 'ExampleRunCompletedRule', {
      eventBus: this.bus, description: 'Example: every workflow_run.completed, to a log group',
      eventPattern: { source: [EVENT_SOURCE], detailType: ['workflow_run.completed'] },
      targets: [{ bind: () => ({ arn: completedArn, input: RuleTargetInput.fromObject({
        timestamp: EventField.time,
        message: `workflow_run.completed ${EventField.fromPath('$.detail.workflow_run_id')} applicant ${EventField.fromPath('$.detail.applicant_id')} status ${EventField.fromPath('$.detail.status')}`,
      }) }) }],
    });

    // Rule-target DLQs are encrypted with the data key: EventBridge must be able to use it.
    p.dataKey.addToResourcePolicy(new PolicyStatement({
      principals: [new ServicePrincipal('events.amazonaws.com')], actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': account } },
    }));

    for (const [aid, dlq] of [['WebhookDlqAlarm', this.webhookDlq], ['DeliveryDlqAlarm', this.deliveryDlq]] as const) {
      new Alarm(this, aid, {
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${dlq.node.id}: events that could not be delivered; inspect and redrive`,
      });
    }
  }
}

/**
 * The personal-data lifecycle in the template: a schedule starts the purge state machine, which
 * invokes the lifecycle function with retries; its failures raise an alarm; its logs carry no
 * execution data; the grace period and retention reach the functions; the media bucket has no
 * fixed expiry (retention replaces it).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOf, synthStudio } from './synth';

describe('lifecycle', () => {
  const { stack, template } = synthStudio({ deletionGraceDays: 3, retentionDays: { live: 365 } });
  const machineId = stack.getLogicalId(stack.lifecycle.stateMachine.node.defaultChild as never);
  const fnEnv = (name: string) => {
    const fn = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).find((f) => f.Properties!.FunctionName === name);
    return (fn!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  test('a schedule starts the purge state machine every 15 minutes', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED',
      Target: Match.objectLike({ Arn: { Ref: machineId }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }) }),
    });
  });

  test('the machine invokes the lifecycle function with retries, logs without execution data, and its failures alarm', () => {
    const machine = resourcesOf(template, 'AWS::StepFunctions::StateMachine')[machineId]!;
    expect(machine.Properties!.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false, Level: 'ALL' });
    const definition = JSON.stringify(machine.Properties!.DefinitionString);
    expect(definition).toContain('PurgeFailed');
    expect(definition).toContain(stack.getLogicalId(stack.functions.lifecycle.fn.node.defaultChild as never));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed', Namespace: 'AWS/States', Threshold: 0,
      Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: machineId } }],
    });
  });

  test('grace period on the API, retention on the lifecycle function (only the environments given)', () => {
    expect(fnEnv('studio-prod-api').STUDIO_DELETION_GRACE_SECONDS).toBe(String(3 * 86_400));
    expect(fnEnv('studio-prod-lifecycle')).toMatchObject({ STUDIO_RETENTION_DAYS_LIVE: '365' });
    expect(fnEnv('studio-prod-lifecycle').STUDIO_RETENTION_DAYS_SANDBOX).toBeUndefined();
    expect(synthStudio().stack.settings.retentionDays).toEqual({});
  });

  test('the media bucket keeps no fixed expiry rule and no versions', () => {
    const media = resourcesOf(template, 'AWS::S3::Bucket')[stack.getLogicalId(stack.data.media.node.defaultChild as never)]!;
    const rules = (media.Properties!.LifecycleConfiguration as { Rules: Array<{ Id: string }> }).Rules.map((r) => r.Id);
    expect(rules).toEqual(['abort-incomplete-uploads']);
    expect(media.Properties!.VersioningConfiguration).toBeUndefined();
  });

  test('retentionDays names environments only', () => {
    expect(() => synthStudio({ retentionDays: { staging: 3 } as never })).toThrow(/retentionDays/);
  });
});

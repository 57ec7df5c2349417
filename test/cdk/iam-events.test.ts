/** Least privilege of the workflow role and the API, and the event plumbing. */
import { Match } from 'aws-cdk-lib/assertions';
import { actionsOf, resourcesOf, synthStudio } from './synth';
import { settingsFrom } from '../../lib/config';
import { WEBHOOK_MAX_RECEIVES } from '../../lib/events';
import { webhookSettings } from '../../lambdas/webhooks/settings';
import { REDELIVERY } from '../../lambdas/events/schemas';
import { matches, parsePattern } from '../../local/events/pattern';

const { stack, template } = synthStudio();
const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const roleId = id(stack.runtime.role as never);

describe('workflow state machine role', () => {
  const role = resourcesOf(template, 'AWS::IAM::Role')[roleId]!;
  const documents = (role.Properties!.Policies as Array<{ PolicyDocument: unknown }>).map((p) => p.PolicyDocument);
  const attached = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties!.Roles).includes(roleId));

  test('is assumed by Step Functions of this account only', () => {
    expect(role.Properties!.AssumeRolePolicyDocument).toMatchObject({ Statement: [expect.objectContaining({
      Principal: { Service: 'states.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    })] });
  });
  test('holds exactly what compiled workflows call, with no wildcard action and no attached policy', () => {
    expect(attached).toHaveLength(0);
    const actions = documents.flatMap(actionsOf);
    for (const a of actions) expect(a).not.toMatch(/\*/);
    expect(new Set(actions)).toEqual(new Set([
      'lambda:InvokeFunction', 'dynamodb:UpdateItem', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'events:PutEvents',
      'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
      'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
    ]));
  });
  test('invokes only the tasks and reports functions', () => {
    const invoke = JSON.stringify(documents).match(/function:studio-prod-[a-z-]+/g);
    expect(new Set(invoke)).toEqual(new Set(['function:studio-prod-tasks', 'function:studio-prod-reports']));
  });
});

describe('API function rights', () => {
  const apiPolicy = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .find((p) => JSON.stringify(p.Properties!.Roles).includes(id(stack.functions.api.role as never)))!;
  const statements = (apiPolicy.Properties!.PolicyDocument as { Statement: Array<{ Sid?: string; Action: string[] | string; Resource: unknown; Condition?: unknown }> }).Statement;
  const sid = (s: string) => statements.find((x) => x.Sid === s)!;
  test('iam:PassRole of the workflow role only, to Step Functions only', () => {
    expect(sid('PassWorkflowRole')).toMatchObject({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [roleId, 'Arn'] }, Condition: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } } });
  });
  test('state machine management scoped to studio-prod-* machines, versions, aliases and executions', () => {
    expect(sid('ManageWorkflowMachines').Action).toEqual(expect.arrayContaining([
      'states:CreateStateMachine', 'states:UpdateStateMachine', 'states:PublishStateMachineVersion', 'states:CreateStateMachineAlias',
      'states:UpdateStateMachineAlias', 'states:DescribeStateMachine', 'states:StartExecution']));
    expect(JSON.stringify(sid('ManageWorkflowMachines').Resource)).toMatch(/stateMachine:studio-prod--\*/);
    expect(JSON.stringify(sid('WorkflowExecutions').Resource)).toMatch(/execution:studio-prod--\*:\*/);
  });
  test('the name patterns end at a delimiter no stage contains: studio-prod never reaches studio-prod-eu', () => {
    const patterns = [sid('ManageWorkflowMachines').Resource, sid('WorkflowExecutions').Resource].flat().map((r) => JSON.stringify(r));
    for (const p of patterns) expect(p).toMatch(/:studio-prod--\*/);
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    expect(glob('studio-prod--*').test('studio-prod--wf_1')).toBe(true);
    expect(glob('studio-prod--*').test('studio-prod-eu--wf_1')).toBe(false);
    expect(() => settingsFrom(() => undefined, { stage: 'prod-' })).toThrow(/stage/);
    expect(() => settingsFrom(() => undefined, { stage: 'prod--eu' })).toThrow(/stage/);
    expect(settingsFrom(() => undefined, { stage: 'prod-eu' }).stage).toBe('prod-eu');
  });
  test('may delete the state machine versions it publishes but does not record (lost races)', () => {
    expect(sid('ManageWorkflowMachines').Action).toContain('states:DeleteStateMachineVersion');
  });
  test('STATE_MACHINE_PREFIX makes the activation handler name machines inside the pattern', () => {
    const fn = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).find((f) => f.Properties!.FunctionName === 'studio-prod-api')!;
    const prefix = (fn.Properties!.Environment as { Variables: Record<string, string> }).Variables.STATE_MACHINE_PREFIX;
    expect(`${prefix}-wf_1`).toBe('studio-prod--wf_1');   // lambdas/workflows/publish.ts machineName
  });
  test('no wildcard action anywhere in any function role', () => {
    const roles = Object.values(stack.functions).map((f) => id(f.role as never));
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) => roles.some((r) => JSON.stringify(p.Properties!.Roles).includes(r)));
    expect(policies).toHaveLength(roles.length);
    for (const p of policies) for (const a of actionsOf(p.Properties!.PolicyDocument)) expect(a).not.toMatch(/\*/);
  });
});

describe('events', () => {
  test('the deployed webhook rule takes what the worker needs: workflow events and resends', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule')).find((r) => (r as { Properties: { Description?: string } }).Properties.Description?.includes('webhook delivery'));
    const pattern = parsePattern((rule as { Properties: { EventPattern: unknown } }).Properties.EventPattern);
    for (const detailType of ['workflow_run.completed', 'workflow_task.started', REDELIVERY]) {
      expect(matches(pattern, { source: 'studio.workflows', 'detail-type': detailType, detail: {} })).toBe(true);
    }
    expect(matches(pattern, { source: 'aws.states', 'detail-type': 'workflow_run.completed', detail: {} })).toBe(false);
  });
  test('custom bus named after the stage', () => template.hasResourceProperties('AWS::Events::EventBus', { Name: 'studio-prod' }));
  test('webhooks: the worker gives up (its own dead letter) before SQS does (its DLQ)', () => {
    const fn = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).find((f) => f.Properties!.FunctionName === 'studio-prod-webhooks')!;
    const attempts = Number((fn.Properties!.Environment as { Variables: Record<string, string> }).Variables.WEBHOOK_MAX_ATTEMPTS);
    expect(attempts).toBe(webhookSettings({}).WEBHOOK_MAX_ATTEMPTS);
    const queue = Object.values(resourcesOf(template, 'AWS::SQS::Queue')).find((q) => q.Properties!.RedrivePolicy)!;
    expect((queue.Properties!.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBeGreaterThan(attempts);
  });
  test('webhooks: bus rule → encrypted queue with a DLQ → function with partial batch failures', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue(), RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: WEBHOOK_MAX_RECEIVES } });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(), EventPattern: { source: ['studio.workflows'] },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 } })],
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id(stack.functions.webhooks.fn as never) }, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 5 },
    });
  });
  test('failed, timed-out and aborted executions of studio-prod--* go to execution-events', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [{ prefix: Match.anyValue() }] } },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [id(stack.functions.executionEvents.fn as never), 'Arn'] } })],
    });
  });
  test('the failed-executions rule ends its machine prefix at the delimiter', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule')).map((r) => JSON.stringify(r)).find((r) => r.includes('aws.states'))!;
    expect(rule).toMatch(/:stateMachine:studio-prod--"\]\]\}/);
  });
  test('the example rule logs finished runs by ids and status only, never their result (outputs hold personal data)', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule')).find((r) => r.Properties!.Description === 'Example: every workflow_run.completed, to a log group')!;
    const transformer = (rule.Properties!.Targets as Array<{ InputTransformer?: { InputPathsMap: Record<string, string>; InputTemplate: string } }>)[0]!.InputTransformer!;
    expect(Object.values(transformer.InputPathsMap).sort()).toEqual(['$.detail.applicant_id', '$.detail.status', '$.detail.workflow_run_id', '$.time']);
    expect(transformer.InputTemplate).toBe('{"timestamp":<time>,"message":"workflow_run.completed <detail-workflow_run_id> applicant <detail-applicant_id> status <detail-status>"}');
  });
  test('finished trial runs (studio.trials) go to the evidence function, which syncs their search index', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(), EventPattern: { source: ['studio.trials'], 'detail-type': ['workflow_run.completed'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [id(stack.functions.evidence.fn as never), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });
  test('an example rule for workflow_run.completed', () => {
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: ['studio.workflows'], 'detail-type': ['workflow_run.completed'] } });
  });
  test('every queue enforces TLS', () => {
    for (const p of Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'))) {
      expect(JSON.stringify(p.Properties!.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

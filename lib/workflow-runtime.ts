/**
 * What every workflow state machine runs with: one shared execution role holding exactly what
 * compiled workflows call (compiler/lower: lambda:invoke(.waitForTaskToken) of the tasks and
 * reports functions, dynamodb:updateItem on the table, events:putEvents on the bus), X-Ray and
 * the CloudWatch Logs delivery actions; one log group. Also the rights of the API's activation
 * handler, which creates and updates `<prefix>-*` machines, their versions and aliases, and of the
 * deploy's upgrade of those machines (lib/workflow-upgrade.ts), which only updates them.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { encryptedLogGroup } from './keys';

/** Needed by Step Functions to set up log delivery; these actions take no resource ARN. */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
];
export const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];

/** Machine names start with this: the stack prefix and a delimiter no stage contains (`--`),
 *  so one stage's IAM patterns and event rules never match another's (`prod` vs `prod-eu`). */
export const machinePrefix = (prefix: string) => `${prefix}--`;

export interface WorkflowRuntimeProps {
  prefix: string; /** Names of the tasks and reports functions (ARNs built from names: no reference cycle). */
  functionNames: string[]; table: ITable; tableKey: Key; busArn: string; logsKey: Key; logRetentionDays: number;
}

export class WorkflowRuntime extends Construct {
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly prefix: string;

  constructor(scope: Construct, id: string, p: WorkflowRuntimeProps) {
    super(scope, id);
    this.prefix = p.prefix;
    // /aws/vendedlogs/ keeps CloudWatch Logs resource policies small however many machines log here.
    this.logGroup = encryptedLogGroup(this, 'Logs', { key: p.logsKey, days: p.logRetentionDays, name: `/aws/vendedlogs/states/${p.prefix}` });
    const fnArn = (name: string) => Stack.of(this).formatArn({ service: 'lambda', resource: 'function', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const fns = p.functionNames.map(fnArn); // compiled states call the unqualified function
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `Open Studio ${p.prefix}: execution role of every workflow state machine`,
      inlinePolicies: {
        workflow: new PolicyDocument({ statements: [
          new PolicyStatement({ sid: 'InvokeTasksAndReports', actions: ['lambda:InvokeFunction'], resources: fns }),
          new PolicyStatement({ sid: 'RecordRunResult', actions: ['dynamodb:UpdateItem'], resources: [p.table.tableArn] }),
          new PolicyStatement({
            sid: 'TableKey', actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: [p.tableKey.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
          }),
          new PolicyStatement({ sid: 'EmitRunCompleted', actions: ['events:PutEvents'], resources: [p.busArn] }),
          new PolicyStatement({ sid: 'XRay', actions: XRAY_ACTIONS, resources: ['*'] }),
          new PolicyStatement({ sid: 'LogDelivery', actions: LOG_DELIVERY_ACTIONS, resources: ['*'] }),
        ] }),
      },
    });
  }

  /** ARNs of `<prefix>--*` machines, their versions and aliases (`:<n>`, `:<alias>`) and executions. */
  arns(): { machines: string; qualified: string; executions: string } {
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const names = `${machinePrefix(this.prefix)}*`;
    return { machines: arn('stateMachine', names), qualified: arn('stateMachine', `${names}:*`), executions: arn('execution', `${names}:*`) };
  }

  /** The workflows' trial machines (`<machine>-trial`) and their versions. */
  trialArns(): { machines: string; qualified: string } {
    const arn = (name: string) => Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const names = `${machinePrefix(this.prefix)}*-trial`;
    return { machines: arn(names), qualified: arn(`${names}:*`) };
  }

  /** Stopping executions (the purge stops a purged applicant's running runs). */
  grantStop(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'StopWorkflowExecutions', resources: [this.arns().executions], actions: ['states:StopExecution'] }));
  }

  /** Starting a run whose creation a crash cut short (lambdas/runs/resume.ts) on a published version; of trial
   *  machines only, finding and deleting the version a trial run started on. Nothing that changes a workflow's machine. */
  grantResume(grantee: IGrantable): void {
    const { qualified, executions } = this.arns();
    const add = (s: PolicyStatement) => grantee.grantPrincipal.addToPrincipalPolicy(s);
    add(new PolicyStatement({ sid: 'ResumeRuns', resources: [qualified], actions: ['states:StartExecution'] }));
    // Trial machines only (`<machine>-trial`, lambdas/runs/trial-version.ts): find a trial run's version, delete it once started.
    const trials = this.trialArns();
    add(new PolicyStatement({ sid: 'ResumeTrialVersions', resources: [trials.machines, trials.qualified], actions: [
      'states:DescribeStateMachine', 'states:ListStateMachineVersions', 'states:DeleteStateMachineVersion',
    ] }));
    add(new PolicyStatement({ sid: 'ResumeRunsExecutions', resources: [executions], actions: ['states:DescribeExecution'] }));
  }

  /** Sending task tokens, nothing else: task tokens are not resources, so these actions accept no
   *  ARN (Service Authorization Reference). */
  grantTaskTokens(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
      sid: 'CompleteTasks', resources: ['*'], actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
    }));
  }

  /** The deploy's upgrade of workflow machines (lambdas/workflows/upgrade.ts): read a machine version's definition,
   *  publish the machine's definition compiled anew, move the alias `live`; PassRole of this role only. Nothing that
   *  creates or deletes machines, versions or aliases, nor starts or stops executions. */
  grantUpgrade(grantee: IGrantable): void {
    const { machines, qualified } = this.arns();
    const add = (s: PolicyStatement) => grantee.grantPrincipal.addToPrincipalPolicy(s);
    add(new PolicyStatement({ sid: 'DescribeMachineVersions', resources: [qualified], actions: ['states:DescribeStateMachine'] }));
    add(new PolicyStatement({ sid: 'RecompileMachines', resources: [machines], actions: ['states:UpdateStateMachine', 'states:PublishStateMachineVersion'] }));
    add(new PolicyStatement({ sid: 'MoveLiveAlias', resources: [qualified], actions: ['states:UpdateStateMachineAlias'] }));
    // UpdateStateMachine with a logging configuration is authorized against the caller too.
    add(new PolicyStatement({ sid: 'MachineLogDelivery', resources: ['*'], actions: LOG_DELIVERY_ACTIONS }));
    add(new PolicyStatement({
      sid: 'PassWorkflowRole', actions: ['iam:PassRole'], resources: [this.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } },
    }));
  }

  /** What the API's activation handler and run routes need, and PassRole of this role only. */
  grantManage(grantee: IGrantable): void {
    const { machines, qualified, executions } = this.arns();
    const add = (s: PolicyStatement) => grantee.grantPrincipal.addToPrincipalPolicy(s);
    add(new PolicyStatement({ sid: 'ManageWorkflowMachines', resources: [machines, qualified], actions: [
      'states:CreateStateMachine', 'states:UpdateStateMachine', 'states:DescribeStateMachine', 'states:PublishStateMachineVersion',
      'states:ListStateMachineVersions', 'states:DeleteStateMachineVersion', 'states:CreateStateMachineAlias', 'states:UpdateStateMachineAlias',
      'states:DescribeStateMachineAlias', 'states:ListStateMachineAliases', 'states:StartExecution', 'states:ListExecutions',
      'states:TagResource',
    ] }));
    add(new PolicyStatement({ sid: 'WorkflowExecutions', resources: [executions], actions: [
      'states:DescribeExecution', 'states:StopExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory',
    ] }));
    this.grantTaskTokens(grantee);
    // CreateStateMachine with a logging configuration is authorized against the caller too.
    add(new PolicyStatement({ sid: 'MachineLogDelivery', resources: ['*'], actions: LOG_DELIVERY_ACTIONS }));
    add(new PolicyStatement({
      sid: 'PassWorkflowRole', actions: ['iam:PassRole'], resources: [this.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } },
    }));
  }
}

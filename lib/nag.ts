/**
 * cdk-nag AwsSolutions findings that are accepted, each on the construct it concerns and with
 * its reason. Anything not listed here fails synth (bin/app.ts) and test/cdk/nag.test.ts.
 */
import { type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StudioStack } from './studio-stack';
import { CALLS, type FunctionKey, type StudioFunction } from './functions';

/** How cdk-nag prints a tokenized value: `<Logical.Arn>`, `<AWS::Region>`, literal text. */
export function nagText(stack: Stack, value: string): string {
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === 'string') return `<${o.Ref}>`;
    if (Array.isArray(o['Fn::GetAtt'])) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
    if (Array.isArray(o['Fn::Join'])) return ((o['Fn::Join'] as [string, unknown[]])[1]).map(render).join((o['Fn::Join'] as [string])[0]);
    throw new Error(`nagText: cannot render ${JSON.stringify(v)}`);
  };
  return render(stack.resolve(value));
}

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

export function suppressNagFindings(stack: StudioStack): void {
  const XRAY = 'X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* accept no resource ARN (active tracing, added by CDK)';
  for (const [key, f] of Object.entries(stack.functions) as [FunctionKey, StudioFunction][]) {
    ack(f.role, 'AwsSolutions-IAM5[Resource::*]', CALLS[key].includes('taskTokens') ? `${XRAY}; states:SendTaskSuccess/Failure/Heartbeat act on task tokens, not ARNs` : XRAY);
    ack(f.fn, 'AwsSolutions-L1', 'The issue pins nodejs22.x (supported by Lambda until 2027-04-30); move to the next LTS with the local stack');
  }
  const upgrade = stack.workflowUpgrade;
  ack(upgrade.fn, 'AwsSolutions-L1', 'The deploy\'s upgrade of workflow machines runs on nodejs22.x like the stack\'s functions');
  ack(upgrade.role, 'AwsSolutions-IAM5[Resource::*]', 'UpdateStateMachine with logging needs the CloudWatch Logs delivery actions, which accept no resource ARN');
  const records = stack.node.tryFindChild('WorkflowsAsCode')?.node.tryFindChild('Records');
  if (records) ack(records, 'AwsSolutions-L1', 'The records function of workflows deployed as code runs on nodejs22.x like the stack\'s functions');
  ack(stack.runtime.role, 'AwsSolutions-IAM5[Resource::*]',
    `${XRAY}; the CloudWatch Logs delivery actions Step Functions needs for logging accept no resource ARN either`);
  const api = stack.functions.api.role;
  ack(api, 'AwsSolutions-IAM5[Resource::*]',
    `${XRAY}; states:SendTaskSuccess/Failure/Heartbeat act on task tokens, not ARNs; CreateStateMachine with logging needs the Logs delivery actions, which accept no ARN`);
  const { machines, qualified, executions } = stack.runtime.arns();
  const PREFIX = 'The activation handler creates one state machine per workflow at run time, so only the name prefix is known';
  ack(api, `AwsSolutions-IAM5[Resource::${nagText(stack, machines)}]`, PREFIX);
  ack(api, `AwsSolutions-IAM5[Resource::${nagText(stack, qualified)}]`, `${PREFIX}; versions and aliases are <machine>:<n|alias>`);
  ack(api, `AwsSolutions-IAM5[Resource::${nagText(stack, executions)}]`, `${PREFIX}; executions of those machines`);
  ack(upgrade.role, `AwsSolutions-IAM5[Resource::${nagText(stack, machines)}]`, `${PREFIX}; the deploy updates those machines to their definitions compiled anew`);
  ack(upgrade.role, `AwsSolutions-IAM5[Resource::${nagText(stack, qualified)}]`, `${PREFIX}; versions and aliases are <machine>:<n|alias>: it reads a version's definition and moves the alias live`);
  const objects = `AwsSolutions-IAM5[Resource::${nagText(stack, stack.data.media.arnForObjects('*'))}]`;
  ack(api, objects, 'Media objects have generated keys (media/<id>); the API uploads, presigns, reads and deletes any of them');
  ack(stack.functions.reports.role, objects, 'Reports read any evidence object named by the run and store the face index');
  ack(stack.functions.evidence.role, objects, "The evidence function reads a run's media and writes its evidence files under the applicant's prefix");
  const purge = stack.functions.lifecycle.role;
  ack(purge, objects, 'The purge deletes every object (and version) under a purged applicant\'s prefix, whose keys are generated');
  ack(purge, `AwsSolutions-IAM5[Resource::${nagText(stack, executions)}]`, `${PREFIX}; the purge stops a purged applicant's running executions (StopExecution), and the sweep for runs left unstarted asks whether one exists (DescribeExecution)`);
  ack(purge, `AwsSolutions-IAM5[Resource::${nagText(stack, qualified)}]`, `${PREFIX}; versions are <machine>:<n>: the sweep for runs left unstarted starts one on its own (StartExecution only)`);
  for (const arn of Object.values(stack.runtime.trialArns())) {
    ack(purge, `AwsSolutions-IAM5[Resource::${nagText(stack, arn)}]`, `${PREFIX}; trial machines only: the sweep finds the version a trial run left unstarted was published on and deletes it once started`);
  }
  ack(stack.functions.watchlists.role, `AwsSolutions-IAM5[Resource::${nagText(stack, stack.data.media.arnForObjects('watchlists/*'))}]`,
    'The watchlists function stores each imported list under watchlists/ (its version in the key) and the pointer to the newest; nothing else of the bucket');
  const timelines = `AwsSolutions-IAM5[Resource::${nagText(stack, stack.data.media.arnForObjects('*/timeline_files/*'))}]`;
  for (const key of ['api', 'webhooks'] as const) {
    ack(stack.functions[key].role, timelines, 'Webhook bodies carry a presigned GET of the timeline PDF named by the event (<env>/<applicant>/timeline_files/<id>.pdf, generated keys): read only, timeline files only');
  }
  if (stack.watchlistRefresh) {
    ack(stack.watchlistRefresh.role, `AwsSolutions-IAM5[Resource::${nagText(stack, stack.functions.watchlists.fn.functionArn)}:*]`,
      'CDK\'s scheduler LambdaInvoke target grants the function and its versions; the schedule invokes the unqualified function only');
  }
  const purgeMachine = stack.lifecycle.stateMachine.role;
  ack(purgeMachine, 'AwsSolutions-IAM5[Resource::*]', `${XRAY}; the CloudWatch Logs delivery actions Step Functions needs for logging accept no resource ARN either`);
  ack(purgeMachine, `AwsSolutions-IAM5[Resource::${nagText(stack, stack.functions.lifecycle.fn.functionArn)}:*]`,
    'CDK\'s LambdaInvoke grants the function and its versions; the machine invokes the unqualified function only');
  ack(stack.api.api, 'AwsSolutions-APIG4',
    'Authorization is done by the API handler: hashed API tokens and signed SDK tokens (lambdas/api/auth.ts); the capture page calls it from browsers without AWS credentials');
  ack(stack.node.findChild('SdkTokenSecret'), 'AwsSolutions-SMG4',
    'Rotating the SDK-token signing key invalidates every SDK token in flight (90 min); rotate by hand as documented in README.md');
  ack(stack.node.findChild('EdgeSecret'), 'AwsSolutions-SMG4',
    'CloudFormation puts the value into the distribution at deploy (a dynamic reference); a rotation the distribution does not follow would only make the API key on edge addresses again: rotate by hand as documented in README.md');
  ack(stack.node.findChild('EvidenceSigningSecret'), 'AwsSolutions-SMG4',
    'A signing certificate is replaced when it expires or by the operator (their own key_pem/cert_pem); PDFs signed before stay valid, their certificate is inside');
  const pool = stack.consoleUsers.pool;
  ack(pool, 'AwsSolutions-COG2', 'MFA is offered to every console user (authenticator app, optional as the issue asks); require it per deployment by setting mfa to REQUIRED');
  ack(pool, 'AwsSolutions-COG8', 'The Plus feature plan is billed per active user; users are created by admins only, and the Essentials plan is the default; choose Plus per deployment for threat protection');
  ack(stack.events.deliveryDlq, 'AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the EventBridge rule targets');

  const cdn = stack.hosting.distribution;
  ack(cdn, 'AwsSolutions-CFR1', 'Applicants verify from wherever the integrator operates; country blocking is a policy choice of the deployment, not of the product');
  ack(cdn, 'AwsSolutions-CFR2',
    'WAF is optional and billed per rule: the API authenticates every call itself (API and SDK tokens) and is throttled at its stage; attach a web ACL to the distribution where required');
  if (!stack.settings.domainName) {
    ack(cdn, 'AwsSolutions-CFR4', 'Without domainName/certificateArn the distribution can only use the CloudFront default certificate, whose policy is fixed; with them it enforces TLSv1.2_2021');
  }
  // CDK's BucketDeployment provider (uploads web/dist): its role, policy and runtime are CDK's own.
  for (const provider of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    ack(provider, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK BucketDeployment provider (deploy time only): its own log-writing managed policy');
    ack(provider, 'AwsSolutions-L1', 'CDK BucketDeployment provider: its Python runtime is pinned by aws-cdk-lib and moves with it');
    const WILDCARDS = ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*', 'Resource::*'];
    for (const w of WILDCARDS) ack(provider, `AwsSolutions-IAM5[${w}]`, 'CDK BucketDeployment provider: copies the web/dist asset into the web bucket and invalidates the distribution (CDK-generated grants)');
    ack(provider, `AwsSolutions-IAM5[Resource::${nagText(stack, stack.hosting.bucket.arnForObjects('*'))}]`, 'CDK BucketDeployment provider: writes any file of web/dist into the web bucket');
    ack(provider, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket(stack)}/*]`, 'CDK BucketDeployment provider: reads the web/dist asset from the CDK assets bucket');
  }
}

/** The CDK bootstrap assets bucket as cdk-nag prints it. */
function assetBucket(stack: StudioStack): string {
  const name = stack.synthesizer.bootstrapQualifier ?? 'hnb659fds';
  return `cdk-${name}-assets-${stack.resolve(stack.account) === stack.account ? stack.account : '<AWS::AccountId>'}-${stack.resolve(stack.region) === stack.region ? stack.region : '<AWS::Region>'}`;
}

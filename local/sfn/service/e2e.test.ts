/** The whole stack through @aws-sdk/client-sfn only: real engine, real HTTP on an ephemeral port. */
import * as sdk from '@aws-sdk/client-sfn';
import type { LambdaHandler } from '../contract';
import { createEngine, type SfnEngine } from '../engine';
import { ControlPlane } from './control-plane';
import { createSfnServer, type SfnServer } from './http-server';
import { sdkClient } from './test/sdk';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctions';

const approval = {
  Comment: 'A Pass chain around a callback task',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Parameters: { 'order.$': '$.order', step: 'prepared' }, Next: 'Approve' },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'approve', Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
      ResultPath: '$.approval',
      Next: 'Done',
    },
    Done: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'approved.$': '$.approval.approved' }, End: true },
  },
};

describe('Step Functions Local end to end through the SDK', () => {
  let engine: SfnEngine;
  let server: SfnServer;
  let client: sdk.SFNClient;
  const tokens: { token: string; order: string }[] = [];
  let tokenArrived: () => void = () => undefined;

  const approve: LambdaHandler = async (event) => {
    tokens.push(event as { token: string; order: string });
    tokenArrived();
    return { queued: true };
  };

  beforeEach(async () => {
    engine = createEngine({ lambdas: { approve }, region: 'us-east-1', accountId: '000000000000' });
    server = await createSfnServer({ engine, controlPlane: await ControlPlane.open(), port: 0 });
    client = sdkClient(server.url);
  });
  afterEach(async () => {
    client.destroy();
    await server.close();
    await engine.close();
  });

  it('creates, publishes, aliases, starts through the alias, calls back and reports history', async () => {
    const created = await client.send(new sdk.CreateStateMachineCommand({ name: 'approvals', definition: JSON.stringify(approval), roleArn: ROLE, publish: true, versionDescription: 'v1' }));
    expect(created.stateMachineVersionArn).toBe(`${created.stateMachineArn}:1`);
    // a later revision must not be what the alias runs
    await client.send(new sdk.UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: JSON.stringify({ StartAt: 'X', States: { X: { Type: 'Fail', Error: 'Latest' } } }) }));
    const alias = await client.send(new sdk.CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: created.stateMachineVersionArn, weight: 100 }] }));

    const arrived = new Promise<void>((resolve) => (tokenArrived = resolve));
    const started = await client.send(new sdk.StartExecutionCommand({ stateMachineArn: alias.stateMachineAliasArn, name: 'order-1', input: JSON.stringify({ order: 'A-1' }) }));
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:approvals:order-1');
    await arrived;
    expect(tokens).toEqual([{ token: expect.any(String), order: 'A-1' }]);

    const running = await client.send(new sdk.DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(running).toMatchObject({ status: 'RUNNING', stateMachineVersionArn: created.stateMachineVersionArn, stateMachineAliasArn: alias.stateMachineAliasArn });
    const listed = await client.send(new sdk.ListExecutionsCommand({ stateMachineArn: alias.stateMachineAliasArn, statusFilter: 'RUNNING' }));
    expect(listed.executions?.map((e) => e.name)).toEqual(['order-1']);

    await client.send(new sdk.SendTaskHeartbeatCommand({ taskToken: tokens[0]?.token }));
    await client.send(new sdk.SendTaskSuccessCommand({ taskToken: tokens[0]?.token, output: JSON.stringify({ approved: true }) }));
    await engine.idle();

    const done = await client.send(new sdk.DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(done).toMatchObject({ status: 'SUCCEEDED' });
    expect(JSON.parse(done.output ?? 'null')).toEqual({ order: 'A-1', approved: true });
    expect(done.stopDate).toBeInstanceOf(Date);

    const history = await client.send(new sdk.GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    const types = history.events?.map((e) => e.type) ?? [];
    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toEqual(expect.arrayContaining(['PassStateEntered', 'TaskStateEntered', 'TaskSucceeded', 'TaskStateExited']));
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);
    const newest = await client.send(new sdk.GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true, maxResults: 1 }));
    expect(newest.events?.map((e) => e.type)).toEqual(['ExecutionSucceeded']);
    expect(newest.nextToken).toBeDefined();

    const forExecution = await client.send(new sdk.DescribeStateMachineForExecutionCommand({ executionArn: started.executionArn }));
    expect(JSON.parse(forExecution.definition ?? '{}')).toEqual(approval);
    await expect(client.send(new sdk.SendTaskSuccessCommand({ taskToken: tokens[0]?.token, output: '{}' }))).rejects.toBeInstanceOf(sdk.SFNServiceException);
  });

  it('fails a Lambda task whose function is not registered, and stops running executions', async () => {
    const definition = JSON.stringify({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'missing', 'Payload.$': '$' }, End: true } } });
    const { stateMachineArn } = await client.send(new sdk.CreateStateMachineCommand({ name: 'calls', definition, roleArn: ROLE }));
    const { executionArn } = await client.send(new sdk.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    await engine.idle();
    const failed = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });

    const { stateMachineArn: waitArn } = await client.send(new sdk.CreateStateMachineCommand({ name: 'waits', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }), roleArn: ROLE }));
    const waiting = await client.send(new sdk.StartExecutionCommand({ stateMachineArn: waitArn, name: 'w' }));
    await engine.idle();
    const stopped = await client.send(new sdk.StopExecutionCommand({ executionArn: waiting.executionArn, error: 'Manual', cause: 'test' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await client.send(new sdk.DescribeExecutionCommand({ executionArn: waiting.executionArn }))).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'test' });
  });

  it('runs Express machines synchronously and makes named Standard starts idempotent', async () => {
    const express = JSON.stringify({ StartAt: 'Shape', States: { Shape: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } } });
    const { stateMachineArn } = await client.send(new sdk.CreateStateMachineCommand({ name: 'adder', definition: express, roleArn: ROLE, type: 'EXPRESS' }));
    const sync = await client.send(new sdk.StartSyncExecutionCommand({ stateMachineArn, input: '{"a":2,"b":3}' }));
    expect(sync).toMatchObject({ status: 'SUCCEEDED', output: '{"sum":5}' });
    expect(sync.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:adder:/);
    const pause = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 0, Next: 'F' }, F: { Type: 'Fail', Error: 'Nope', Cause: 'after a timer' } } });
    const paused = await client.send(new sdk.CreateStateMachineCommand({ name: 'pause', definition: pause, roleArn: ROLE, type: 'EXPRESS' }));
    expect(await client.send(new sdk.StartSyncExecutionCommand({ stateMachineArn: paused.stateMachineArn }))).toMatchObject({ status: 'FAILED', error: 'Nope', cause: 'after a timer' });

    const waits = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    const standard = await client.send(new sdk.CreateStateMachineCommand({ name: 'slow', definition: waits, roleArn: ROLE }));
    const first = await client.send(new sdk.StartExecutionCommand({ stateMachineArn: standard.stateMachineArn, name: 'once', input: '{"k":1}' }));
    const second = await client.send(new sdk.StartExecutionCommand({ stateMachineArn: standard.stateMachineArn, name: 'once', input: '{"k":1}' }));
    expect(second).toEqual({ ...first, $metadata: expect.anything() });
    await expect(client.send(new sdk.StartExecutionCommand({ stateMachineArn: standard.stateMachineArn, name: 'once', input: '{"k":2}' }))).rejects.toBeInstanceOf(sdk.ExecutionAlreadyExists);
    await client.send(new sdk.StopExecutionCommand({ executionArn: first.executionArn }));
  });
});

import * as sdk from '@aws-sdk/client-sfn';
import { createSfnServer, type SfnServer } from './http-server';
import { harness, pass, waitForToken, type Harness } from './test/fixtures';
import { sdkClient } from './test/sdk';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

describe('AWS JSON 1.0 over HTTP', () => {
  let h: Harness;
  let server: SfnServer;
  let client: sdk.SFNClient;
  const internal: unknown[] = [];

  beforeEach(async () => {
    h = await harness();
    server = await createSfnServer({ api: h.api, port: 0, onInternalError: (err) => internal.push(err) });
    client = sdkClient(server.url);
  });
  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  const post = (target: string | undefined, body: string) =>
    fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/x-amz-json-1.0', ...(target ? { 'x-amz-target': target } : {}) } });

  it('serves SDK calls, returning Dates from epoch-second timestamps', async () => {
    const created = await client.send(new sdk.CreateStateMachineCommand({ name: 'orders', definition: pass(), roleArn: 'arn:aws:iam::000000000000:role/R' }));
    expect(created.stateMachineArn).toBe(ARN);
    expect(created.creationDate).toEqual(new Date(h.clock.ms));
    const described = await client.send(new sdk.DescribeStateMachineCommand({ stateMachineArn: ARN }));
    expect(described).toMatchObject({ name: 'orders', definition: pass(), type: 'STANDARD', status: 'ACTIVE' });
    const raw = await post('AWSStepFunctions.DescribeStateMachine', JSON.stringify({ stateMachineArn: ARN }));
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(((await raw.json()) as { creationDate: unknown }).creationDate).toBe(h.clock.ms / 1000);
  });

  it('maps errors to the SDK exception classes', async () => {
    await expect(client.send(new sdk.DescribeStateMachineCommand({ stateMachineArn: ARN }))).rejects.toBeInstanceOf(sdk.StateMachineDoesNotExist);
    await expect(client.send(new sdk.DescribeStateMachineCommand({ stateMachineArn: 'bad' }))).rejects.toBeInstanceOf(sdk.InvalidArn);
    await expect(client.send(new sdk.CreateStateMachineCommand({ name: 'x', definition: '{}', roleArn: 'arn:aws:iam::000000000000:role/R' }))).rejects.toMatchObject({
      name: 'InvalidDefinition', message: expect.stringContaining('SCHEMA_VALIDATION_FAILED'), $metadata: { httpStatusCode: 400 },
    });
    await client.send(new sdk.CreateStateMachineCommand({ name: 'orders', definition: waitForToken, roleArn: 'arn:aws:iam::000000000000:role/R' }));
    await client.send(new sdk.StartExecutionCommand({ stateMachineArn: ARN, name: 'e', input: '{"a":1}' }));
    await expect(client.send(new sdk.StartExecutionCommand({ stateMachineArn: ARN, name: 'e', input: '{"a":2}' }))).rejects.toBeInstanceOf(sdk.ExecutionAlreadyExists);
    await expect(client.send(new sdk.SendTaskSuccessCommand({ taskToken: 'nope', output: '{}' }))).rejects.toBeInstanceOf(sdk.TaskDoesNotExist);
    await expect(client.send(new sdk.CreateStateMachineAliasCommand({ name: 'a', routingConfiguration: [{ stateMachineVersionArn: `${ARN}:1`, weight: 100 }] }))).rejects.toBeInstanceOf(sdk.ResourceNotFound);
  });

  it('answers protocol errors and hides internal failures', async () => {
    const unknown = await post('AWSStepFunctions.Nope', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const noTarget = await post(undefined, '{}');
    expect(noTarget.status).toBe(400);
    const badJson = await post('AWSStepFunctions.ListStateMachines', '{');
    expect([badJson.status, ((await badJson.json()) as { __type: string }).__type]).toEqual([400, 'SerializationException']);
    const invalid = await post('AWSStepFunctions.CreateStateMachine', '{"name": 5}');
    expect(invalid.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(((await invalid.json()) as { message: string }).message).toMatch(/^\d+ validation errors? detected: Value at 'name'/);
    const empty = await post('AWSStepFunctions.ListStateMachines', '');
    expect(await empty.json()).toEqual({ stateMachines: [] });

    h.engine.describe = async () => {
      throw new Error('disk on fire at /secret/path');
    };
    const failed = await post('AWSStepFunctions.DescribeExecution', JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:orders:x' }));
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toMatchObject({ __type: 'InternalFailure' });
    expect(internal).toHaveLength(1);
  });
});

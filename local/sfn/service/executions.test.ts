import { failure, harness, pass, waitForToken } from './test/fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';
const EXEC = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:orders:${name}`;

describe('executions', () => {
  it('starts, describes and runs an execution to completion', async () => {
    const { api, clock, fake } = await harness();
    await api.createStateMachine({ name: 'orders', definition: pass({ ok: true }) });
    const started = await api.startExecution({ stateMachineArn: ARN, name: 'e1', input: '{"a":1}' });
    expect(started).toEqual({ executionArn: EXEC('e1'), startDate: new Date(clock.ms) });
    expect(fake?.starts[0]).toMatchObject({ executionArn: EXEC('e1'), stateMachineArn: ARN, name: 'e1', definition: pass({ ok: true }), input: '{"a":1}' });
    expect(await api.describeExecution({ executionArn: EXEC('e1') })).toMatchObject({
      executionArn: EXEC('e1'), stateMachineArn: ARN, name: 'e1', status: 'SUCCEEDED', input: '{"a":1}', output: '{"ok":true}', startDate: new Date(clock.ms),
    });
    const generated = await api.startExecution({ stateMachineArn: ARN });
    expect(generated.executionArn).toBe(EXEC('id-2'));
    expect((await api.describeExecution({ executionArn: generated.executionArn! })).input).toBe('{}');
  });

  it('is idempotent by name: same input while running returns it, otherwise ExecutionAlreadyExists', async () => {
    const { api, fake } = await harness();
    await api.createStateMachine({ name: 'orders', definition: waitForToken });
    const first = await api.startExecution({ stateMachineArn: ARN, name: 'once', input: '{"x":1}' });
    expect(await api.startExecution({ stateMachineArn: ARN, name: 'once', input: '{"x":1}' })).toEqual(first);
    expect(fake?.starts).toHaveLength(1);
    const different = await failure(api.startExecution({ stateMachineArn: ARN, name: 'once', input: '{"x":2}' }));
    expect(different.name).toBe('ExecutionAlreadyExists');
    await api.stopExecution({ executionArn: first.executionArn! });
    expect((await failure(api.startExecution({ stateMachineArn: ARN, name: 'once', input: '{"x":1}' }))).name).toBe('ExecutionAlreadyExists');
    const racing = await Promise.allSettled([api.startExecution({ stateMachineArn: ARN, name: 'race' }), api.startExecution({ stateMachineArn: ARN, name: 'race' })]);
    expect(racing.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(fake?.starts).toHaveLength(2);
  });

  it('rejects bad starts with AWS error names', async () => {
    const { api } = await harness();
    expect((await failure(api.startExecution({ stateMachineArn: ARN }))).name).toBe('StateMachineDoesNotExist');
    await api.createStateMachine({ name: 'orders', definition: pass() });
    expect((await failure(api.startExecution({ stateMachineArn: ARN, input: '{oops' }))).name).toBe('InvalidExecutionInput');
    expect((await failure(api.startExecution({ stateMachineArn: ARN, input: JSON.stringify('x'.repeat(300_000)) }))).name).toBe('InvalidExecutionInput');
    expect((await failure(api.startExecution({ stateMachineArn: ARN, name: 'a/b' }))).name).toBe('InvalidName');
    expect((await failure(api.startExecution({ stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:orders' }))).name).toBe('InvalidArn');
    expect((await failure(api.startExecution({ stateMachineArn: `${ARN}:9` }))).name).toBe('StateMachineDoesNotExist');
    expect((await failure(api.describeExecution({ executionArn: EXEC('nope') }))).name).toBe('ExecutionDoesNotExist');
    expect((await failure(api.describeExecution({ executionArn: 'nope' }))).name).toBe('InvalidArn');
    expect((await failure(api.startSyncExecution({ stateMachineArn: ARN }))).name).toBe('StateMachineTypeNotSupported');
  });

  it('starts through versions and aliases, routing by weight', async () => {
    const { api, rolls, fake } = await harness();
    await api.createStateMachine({ name: 'orders', definition: pass('v1'), publish: true });
    await api.updateStateMachine({ stateMachineArn: ARN, definition: pass('v2'), publish: true });
    await api.updateStateMachine({ stateMachineArn: ARN, definition: pass('latest') });
    await api.createStateMachineAlias({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: `${ARN}:1`, weight: 70 }, { stateMachineVersionArn: `${ARN}:2`, weight: 30 }] });

    await api.startExecution({ stateMachineArn: ARN, name: 'm' });
    await api.startExecution({ stateMachineArn: `${ARN}:2`, name: 'v' });
    rolls.push(0.69, 0.7);
    await api.startExecution({ stateMachineArn: `${ARN}:live`, name: 'a1' });
    await api.startExecution({ stateMachineArn: `${ARN}:live`, name: 'a2' });
    const outputs = await Promise.all(['m', 'v', 'a1', 'a2'].map(async (n) => (await api.describeExecution({ executionArn: EXEC(n) })).output));
    expect(outputs).toEqual(['"latest"', '"v2"', '"v1"', '"v2"']);
    expect(fake?.starts.map((s) => [s.stateMachineVersionArn, s.stateMachineAliasArn])).toEqual([
      [undefined, undefined], [`${ARN}:2`, undefined], [`${ARN}:1`, `${ARN}:live`], [`${ARN}:2`, `${ARN}:live`],
    ]);
    expect(await api.describeExecution({ executionArn: EXEC('a2') })).toMatchObject({ stateMachineVersionArn: `${ARN}:2`, stateMachineAliasArn: `${ARN}:live` });

    const names = async (stateMachineArn: string) => (await api.listExecutions({ stateMachineArn })).executions?.map((e) => e.name).sort();
    expect(await names(ARN)).toEqual(['a1', 'a2', 'm', 'v']);
    expect(await names(`${ARN}:2`)).toEqual(['a2', 'v']);
    expect(await names(`${ARN}:live`)).toEqual(['a1', 'a2']);
    expect((await failure(api.listExecutions({ stateMachineArn: `${ARN}:nope` }))).name).toBe('ResourceNotFound');
    expect((await failure(api.listExecutions({}))).name).toBe('ValidationException');
    expect((await failure(api.listExecutions({ stateMachineArn: `${ARN}:7` }))).name).toBe('StateMachineDoesNotExist');
  });

  it('lists executions newest first with status filter and paging', async () => {
    const { api, clock } = await harness();
    await api.createStateMachine({ name: 'orders', definition: waitForToken });
    for (const name of ['e1', 'e2', 'e3', 'e4']) {
      clock.advance(1000);
      await api.startExecution({ stateMachineArn: ARN, name });
    }
    await api.stopExecution({ executionArn: EXEC('e2'), error: 'Oops', cause: 'why' });
    const first = await api.listExecutions({ stateMachineArn: ARN, maxResults: 2 });
    expect(first.executions?.map((e) => e.name)).toEqual(['e4', 'e3']);
    const second = await api.listExecutions({ stateMachineArn: ARN, maxResults: 2, nextToken: first.nextToken });
    expect(second.executions?.map((e) => [e.name, e.status])).toEqual([['e2', 'ABORTED'], ['e1', 'RUNNING']]);
    expect(second.nextToken).toBeUndefined();
    const running = await api.listExecutions({ stateMachineArn: ARN, statusFilter: 'RUNNING' });
    expect(running.executions?.map((e) => e.name)).toEqual(['e4', 'e3', 'e1']);
    expect((await failure(api.listExecutions({ stateMachineArn: ARN, statusFilter: 'ABORTED', nextToken: first.nextToken }))).name).toBe('InvalidToken');
    expect(await api.describeExecution({ executionArn: EXEC('e2') })).toMatchObject({ status: 'ABORTED', error: 'Oops', cause: 'why', stopDate: new Date(clock.ms) });
    // stopping again is harmless and reports the original stop date
    clock.advance(5);
    expect(await api.stopExecution({ executionArn: EXEC('e2') })).toEqual({ stopDate: new Date(clock.ms - 5) });
  });

  it('completes task tokens and reports history with paging, reverse order and without data', async () => {
    const { api } = await harness();
    await api.createStateMachine({ name: 'orders', definition: waitForToken });
    await api.startExecution({ stateMachineArn: ARN, name: 't', input: '{"in":1}' });
    expect((await failure(api.sendTaskSuccess({ taskToken: 'token-1', output: 'not json' }))).name).toBe('InvalidOutput');
    expect((await failure(api.sendTaskSuccess({ taskToken: 'token-9', output: '{}' }))).name).toBe('TaskDoesNotExist');
    await api.sendTaskHeartbeat({ taskToken: 'token-1' });
    await api.sendTaskSuccess({ taskToken: 'token-1', output: '{"approved":true}' });
    expect(await api.describeExecution({ executionArn: EXEC('t') })).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });

    const all = (await api.getExecutionHistory({ executionArn: EXEC('t') })).events ?? [];
    expect(all[0]).toMatchObject({ id: 1, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{"in":1}' } });
    expect(all[0]?.timestamp).toBeInstanceOf(Date);
    expect(all.at(-1)?.type).toBe('ExecutionSucceeded');
    const reversed = await api.getExecutionHistory({ executionArn: EXEC('t'), reverseOrder: true, maxResults: 3 });
    expect(reversed.events?.map((e) => e.id)).toEqual([all.length, all.length - 1, all.length - 2]);
    const rest = await api.getExecutionHistory({ executionArn: EXEC('t'), reverseOrder: true, maxResults: 100, nextToken: reversed.nextToken });
    expect(rest.events?.map((e) => e.id)).toEqual(all.slice(0, -3).map((e) => e.id).reverse());
    const bare = await api.getExecutionHistory({ executionArn: EXEC('t'), includeExecutionData: false });
    expect(bare.events?.[0]?.executionStartedEventDetails).toEqual({ roleArn: 'arn:aws:iam::000000000000:role/StepFunctionsLocalRole' });
    expect((await failure(api.getExecutionHistory({ executionArn: EXEC('none') }))).name).toBe('ExecutionDoesNotExist');

    await api.startExecution({ stateMachineArn: ARN, name: 'f' });
    await api.sendTaskFailure({ taskToken: 'token-2', error: 'Denied', cause: 'no' });
    expect(await api.describeExecution({ executionArn: EXEC('f') })).toMatchObject({ status: 'FAILED', error: 'Denied', cause: 'no' });
  });

  it('describes the machine revision an execution started with', async () => {
    const { api } = await harness();
    await api.createStateMachine({ name: 'orders', definition: waitForToken });
    await api.startExecution({ stateMachineArn: ARN, name: 'old' });
    await api.updateStateMachine({ stateMachineArn: ARN, definition: pass() });
    const described = await api.describeStateMachineForExecution({ executionArn: EXEC('old') });
    expect(described).toMatchObject({ stateMachineArn: ARN, name: 'orders', definition: waitForToken, revisionId: 'id-1' });
    expect((await failure(api.describeStateMachineForExecution({ executionArn: EXEC('x') }))).name).toBe('ExecutionDoesNotExist');
  });

  it('runs Express machines with express ARNs, synchronously on request', async () => {
    const { api } = await harness();
    await api.createStateMachine({ name: 'quick', definition: pass({ fast: true }), type: 'EXPRESS' });
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:quick';
    const result = await api.startSyncExecution({ stateMachineArn: arn, name: 'q', input: '{}' });
    expect(result).toMatchObject({ executionArn: 'arn:aws:states:us-east-1:000000000000:express:quick:q:id-2', status: 'SUCCEEDED', output: '{"fast":true}' });
    const again = await api.startExecution({ stateMachineArn: arn, name: 'q' });
    expect(again.executionArn).not.toBe(result.executionArn);
  });
});

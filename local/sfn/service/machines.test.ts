import { failure, harness, pass, ROLE, waitForToken } from './test/fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

describe('state machines', () => {
  it('creates, describes, lists, updates and deletes a machine', async () => {
    const { api, clock } = await harness();
    const created = await api.createStateMachine({ name: 'orders', definition: pass(), roleArn: ROLE, tags: [{ key: 'team', value: 'a' }] });
    expect(created).toEqual({ stateMachineArn: ARN, creationDate: new Date(clock.ms) });

    const described = await api.describeStateMachine({ stateMachineArn: ARN });
    expect(described).toMatchObject({
      stateMachineArn: ARN, name: 'orders', status: 'ACTIVE', definition: pass(), roleArn: ROLE, type: 'STANDARD',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false }, tracingConfiguration: { enabled: false }, revisionId: 'id-1',
    });

    await api.createStateMachine({ name: 'billing', definition: pass(), type: 'EXPRESS' });
    const listed = await api.listStateMachines({});
    expect(listed.stateMachines?.map((m) => [m.name, m.type])).toEqual([['billing', 'EXPRESS'], ['orders', 'STANDARD']]);

    clock.advance(5000);
    const updated = await api.updateStateMachine({ stateMachineArn: ARN, definition: pass({ v: 2 }), tracingConfiguration: { enabled: true } });
    expect(updated).toEqual({ updateDate: new Date(clock.ms), revisionId: 'id-3' });
    expect(await api.describeStateMachine({ stateMachineArn: ARN })).toMatchObject({ definition: pass({ v: 2 }), tracingConfiguration: { enabled: true }, revisionId: 'id-3' });
    expect((await api.listTagsForResource({ resourceArn: ARN })).tags).toEqual([{ key: 'team', value: 'a' }]);

    await api.deleteStateMachine({ stateMachineArn: ARN });
    expect(await failure(api.describeStateMachine({ stateMachineArn: ARN }))).toEqual({ name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${ARN}'` });
    await api.deleteStateMachine({ stateMachineArn: ARN }); // idempotent, as in AWS
  });

  it('makes Create idempotent for the same configuration and rejects a different one', async () => {
    const { api } = await harness();
    const first = await api.createStateMachine({ name: 'orders', definition: pass(), roleArn: ROLE });
    expect(await api.createStateMachine({ name: 'orders', definition: pass(), roleArn: ROLE, tags: [{ key: 'x', value: 'y' }] })).toEqual(first);
    expect((await failure(api.createStateMachine({ name: 'orders', definition: pass(1), roleArn: ROLE }))).name).toBe('StateMachineAlreadyExists');
  });

  it('rejects bad names, ARNs, definitions and bodies with AWS error names', async () => {
    const { api } = await harness();
    expect((await failure(api.createStateMachine({ name: 'has space', definition: pass() }))).name).toBe('InvalidName');
    expect((await failure(api.createStateMachine({ name: 'x'.repeat(81), definition: pass() }))).name).toBe('InvalidName');
    const bad = await failure(api.createStateMachine({ name: 'bad', definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }) }));
    expect(bad.name).toBe('InvalidDefinition');
    expect(bad.message).toContain('MISSING_TRANSITION_TARGET');
    expect((await failure(api.createStateMachine({ name: 'bad', definition: '{nope' }))).message).toContain('INVALID_JSON_DESCRIPTION');
    expect((await failure(api.createStateMachine({ name: 'ex', definition: waitForToken, type: 'EXPRESS' }))).message).toContain("'.waitForTaskToken'");
    expect((await failure(api.createStateMachine({ name: 'r', definition: pass(), roleArn: 'role' }))).name).toBe('InvalidArn');
    expect((await failure(api.createStateMachine({ name: 'l', definition: pass(), loggingConfiguration: { level: 'ALL' } }))).name).toBe('InvalidLoggingConfiguration');
    expect((await failure(api.describeStateMachine({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:execution:x:y' }))).name).toBe('InvalidArn');
    expect((await failure(api.call('CreateStateMachine', { name: 3 }))).name).toBe('ValidationException');
    expect((await failure(api.call('NoSuchThing', {}))).name).toBe('UnknownOperationException');
    await api.createStateMachine({ name: 'orders', definition: pass() });
    expect((await failure(api.updateStateMachine({ stateMachineArn: ARN }))).name).toBe('ValidationException');
    expect((await failure(api.updateStateMachine({ stateMachineArn: ARN, definition: '{}' }))).name).toBe('InvalidDefinition');
    expect((await failure(api.updateStateMachine({ stateMachineArn: `${ARN}:1`, definition: pass() }))).name).toBe('ValidationException');
  });

  it('pages ListStateMachines with nextToken and rejects foreign tokens', async () => {
    const { api } = await harness();
    for (const name of ['a', 'b', 'c', 'd', 'e']) await api.createStateMachine({ name, definition: pass() });
    const one = await api.listStateMachines({ maxResults: 2 });
    const two = await api.listStateMachines({ maxResults: 2, nextToken: one.nextToken });
    const three = await api.listStateMachines({ maxResults: 2, nextToken: two.nextToken });
    expect([one, two, three].map((p) => p.stateMachines?.map((m) => m.name))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(three.nextToken).toBeUndefined();
    expect((await failure(api.listStateMachines({ nextToken: 'garbage' }))).name).toBe('InvalidToken');
    const versions = await failure(api.listStateMachineVersions({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:a', nextToken: one.nextToken }));
    expect(versions.name).toBe('InvalidToken');
  });

  it('tags and untags a machine', async () => {
    const { api } = await harness();
    await api.createStateMachine({ name: 'orders', definition: pass() });
    await api.tagResource({ resourceArn: ARN, tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
    await api.tagResource({ resourceArn: ARN, tags: [{ key: 'a', value: '3' }] });
    await api.untagResource({ resourceArn: ARN, tagKeys: ['b'] });
    expect((await api.listTagsForResource({ resourceArn: ARN })).tags).toEqual([{ key: 'a', value: '3' }]);
    expect((await failure(api.tagResource({ resourceArn: `${ARN}x`, tags: [] }))).name).toBe('ResourceNotFound');
  });

  it('validates definitions with diagnostics', async () => {
    const { api } = await harness();
    expect(await api.validateStateMachineDefinition({ definition: pass() })).toEqual({ result: 'OK', diagnostics: [], truncated: false });
    const failed = await api.validateStateMachineDefinition({ definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Bogus', End: true } } }) });
    expect(failed.result).toBe('FAIL');
    expect(failed.diagnostics?.[0]).toMatchObject({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/States/A/Type' });
    const express = await api.validateStateMachineDefinition({ definition: waitForToken, type: 'EXPRESS', maxResults: 1 });
    expect(express).toMatchObject({ result: 'FAIL', diagnostics: [{ location: '/States/Wait/Resource' }], truncated: false });
  });
});

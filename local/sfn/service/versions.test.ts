import { failure, harness, pass } from './test/fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

describe('versions and aliases', () => {
  it('publishes versions on create, update and on demand, idempotently per revision', async () => {
    const { api, clock } = await harness();
    const created = await api.createStateMachine({ name: 'orders', definition: pass(1), publish: true, versionDescription: 'first' });
    expect(created.stateMachineVersionArn).toBe(`${ARN}:1`);
    expect(await api.publishStateMachineVersion({ stateMachineArn: ARN })).toEqual({ stateMachineVersionArn: `${ARN}:1`, creationDate: new Date(clock.ms) });

    clock.advance(1000);
    const updated = await api.updateStateMachine({ stateMachineArn: ARN, definition: pass(2), publish: true, versionDescription: 'second' });
    expect(updated.stateMachineVersionArn).toBe(`${ARN}:2`);
    await api.updateStateMachine({ stateMachineArn: ARN, definition: pass(3) });
    const { revisionId } = await api.describeStateMachine({ stateMachineArn: ARN });
    const conflict = await failure(api.publishStateMachineVersion({ stateMachineArn: ARN, revisionId: 'stale' }));
    expect(conflict.name).toBe('ConflictException');
    expect((await api.publishStateMachineVersion({ stateMachineArn: ARN, revisionId, description: 'third' })).stateMachineVersionArn).toBe(`${ARN}:3`);

    const v1 = await api.describeStateMachine({ stateMachineArn: `${ARN}:1` });
    expect(v1).toMatchObject({ stateMachineArn: `${ARN}:1`, definition: pass(1), description: 'first' });
    expect((await api.describeStateMachine({ stateMachineArn: `${ARN}:2` })).definition).toBe(pass(2));
    const listed = await api.listStateMachineVersions({ stateMachineArn: ARN });
    expect(listed.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${ARN}:3`, `${ARN}:2`, `${ARN}:1`]);
    const paged = await api.listStateMachineVersions({ stateMachineArn: ARN, maxResults: 2 });
    expect((await api.listStateMachineVersions({ stateMachineArn: ARN, nextToken: paged.nextToken })).stateMachineVersions).toHaveLength(1);

    await api.deleteStateMachineVersion({ stateMachineVersionArn: `${ARN}:3` });
    expect((await failure(api.describeStateMachine({ stateMachineArn: `${ARN}:3` }))).name).toBe('StateMachineDoesNotExist');
    // numbers are not reused after a delete
    await api.updateStateMachine({ stateMachineArn: ARN, definition: pass(4), publish: true });
    expect((await api.listStateMachineVersions({ stateMachineArn: ARN })).stateMachineVersions?.[0]?.stateMachineVersionArn).toBe(`${ARN}:4`);
    expect((await failure(api.createStateMachine({ name: 'x', definition: pass(), versionDescription: 'no publish' }))).name).toBe('ValidationException');
  });

  it('creates, describes, updates, lists and deletes aliases', async () => {
    const { api, clock } = await harness();
    await api.createStateMachine({ name: 'orders', definition: pass(1), publish: true });
    await api.updateStateMachine({ stateMachineArn: ARN, definition: pass(2), publish: true });
    const routing = [{ stateMachineVersionArn: `${ARN}:1`, weight: 100 }];
    const created = await api.createStateMachineAlias({ name: 'live', description: 'prod', routingConfiguration: routing });
    expect(created).toEqual({ stateMachineAliasArn: `${ARN}:live`, creationDate: new Date(clock.ms) });
    expect(await api.createStateMachineAlias({ name: 'live', description: 'prod', routingConfiguration: routing })).toEqual(created);
    expect((await failure(api.createStateMachineAlias({ name: 'live', routingConfiguration: routing }))).name).toBe('ConflictException');

    clock.advance(10);
    const split = [{ stateMachineVersionArn: `${ARN}:1`, weight: 90 }, { stateMachineVersionArn: `${ARN}:2`, weight: 10 }];
    expect(await api.updateStateMachineAlias({ stateMachineAliasArn: `${ARN}:live`, routingConfiguration: split })).toEqual({ updateDate: new Date(clock.ms) });
    expect(await api.describeStateMachineAlias({ stateMachineAliasArn: `${ARN}:live` })).toEqual({
      stateMachineAliasArn: `${ARN}:live`, name: 'live', description: 'prod', routingConfiguration: split, creationDate: created.creationDate, updateDate: new Date(clock.ms),
    });
    await api.createStateMachineAlias({ name: 'beta', routingConfiguration: [{ stateMachineVersionArn: `${ARN}:2`, weight: 100 }] });
    const aliases = await api.listStateMachineAliases({ stateMachineArn: ARN });
    expect(aliases.stateMachineAliases?.map((a) => a.stateMachineAliasArn)).toEqual([`${ARN}:beta`, `${ARN}:live`]);

    expect((await failure(api.deleteStateMachineVersion({ stateMachineVersionArn: `${ARN}:2` }))).name).toBe('ConflictException');
    await api.deleteStateMachineAlias({ stateMachineAliasArn: `${ARN}:beta` });
    expect((await failure(api.describeStateMachineAlias({ stateMachineAliasArn: `${ARN}:beta` }))).name).toBe('ResourceNotFound');
    expect((await failure(api.deleteStateMachineAlias({ stateMachineAliasArn: `${ARN}:beta` }))).name).toBe('ResourceNotFound');
    expect((await failure(api.describeStateMachine({ stateMachineArn: `${ARN}:live` }))).name).toBe('InvalidArn');
  });

  it('rejects invalid routing configurations', async () => {
    const { api } = await harness();
    await api.createStateMachine({ name: 'orders', definition: pass(1), publish: true });
    await api.createStateMachine({ name: 'other', definition: pass(1), publish: true });
    const v = (n: number, weight: number, m = 'orders') => ({ stateMachineVersionArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${m}:${n}`, weight });
    const cases: [string, Parameters<typeof api.createStateMachineAlias>[0]['routingConfiguration']][] = [
      ['ValidationException', [v(1, 60)]],
      ['ValidationException', [v(1, 50), v(1, 50)]],
      ['ValidationException', [v(1, 50), v(1, 50, 'other')]],
      ['ValidationException', [v(1, 20), v(1, 20), v(1, 60)]],
      ['ResourceNotFound', [v(7, 100)]],
      ['InvalidArn', [{ stateMachineVersionArn: 'not-an-arn', weight: 100 }]],
    ];
    for (const [name, routingConfiguration] of cases) {
      expect([name, (await failure(api.createStateMachineAlias({ name: 'a', routingConfiguration }))).name]).toEqual([name, name]);
    }
    expect((await failure(api.createStateMachineAlias({ name: '123', routingConfiguration: [v(1, 100)] }))).name).toBe('ValidationException');
    expect((await failure(api.updateStateMachineAlias({ stateMachineAliasArn: `arn:aws:states:us-east-1:000000000000:stateMachine:orders:nope` }))).name).toBe('ValidationException');
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSfnApi } from './api';
import { ControlPlane } from './control-plane';
import type { MachineRecord } from './model';
import { MemoryStore, type KeyValueStore } from './store';
import { FakeEngine } from './test/fake-engine';
import { failure, pass, TestClock, waitForToken } from './test/fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';

describe('durable control plane', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sfn-service-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function open(clock = new TestClock()) {
    let ids = 0;
    const controlPlane = await ControlPlane.open({ dataDir, clock, newId: () => `${clock.ms}-${++ids}` });
    const engine = new FakeEngine(clock);
    return { controlPlane, engine, api: createSfnApi({ engine, controlPlane }) };
  }

  it('keeps machines, versions, aliases, tags and execution revisions across a restart', async () => {
    const first = await open();
    await first.api.createStateMachine({ name: 'orders', definition: waitForToken, publish: true, tags: [{ key: 'k', value: 'v' }] });
    await first.api.updateStateMachine({ stateMachineArn: ARN, definition: pass(2), publish: true });
    await first.api.createStateMachineAlias({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: `${ARN}:1`, weight: 100 }] });
    await first.api.createStateMachine({ name: 'gone', definition: pass() });
    await first.api.deleteStateMachine({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:gone' });
    const { executionArn } = await first.api.startExecution({ stateMachineArn: `${ARN}:live`, name: 'e' });

    const later = new TestClock(Date.UTC(2026, 0, 1));
    const second = await open(later);
    expect((await second.api.listStateMachines({})).stateMachines?.map((m) => m.name)).toEqual(['orders']);
    expect(await second.api.describeStateMachine({ stateMachineArn: ARN })).toMatchObject({ definition: pass(2) });
    expect((await second.api.describeStateMachine({ stateMachineArn: `${ARN}:1` })).definition).toBe(waitForToken);
    expect((await second.api.describeStateMachineAlias({ stateMachineAliasArn: `${ARN}:live` })).routingConfiguration).toEqual([{ stateMachineVersionArn: `${ARN}:1`, weight: 100 }]);
    expect((await second.api.listTagsForResource({ resourceArn: ARN })).tags).toEqual([{ key: 'k', value: 'v' }]);
    // the revision an execution ran is remembered on our side (the engine only knows the text)
    await second.engine.start({ ...first.engine.starts[0]!, input: '{}' });
    expect((await second.api.describeStateMachineForExecution({ executionArn: executionArn! })).definition).toBe(waitForToken);
    // version numbering continues where it stopped
    await second.api.updateStateMachine({ stateMachineArn: ARN, definition: pass(3), publish: true });
    expect((await second.api.listStateMachineVersions({ stateMachineArn: ARN })).stateMachineVersions?.[0]?.stateMachineVersionArn).toBe(`${ARN}:3`);
    expect((await failure(second.api.describeStateMachine({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:gone' }))).name).toBe('StateMachineDoesNotExist');
  });

  it('writes each record as a whole JSON file and leaves no temporary files', async () => {
    const { api } = await open();
    await Promise.all(['a', 'b', 'c'].map((name) => api.createStateMachine({ name, definition: pass(name), publish: true })));
    const dir = path.join(dataDir, 'control-plane', 'machines');
    const files = await readdir(dir);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('.json'))).toBe(true);
    const records = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as { key: string; value: { versions: unknown[] } }));
    expect(records.map((r) => r.key).sort()).toEqual(['a', 'b', 'c']);
    expect(records.every((r) => r.value.versions.length === 1)).toBe(true);
  });

  it('keeps memory as on disk when a write fails', async () => {
    const inner = new MemoryStore<MachineRecord>();
    let failing = false;
    const machines: KeyValueStore<MachineRecord> = {
      get: (k) => inner.get(k),
      put: async (k, v) => {
        if (failing) throw new Error('disk full');
        await inner.put(k, v);
      },
      delete: (k) => inner.delete(k),
      list: () => inner.list(),
    };
    const controlPlane = await ControlPlane.open({ stores: { machines, revisions: new MemoryStore(), executions: new MemoryStore() } });
    const api = createSfnApi({ engine: new FakeEngine(new TestClock()), controlPlane });
    await api.createStateMachine({ name: 'orders', definition: pass(1) });
    failing = true;
    await expect(api.updateStateMachine({ stateMachineArn: ARN, definition: pass(2), publish: true })).rejects.toThrow('disk full');
    await expect(api.createStateMachine({ name: 'other', definition: pass(1) })).rejects.toThrow('disk full');
    failing = false;
    expect(await api.describeStateMachine({ stateMachineArn: ARN })).toMatchObject({ definition: pass(1) });
    expect((await api.listStateMachines({})).stateMachines?.map((m) => m.name)).toEqual(['orders']);
    expect((await api.listStateMachineVersions({ stateMachineArn: ARN })).stateMachineVersions).toEqual([]);
  });
});

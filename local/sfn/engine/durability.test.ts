import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecSnapshot } from './interp/snapshot';
import { FileStore } from './store/file-store';
import { jsonata, lastToken, out, refresh, run, tempDir, testEngine, VirtualClock } from './test-harness';

const callback = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Next: 'Done',
  Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } }, Assign: { answer: '{% $states.result.v %}' } };
const flow = jsonata({
  Init: { Type: 'Pass', Assign: { who: '{% $states.input.who %}' }, Next: 'Ask' },
  Ask: callback,
  Done: { Type: 'Pass', Output: { who: '{% $who %}', answer: '{% $answer %}' }, End: true },
});
const lambdas = { notify: async () => null };

describe('durable mode (file store)', () => {
  it('a token wait survives a restart: variables and the token are restored', async () => {
    const dataDir = tempDir();
    const clock = new VirtualClock();
    const a = testEngine({ dataDir, clock, lambdas }).engine;
    const r = await run(a, flow, { who: 'ann' });
    const token = await lastToken(a, r);
    await a.close();

    const b = testEngine({ dataDir, clock, lambdas }).engine;
    expect((await b.describe(r.executionArn))?.status).toBe('RUNNING');
    await b.sendTaskSuccess(token, JSON.stringify({ v: 'yes' }));
    const done = await refresh(b, r);
    expect(out(done)).toEqual({ who: 'ann', answer: 'yes' });
    const h = await b.history(r.executionArn);
    expect(h.map((e) => e.id)).toEqual(h.map((_, i) => i + 1));
    expect(h.at(-1)?.type).toBe('ExecutionSucceeded');
    await b.close();
  });

  it('a task timeout that expired while the process was down fires on start', async () => {
    const dataDir = tempDir();
    const clock = new VirtualClock();
    const a = testEngine({ dataDir, clock, lambdas }).engine;
    const r = await run(a, jsonata({ Ask: { ...callback, TimeoutSeconds: 30, Next: undefined, End: true } }));
    await a.close();

    clock.advance(3600);
    const b = testEngine({ dataDir, clock, lambdas }).engine;
    const done = await refresh(b, r);
    expect([done.status, done.error]).toEqual(['FAILED', 'States.Timeout']);
    await b.close();
  });

  it('a Wait in a Map branch resumes after restart', async () => {
    const dataDir = tempDir();
    const clock = new VirtualClock();
    const a = testEngine({ dataDir, clock }).engine;
    const r = await run(a, jsonata({ M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'W', States: {
      W: { Type: 'Wait', Seconds: '{% $states.input %}', Output: '{% $states.input * 10 %}', End: true } } } } }), [1, 2]);
    await a.close();
    clock.advance(5);
    const b = testEngine({ dataDir, clock }).engine;
    expect(out(await refresh(b, r))).toEqual([10, 20]);
    await b.close();
  });

  it('a torn last journal record is ignored: the execution reloads as of its last complete step', async () => {
    const dataDir = tempDir();
    const clock = new VirtualClock();
    const a = testEngine({ dataDir, clock, lambdas }).engine;
    const r = await run(a, flow, { who: 'bo' });
    const token = await lastToken(a, r);
    await a.close();
    const dir = path.join(dataDir, 'executions');
    const file = path.join(dir, fs.readdirSync(dir)[0] as string);
    fs.appendFileSync(file, '1234abcd {"s":{"half a rec');

    const b = testEngine({ dataDir, clock, lambdas }).engine;
    await b.sendTaskSuccess(token, '{"v":1}');
    expect(out(await refresh(b, r))).toEqual({ who: 'bo', answer: 1 });
    await b.close();
    const c = testEngine({ dataDir, clock, lambdas }).engine;
    expect((await c.describe(r.executionArn))?.status).toBe('SUCCEEDED');
    await c.close();
  });

  it('a task scheduled but never run before a crash is invoked again on start', async () => {
    const dataDir = tempDir();
    const clock = new VirtualClock();
    let release: () => void = () => undefined;
    const hanging = testEngine({ dataDir, clock, lambdas: { work: () => new Promise(() => { release = () => undefined; }) } }).engine;
    const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:test:crash';
    await hanging.start({ executionArn, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', name: 'crash', input: '{}',
      definition: JSON.stringify(jsonata({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'work' }, Output: '{% $states.result.Payload %}', End: true } })) });
    release();
    // The "crash": this engine is abandoned, not closed; a new one takes over the folder.
    const b = testEngine({ dataDir, clock, lambdas: { work: async () => 'done' } }).engine;
    await b.idle();
    expect(out((await b.describe(executionArn))!)).toBe('done');
    await b.close();
  });

  it('the compaction at an execution\'s end (fsync + rename) does not hold up the event loop, and reloads whole', async () => {
    const dataDir = tempDir();
    const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:test:end';
    const record = { executionArn, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:test', name: 'end', status: 'RUNNING' as const, input: '{}', startDate: 0 };
    const snap = (status: 'RUNNING' | 'SUCCEEDED'): ExecSnapshot => ({ v: 1, record: { ...record, status }, definition: '{}', nextEventId: 1, nextThreadId: 0, nextTimerId: 1, threads: {}, timers: [], timedOutTokens: [] });
    const store = new FileStore(dataDir);
    await store.save(snap('RUNNING'), [{ id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 0 }]);
    await store.save(snap('RUNNING'), [{ id: 2, previousEventId: 1, type: 'PassStateEntered', timestamp: 1 }]);
    let turned = false;
    setImmediate(() => { turned = true; });
    await store.save(snap('SUCCEEDED'), [{ id: 3, previousEventId: 2, type: 'ExecutionSucceeded', timestamp: 2 }]);
    // A synchronous fsync finished the save before the event loop could run anything else.
    expect(turned).toBe(true);
    const [loaded] = await new FileStore(dataDir).loadAll();
    expect(loaded?.snapshot.record.status).toBe('SUCCEEDED');
    expect(loaded?.history.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(fs.readFileSync(path.join(dataDir, 'executions', fs.readdirSync(path.join(dataDir, 'executions'))[0]!), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });
});

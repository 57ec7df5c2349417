import { SfnApiError } from '../contract';
import { jsonata, lastToken, out, refresh, run, testEngine } from './test-harness';

const invoke = (fn: string, extra: object = {}) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: fn, Payload: '{% $states.input %}' }, ...extra });
const callback = (extra: object = {}) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } }, ...extra });

describe('Lambda tasks', () => {
  it('invokes a registered handler and shapes the result like lambda:invoke', async () => {
    const { engine } = testEngine({ lambdas: { double: async (e) => ({ v: (e as { v: number }).v * 2 }) } });
    const r = await run(engine, jsonata({ T: invoke('double', { End: true }) }), { v: 21 });
    const res = out(r) as Record<string, unknown>;
    expect(res.Payload).toEqual({ v: 42 });
    expect(res).toMatchObject({ ExecutedVersion: '$LATEST', StatusCode: 200 });
    expect(res.SdkHttpMetadata).toBeDefined();
    expect(res.SdkResponseMetadata).toBeDefined();
    const types = (await engine.history(r.executionArn)).map((e) => e.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('resolves handlers by function ARN and accepts raw Lambda ARNs as Resource; unregister removes them', async () => {
    const { engine } = testEngine();
    engine.registerLambda('arn:aws:lambda:us-east-1:123456789012:function:echo', async (e) => e);
    const r = await run(engine, jsonata({ T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo', End: true } }), { a: 1 });
    expect(out(r)).toEqual({ a: 1 });
    engine.unregisterLambda('echo');
    const gone = await run(engine, jsonata({ T: invoke('echo', { End: true }) }));
    expect(gone.error).toBe('Lambda.ResourceNotFoundException');
    expect(gone.cause).toMatch(/^Function not found: arn:aws:lambda:us-east-1:123456789012:function:echo:\$LATEST/);
  });

  it('a throwing handler fails the task with its error type and a JSON cause', async () => {
    class PaymentError extends Error { override name = 'PaymentError'; }
    const { engine } = testEngine({ lambdas: { pay: async () => { throw new PaymentError('declined'); } } });
    const r = await run(engine, jsonata({ T: invoke('pay', { End: true }) }));
    expect(r.error).toBe('PaymentError');
    const cause = JSON.parse(r.cause ?? '{}') as Record<string, unknown>;
    expect(Object.keys(cause)).toEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    expect(cause).toMatchObject({ errorMessage: 'declined', errorType: 'PaymentError' });
  });

  it('Retry backs off on the virtual clock, then Catch assigns and routes with $states.errorOutput', async () => {
    let calls = 0;
    const { engine, clock } = testEngine({ lambdas: { flaky: async () => { calls++; throw new Error('nope'); } } });
    const r = await run(engine, jsonata({
      T: invoke('flaky', {
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 3 }],
        Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'H', Assign: { err: '{% $states.errorOutput.Error %}' }, Output: '{% $states.errorOutput %}' }],
        Next: 'Never',
      }),
      Never: { Type: 'Pass', End: true },
      H: { Type: 'Pass', Output: { err: '{% $err %}', hadCause: '{% $exists($states.input.Cause) %}' }, End: true },
    }));
    expect(calls).toBe(1);
    clock.advance(2); await engine.fireDueTimers();
    expect(calls).toBe(2);
    clock.advance(5); await engine.fireDueTimers();
    expect(calls).toBe(2);  // second retry waits 2 * 3 = 6 s
    clock.advance(1); await engine.fireDueTimers();
    expect(calls).toBe(3);
    expect(out(await refresh(engine, r))).toEqual({ err: 'Error', hadCause: true });
  });

  it('TimeoutSeconds fails a task with States.Timeout, which States.TaskFailed does not catch', async () => {
    const { engine, clock } = testEngine({ lambdas: { notify: async () => null } });
    const r = await run(engine, jsonata({
      T: callback({ TimeoutSeconds: 10, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'H' }], End: true }),
      H: { Type: 'Pass', End: true },
    }));
    const token = await lastToken(engine, r);
    clock.advance(10); await engine.fireDueTimers();
    const done = await refresh(engine, r);
    expect([done.status, done.error]).toEqual(['FAILED', 'States.Timeout']);
    expect((await engine.history(r.executionArn)).map((e) => e.type)).toContain('TaskTimedOut');
    await expect(engine.sendTaskSuccess(token, '{}')).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });
});

describe('task tokens', () => {
  it('sendTaskSuccess resumes with the output as $states.result', async () => {
    const seen: unknown[] = [];
    const { engine } = testEngine({ lambdas: { notify: async (e) => { seen.push(e); return 'queued'; } } });
    const r = await run(engine, jsonata({ T: callback({ Output: { got: '{% $states.result.answer %}' }, End: true }) }));
    const token = await lastToken(engine, r);
    expect(seen).toEqual([{ token }]);
    expect(token.length).toBeLessThanOrEqual(2048);
    expect((await engine.history(r.executionArn)).map((e) => e.type)).toContain('TaskSubmitted');
    await engine.sendTaskSuccess(token, JSON.stringify({ answer: 42 }));
    expect(out(await refresh(engine, r))).toEqual({ got: 42 });
    await expect(engine.sendTaskSuccess(token, '{}')).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('sendTaskFailure fails the task with the given error and cause', async () => {
    const { engine } = testEngine({ lambdas: { notify: async () => null } });
    const r = await run(engine, jsonata({ T: callback({ End: true }) }));
    await engine.sendTaskFailure(await lastToken(engine, r), 'Rejected', 'by reviewer');
    const done = await refresh(engine, r);
    expect([done.status, done.error, done.cause]).toEqual(['FAILED', 'Rejected', 'by reviewer']);
  });

  it('heartbeats keep a task alive; missing one fails it with States.Timeout', async () => {
    const { engine, clock } = testEngine({ lambdas: { notify: async () => null } });
    const r = await run(engine, jsonata({ T: callback({ HeartbeatSeconds: 5, TimeoutSeconds: 100, End: true }) }));
    const token = await lastToken(engine, r);
    for (let i = 0; i < 3; i++) {
      clock.advance(4); await engine.fireDueTimers();
      await engine.sendTaskHeartbeat(token);
    }
    expect((await refresh(engine, r)).status).toBe('RUNNING');
    clock.advance(5); await engine.fireDueTimers();
    const done = await refresh(engine, r);
    expect([done.status, done.error]).toEqual(['FAILED', 'States.Timeout']);
  });

  it('rejects bad tokens and bad output with AWS error names', async () => {
    const { engine } = testEngine({ lambdas: { notify: async () => null } });
    const r = await run(engine, jsonata({ T: callback({ End: true }) }));
    const token = await lastToken(engine, r);
    await expect(engine.sendTaskSuccess('not a token!', '{}')).rejects.toBeInstanceOf(SfnApiError);
    await expect(engine.sendTaskSuccess('not a token!', '{}')).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(engine.sendTaskSuccess('A'.repeat(64), '{}')).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(engine.sendTaskSuccess(token, '{oops')).rejects.toMatchObject({ name: 'InvalidOutput' });
    await expect(engine.history('arn:aws:states:us-east-1:123456789012:execution:test:none')).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('stop aborts a waiting execution and invalidates its token', async () => {
    const { engine } = testEngine({ lambdas: { notify: async () => null } });
    const r = await run(engine, jsonata({ T: callback({ End: true }) }));
    const token = await lastToken(engine, r);
    const stopped = await engine.stop(r.executionArn, 'Manual', 'test');
    expect([stopped.status, stopped.error]).toEqual(['ABORTED', 'Manual']);
    await expect(engine.sendTaskSuccess(token, '{}')).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('execution TimeoutSeconds ends the execution as TIMED_OUT', async () => {
    const { engine, clock } = testEngine({ lambdas: { notify: async () => null } });
    const r = await run(engine, { ...jsonata({ T: callback({ End: true }) }), TimeoutSeconds: 60 });
    clock.advance(60); await engine.fireDueTimers();
    expect((await refresh(engine, r)).status).toBe('TIMED_OUT');
  });
});

describe('other integrations', () => {
  it('events:putEvents delivers to the injected bus; a failed entry is EventBridge.FailedEntry', async () => {
    const sent: unknown[] = [];
    let fail = false;
    const { engine } = testEngine({ eventBus: { putEvents: async (entries) => { sent.push(...entries); return fail ? { Entries: [{ ErrorCode: 'X' }], FailedEntryCount: 1 } : { Entries: [{ EventId: 'e1' }], FailedEntryCount: 0 }; } } });
    const def = jsonata({ E: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Arguments: { Entries: [{ Source: 'app', DetailType: 'done', Detail: { id: 1 } }] }, End: true } });
    expect(out(await run(engine, def))).toEqual({ Entries: [{ EventId: 'e1' }], FailedEntryCount: 0 });
    expect(sent).toEqual([{ Source: 'app', DetailType: 'done', Detail: '{"id":1}' }]);
    fail = true;
    expect((await run(engine, def)).error).toBe('EventBridge.FailedEntry');
  });

  it('dynamodb:getItem goes through the injected client; errors are DynamoDB.<Exception>', async () => {
    const send = jest.fn(async (cmd: { input: unknown }) => {
      if ((cmd.input as { TableName: string }).TableName === 'missing') { const e = new Error('Requested resource not found'); e.name = 'ResourceNotFoundException'; throw e; }
      return { $metadata: {}, Item: { pk: { S: 'a' } } };
    });
    const { engine } = testEngine({ dynamodb: { send } as never });
    const def = (table: string) => jsonata({ G: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Arguments: { TableName: table, Key: { pk: { S: 'a' } } }, End: true } });
    expect(out(await run(engine, def('t')))).toEqual({ Item: { pk: { S: 'a' } } });
    expect((await run(engine, def('missing'))).error).toBe('DynamoDB.ResourceNotFoundException');
  });

  it('an unknown resource fails loudly with States.Runtime', async () => {
    const { engine } = testEngine();
    const r = await run(engine, jsonata({ T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } }));
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('Unsupported task resource');
  });
});

import { jsonata, out, refresh, run, testEngine } from './test-harness';

describe('JSONata states', () => {
  it('Pass with Output and Assign; variables visible from the next state', async () => {
    const { engine } = testEngine();
    const r = await run(engine, jsonata({
      A: { Type: 'Pass', Assign: { x: '{% $states.input.n + 1 %}' }, Output: { seen: '{% $exists($x) %}' }, Next: 'B' },
      B: { Type: 'Pass', Output: { seen: '{% $states.input.seen %}', x: '{% $x %}', name: '{% $states.context.State.Name %}', exec: '{% $states.context.Execution.Name %}' }, End: true },
    }), { n: 1 }, 'vars');
    expect(r.status).toBe('SUCCEEDED');
    expect(out(r)).toEqual({ seen: false, x: 2, name: 'B', exec: 'vars' });
  });

  it('Choice picks the first true Condition, else Default; no match fails with States.NoChoiceMatched', async () => {
    const { engine } = testEngine();
    const def = jsonata({
      C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.v > 10 %}', Next: 'Big', Assign: { kind: 'big' } }], Default: 'Small', Assign: { kind: 'small' } },
      Big: { Type: 'Pass', Output: '{% $kind %}', End: true },
      Small: { Type: 'Pass', Output: '{% $kind %}', End: true },
    });
    expect(out(await run(engine, def, { v: 11 }))).toBe('big');
    expect(out(await run(engine, def, { v: 1 }))).toBe('small');
    const none = await run(engine, jsonata({ C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'C' }] } }));
    expect(none.status).toBe('FAILED');
    expect(none.error).toBe('States.NoChoiceMatched');
  });

  it('$now() and $millis() read the engine clock, not the host clock', async () => {
    const { engine, clock } = testEngine();
    const r = await run(engine, jsonata({
      P: { Type: 'Pass', Output: { now: '{% $now() %}', ms: '{% $millis() %}', day: "{% $now('[Y0001]-[M01]-[D01]') %}" }, End: true },
    }));
    expect(out(r)).toEqual({ now: new Date(clock.now()).toISOString(), ms: clock.now(), day: new Date(clock.now()).toISOString().slice(0, 10) });
  });

  it('Wait blocks until the virtual clock reaches the timer', async () => {
    const { engine, clock } = testEngine();
    const r = await run(engine, jsonata({ W: { Type: 'Wait', Seconds: '{% $states.input.s %}', Next: 'P' }, P: { Type: 'Pass', End: true } }), { s: 30 });
    expect(r.status).toBe('RUNNING');
    clock.advance(29);
    await engine.fireDueTimers();
    expect((await refresh(engine, r)).status).toBe('RUNNING');
    clock.advance(1);
    await engine.fireDueTimers();
    expect((await refresh(engine, r)).status).toBe('SUCCEEDED');
  });

  it('Fail reports Error and Cause; Succeed ends with its Output', async () => {
    const { engine } = testEngine();
    const f = await run(engine, jsonata({ F: { Type: 'Fail', Error: '{% "E" & $states.input.n %}', Cause: 'because' } }), { n: 7 });
    expect([f.status, f.error, f.cause]).toEqual(['FAILED', 'E7', 'because']);
    const s = await run(engine, jsonata({ S: { Type: 'Succeed', Output: { ok: true } } }));
    expect(out(s)).toEqual({ ok: true });
  });

  it('Parallel branches read outer variables, cannot leak their own, and keep branch order', async () => {
    const { engine } = testEngine();
    const r = await run(engine, jsonata({
      Init: { Type: 'Pass', Assign: { base: 10 }, Next: 'Par' },
      Par: {
        Type: 'Parallel', Next: 'After',
        Branches: [
          { StartAt: 'B1', States: { B1: { Type: 'Pass', Assign: { inner: 1 }, Output: '{% $base + 1 %}', End: true } } },
          { StartAt: 'B2', States: { B2: { Type: 'Wait', Seconds: 0, Output: '{% $base + 2 %}', End: true } } },
        ],
      },
      After: { Type: 'Pass', Output: { results: '{% $states.input %}', inner: '{% $exists($inner) %}' }, End: true },
    }));
    const done = await (async () => { await engine.fireDueTimers(); return refresh(engine, r); })();
    expect(out(done)).toEqual({ results: [11, 12], inner: false });
    const types = (await engine.history(r.executionArn)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateExited']));
  });

  it('Map with Items, ItemSelector, MaxConcurrency and the item context', async () => {
    const { engine } = testEngine();
    const r = await run(engine, jsonata({
      M: {
        Type: 'Map', Items: '{% $states.input.xs %}', MaxConcurrency: 2,
        ItemSelector: { v: '{% $states.context.Map.Item.Value %}', i: '{% $states.context.Map.Item.Index %}' },
        ItemProcessor: { StartAt: 'Sq', States: { Sq: { Type: 'Pass', Output: '{% $states.input.v * $states.input.v + $states.input.i %}', End: true } } },
        End: true,
      },
    }), { xs: [1, 2, 3] });
    expect(out(r)).toEqual([1, 5, 11]);
    const types = (await engine.history(r.executionArn)).map((e) => e.type);
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
  });

  it('Map tolerates failures up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const { engine } = testEngine();
    const def = (n: number) => jsonata({
      M: {
        Type: 'Map', ToleratedFailureCount: n, End: true,
        ItemProcessor: { StartAt: 'C', States: {
          C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input < 0 %}', Next: 'Bad' }], Default: 'Ok' },
          Bad: { Type: 'Fail', Error: 'Negative' }, Ok: { Type: 'Pass', End: true } } },
      },
    });
    expect((await run(engine, def(1), [1, -1, 2])).status).toBe('SUCCEEDED');
    const f = await run(engine, def(0), [1, -1, 2]);
    expect([f.status, f.error]).toEqual(['FAILED', 'States.ExceedToleratedFailureThreshold']);
  });

  it('an undefined JSONata result fails with States.QueryEvaluationError and AWS cause text', async () => {
    const { engine } = testEngine();
    const r = await run(engine, jsonata({ P: { Type: 'Pass', Output: '{% $nope %}', End: true } }));
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toBe("An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$nope' specified for the field 'Output' returned nothing (undefined).");
  });

  it('AWS JSONata functions: $partition, inclusive $range, $hash, $parse, $uuid; $eval is refused', async () => {
    const { engine } = testEngine();
    const r = await run(engine, jsonata({ P: { Type: 'Pass', End: true, Output: {
      p: '{% $partition([1,2,3], 2) %}', r: '{% $range(0, 6, 3) %}', h: "{% $hash('abc', 'SHA-256') %}",
      j: '{% $parse(\'{"a":1}\') %}', u: '{% $length($uuid()) %}' } } }));
    expect(out(r)).toEqual({ p: [[1, 2], [3]], r: [0, 3, 6], h: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', j: { a: 1 }, u: 36 });
    const e = await run(engine, jsonata({ P: { Type: 'Pass', Output: "{% $eval('1') %}", End: true } }));
    expect(e.error).toBe('States.QueryEvaluationError');
  });

  it('JSONPath mode: InputPath, Parameters with intrinsics, ResultPath, OutputPath', async () => {
    const { engine } = testEngine();
    const r = await run(engine, { StartAt: 'P', States: { P: {
      Type: 'Pass', InputPath: '$.in', Parameters: { 'msg.$': "States.Format('hi {}', $.name)", 'id.$': '$$.Execution.Name' },
      ResultPath: '$.res', OutputPath: '$.res', End: true } } }, { in: { name: 'ann' } }, 'jp');
    expect(out(r)).toEqual({ msg: 'hi ann', id: 'jp' });
  });

  it('an unsupported feature fails loudly instead of producing output', async () => {
    const { engine } = testEngine();
    const r = await run(engine, { StartAt: 'M', States: { M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } });
    expect(r.status).toBe('FAILED');
    expect(r.cause).toContain('Unsupported by this engine: ItemReader');
  });
});

import { seededRandom, uuidFrom } from './index';
import { jsonata, out, run, testEngine } from './test-harness';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every random draw of the language, in both query languages. */
const draws = {
  StartAt: 'Jsonata',
  States: {
    Jsonata: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { random: '{% $random() %}', uuid: '{% $uuid() %}', seeded: '{% $random(7) %}' }, Next: 'Intrinsics' },
    Intrinsics: { Type: 'Pass', Parameters: { 'jsonata.$': '$', 'uuid.$': 'States.UUID()', 'dice.$': 'States.MathRandom(0, 100)' }, End: true },
  },
};

describe('engine randomness is injected (EngineOptions.random / uuid)', () => {
  it('a seeded source gives the same $random, $uuid, States.UUID and States.MathRandom on every run', async () => {
    const first = out(await run(testEngine({ random: seededRandom(42) }).engine, draws));
    const second = out(await run(testEngine({ random: seededRandom(42) }).engine, draws));
    const other = out(await run(testEngine({ random: seededRandom(43) }).engine, draws));
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    const r = first as { jsonata: { random: number; uuid: string; seeded: number }; uuid: string; dice: number };
    expect(r.jsonata.uuid).toMatch(UUID_V4);
    expect(r.uuid).toMatch(UUID_V4);
    // $random(seed) stays seeded by its argument, whatever the engine's source
    expect(r.jsonata.seeded).toBe((other as typeof r).jsonata.seeded);
  });

  it('draws exactly from the injected source', async () => {
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const { engine } = testEngine({ random: () => 0.25, uuid: () => ids.shift() ?? 'exhausted' });
    expect(out(await run(engine, draws))).toEqual({
      jsonata: { random: 0.25, uuid: '11111111-1111-4111-8111-111111111111', seeded: expect.any(Number) },
      uuid: '22222222-2222-4222-8222-222222222222',
      dice: 25,
    });
  });

  it('full retry jitter scales the back-off by the injected source', async () => {
    const { engine, clock } = testEngine({ random: () => 0.25 });
    engine.registerLambda('flaky', async () => { throw new Error('down'); });
    const r = await run(engine, {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'flaky' },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 1, JitterStrategy: 'FULL' }], End: true,
        },
      },
    });
    expect(r.status).toBe('RUNNING');
    expect(engine.nextTimerDue()).toBe(clock.now() + 2500);
  });

  it('derives version 4 UUIDs from an injected random source', () => {
    expect(uuidFrom(seededRandom(1))).toBe(uuidFrom(seededRandom(1)));
    expect(uuidFrom(seededRandom(1))).toMatch(UUID_V4);
    expect(uuidFrom(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('without injection, draws differ between executions', async () => {
    const { engine } = testEngine();
    const def = jsonata({ P: { Type: 'Pass', Output: '{% $uuid() %}', End: true } });
    expect(out(await run(engine, def))).not.toEqual(out(await run(engine, def)));
  });
});

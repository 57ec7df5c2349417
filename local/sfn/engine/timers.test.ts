import { TimerScheduler } from './timers';

/** The scheduler arms real timeouts only with `auto`; fake timers drive them here. */
describe('TimerScheduler (auto)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const timer = (due: number) => ({ id: 1, due, kind: 'retry' as const, thread: 0 });

  it('arms again a timer due at the same time as the one that just fired', () => {
    const now = 1_000;
    const fired: string[] = [];
    const s = new TimerScheduler({ now: () => now }, true, (arn) => fired.push(arn));
    s.schedule('a', [timer(now)]);
    jest.advanceTimersByTime(0);
    expect(fired).toEqual(['a']);
    s.schedule('a', [timer(now)]);
    jest.advanceTimersByTime(0);
    expect(fired).toEqual(['a', 'a']);
  });

  it('does not arm twice for an unchanged due time', () => {
    const fired: string[] = [];
    const s = new TimerScheduler({ now: () => 0 }, true, (arn) => fired.push(arn));
    s.schedule('a', [timer(50)]);
    s.schedule('a', [timer(50)]);
    jest.advanceTimersByTime(50);
    expect(fired).toEqual(['a']);
  });
});

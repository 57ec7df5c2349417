import { HEAD_TURN_REASONS, headTurn, MOTION_LIMIT_SECONDS, MOTION_TURN_DEGREES } from './head-turn';
import type { Frame } from './frames';

const frames = (yaws: Array<number | null>, every = 1.1): Array<{ frame: Frame; yaw: number | null }> =>
  yaws.map((yaw, i) => ({ frame: { id: `v#frame${i}`, bytes: Buffer.alloc(0), contentType: 'image/jpeg', video: 'v', at: i * every, duration: yaws.length * every }, yaw }));

describe('headTurn', () => {
  it('a turn past the threshold each way from where the head rests is clear, and says how far', () => {
    const turn = headTurn(frames([-2, -1.5, -12, -2, 9, -2, -1, -2]));
    expect(turn.reasons).toEqual([]);
    expect(turn.properties).toMatchObject({ rest_yaw: -2, turn_negative: 10, turn_positive: 11, frames_with_yaw: 8, turn_degrees: MOTION_TURN_DEGREES });
  });

  it('a still picture moved about (yaw within a degree) did not turn; one side only is named', () => {
    expect(headTurn(frames([0.2, -0.3, 0.1, 0.4, -0.2, 0, 0.3, -0.1])).reasons).toEqual([HEAD_TURN_REASONS.noTurn]);
    expect(headTurn(frames([0, 0, 14, 15, 0, 0, 0, 0])).reasons).toEqual([HEAD_TURN_REASONS.oneWay]);
  });

  it('fewer than three frames with a fitted mesh cannot show a turn', () => {
    expect(headTurn(frames([null, 20, null, -20, null])).reasons).toEqual([HEAD_TURN_REASONS.notMeasurable]);
  });

  it('turns after the time limit do not count', () => {
    const late = frames([0, 0, 0, 0, 0, 0, -15, 15], (MOTION_LIMIT_SECONDS + 1) / 6);
    expect(headTurn(late)).toMatchObject({ reasons: [HEAD_TURN_REASONS.noTurn], properties: { frames: 6 } });
  });
});

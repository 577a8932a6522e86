import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks';

const H = 3_600_000;
const M = 60_000;

describe('timeTicks', () => {
  it('puts ticks on whole hours for a few hours', () => {
    expect(timeTicks(7 * H + 16 * M, 12 * H + 20 * M, 6, 0)).toEqual([8 * H, 9 * H, 10 * H, 11 * H, 12 * H]);
  });

  it('picks a longer step so there are never more ticks than asked', () => {
    const ticks = timeTicks(0, 24 * H, 6, 0);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[1] - ticks[0]).toBe(6 * H);
  });

  it('aligns to the local clock', () => {
    // UTC+05:30: local 09:00 is 03:30 UTC.
    expect(timeTicks(3 * H, 4 * H, 1, 330)[0]).toBe(3 * H + 30 * M);
  });

  it('gives nothing for an empty window', () => {
    expect(timeTicks(5, 5, 6, 0)).toEqual([]);
  });
});

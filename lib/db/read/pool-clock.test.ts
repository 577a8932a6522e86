import { describe, expect, it } from 'vitest';
import { poolNowMs, wallMsOf, WALL_CLOCK } from './pool-clock';

describe('pool clocks', () => {
  it('leaves wall-clock pools alone', () => {
    expect(poolNowMs(WALL_CLOCK, 1234)).toBe(1234);
    expect(wallMsOf(WALL_CLOCK, 1234)).toBe(1234);
  });

  it('runs a simulated pool faster from its anchor, and converts back', () => {
    const clock = { speed: 60, anchorWallMs: 1_000_000, anchorPoolMs: 5_000_000 };
    expect(poolNowMs(clock, 1_010_000)).toBe(5_600_000);
    expect(wallMsOf(clock, 5_600_000)).toBe(1_010_000);
  });
});

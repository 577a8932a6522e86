/**
 * A pool's clock against the wall clock. A real pool's times are wall-clock times. The demo
 * pool's are simulated: its simulator runs `speed` times faster, and every time stored for it
 * is simulated time, so "now" for its charts is its own clock, while "collected N s ago"
 * (is the collector alive?) is measured on the wall clock.
 */
export interface PoolClock {
  speed: number;
  /** A moment known on both clocks (the last run: stored in pool time, written at wall time). */
  anchorWallMs: number;
  anchorPoolMs: number;
}

export const WALL_CLOCK: PoolClock = { speed: 1, anchorWallMs: 0, anchorPoolMs: 0 };

export function poolNowMs(clock: PoolClock, wallNowMs: number): number {
  return clock.anchorPoolMs + (wallNowMs - clock.anchorWallMs) * clock.speed;
}

export function wallMsOf(clock: PoolClock, poolMs: number): number {
  return clock.anchorWallMs + (poolMs - clock.anchorPoolMs) / clock.speed;
}

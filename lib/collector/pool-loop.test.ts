import { describe, expect, it } from 'vitest';
import type { Clock } from './clock';
import type { PoolCollector } from './pool-collector';
import type { StepResult } from './types';
import { startPoolLoop } from './pool-loop';

/** A clock whose timers run only when the test says so. */
function manualClock() {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const clock: Clock = {
    nowMs: () => 0,
    setTimeout: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  };
  return { clock, timers };
}

function scriptedCollector(results: StepResult[]) {
  let stopped = false;
  const collector = {
    step: async () => results.shift() ?? { ok: true, kind: 'events' },
    stop: async () => {
      stopped = true;
    },
  } as unknown as PoolCollector;
  return { collector, isStopped: () => stopped };
}

const failed: StepResult = { ok: false, kind: 'connect', error: 'down', reconnectNow: false };

describe('startPoolLoop', () => {
  it('starts after the stagger delay, backs off on failures, and resets after a success', async () => {
    const { clock, timers } = manualClock();
    const { collector } = scriptedCollector([failed, failed, { ok: true, kind: 'connect' }, { ok: true, kind: 'events' }]);
    const seen: StepResult[] = [];
    startPoolLoop(collector, { clock, initialDelayMs: 2_000, eventDebounceMs: 200, backoff: { baseMs: 1_000, maxMs: 60_000, random: () => 1 }, onStep: (r) => seen.push(r) });
    for (let i = 0; i < 4; i++) {
      timers[i].fn();
      await expect.poll(() => seen.length).toBe(i + 1);
    }
    expect(timers.map((t) => t.ms)).toEqual([2_000, 1_000, 2_000, 0, 200]);
  });

  it('reconnects at once when the master moved', async () => {
    const { clock, timers } = manualClock();
    const { collector } = scriptedCollector([{ ok: false, kind: 'events', error: 'moved', reconnectNow: true }]);
    const seen: StepResult[] = [];
    startPoolLoop(collector, { clock, onStep: (r) => seen.push(r) });
    timers[0].fn();
    await expect.poll(() => seen.length).toBe(1);
    expect(timers[1].ms).toBe(0);
  });

  it('stops: clears the pending timer and stops the collector', async () => {
    const { clock, timers } = manualClock();
    const { collector, isStopped } = scriptedCollector([]);
    const loop = startPoolLoop(collector, { clock, initialDelayMs: 5_000 });
    await loop.stop();
    expect(timers[0].cleared).toBe(true);
    expect(isStopped()).toBe(true);
  });
});

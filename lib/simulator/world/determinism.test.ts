import { describe, expect, it } from 'vitest';
import { createWorld } from '.';
import { DAY_MS, TEST_START_MS, smlogOfAllHosts } from './test-factory';

const run = (seed: number) => {
  const world = createWorld({ scenarios: ['healthy', 'oscillating-leaf', 'overlapping-jobs'], seed, startMs: TEST_START_MS });
  world.advance(1.5 * DAY_MS);
  return { smlog: smlogOfAllHosts(world), runs: world.backupRuns(), changes: world.currentChangeId(), vdis: [...world.allRecords('VDI').keys()] };
};

describe('determinism', () => {
  it('replays the same SMlog, backups and records for the same seed', () => {
    const a = run(11);
    const b = run(11);
    expect(a.smlog.length).toBeGreaterThan(10_000);
    expect(b.smlog).toBe(a.smlog);
    expect(b.runs).toEqual(a.runs);
    expect(b.changes).toBe(a.changes);
    expect(b.vdis).toEqual(a.vdis);
  });

  it('differs for another seed', () => {
    expect(run(12).smlog).not.toBe(run(11).smlog);
  });

  it('lands on the same state whether time moves in one step or many', () => {
    const once = createWorld({ scenarios: ['healthy'], seed: 5, startMs: TEST_START_MS });
    const steps = createWorld({ scenarios: ['healthy'], seed: 5, startMs: TEST_START_MS });
    once.advance(DAY_MS);
    for (let i = 0; i < 24 * 60; i++) steps.advance(60_000);
    expect(steps.nowMs()).toBe(once.nowMs());
    expect(smlogOfAllHosts(steps)).toBe(smlogOfAllHosts(once));
  });
});

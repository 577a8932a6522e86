import { describe, expect, it } from 'vitest';
import { createWorld } from '../world';
import { HOUR_MS, MINUTE_MS, TEST_START_MS } from '../world/test-factory';
import { FAILOVER_AFTER_MS } from './master-failover';

describe('master-failover', () => {
  it('moves the master to the second host, in masterRef and pool.master, and the shared SR GC follows', () => {
    const world = createWorld({ scenarios: ['master-failover'], seed: 1, startMs: TEST_START_MS });
    const [first, second] = world.hosts();
    expect(world.masterRef()).toBe(first.ref);
    world.advance(FAILOVER_AFTER_MS - MINUTE_MS);
    const poolRef = [...world.allRecords('pool').keys()][0];
    const sinceId = world.currentChangeId();
    const secondLogBefore = world.smlogSize(second.ref);
    world.advance(2 * MINUTE_MS);
    expect(world.masterRef()).toBe(second.ref);
    expect(world.record('pool', poolRef)?.master).toBe(second.ref);
    const changed = world.changesSince(sinceId, ['pool', 'host']).changes.map((c) => `${c.class} ${c.ref}`);
    expect(changed).toEqual(expect.arrayContaining([`pool ${poolRef}`, `host ${first.ref}`, `host ${second.ref}`]));
    world.advance(2 * HOUR_MS);
    expect(world.smlogSize(second.ref)).toBeGreaterThan(secondLogBefore);
    expect(world.smlogSince(second.ref, secondLogBefore).text).toContain('SMGC');
  });

  it('gives hosts loopback addresses in order', () => {
    const world = createWorld({ scenarios: ['master-failover'], seed: 1 });
    expect(world.hosts().map((host) => host.address)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(world.hosts().map((host) => world.record('host', host.ref)?.address)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
  });
});

describe('flapping-xapi', () => {
  it('turns faults.xapiDown on for 2 minutes every 15 minutes', () => {
    const world = createWorld({ scenarios: ['flapping-xapi'], seed: 1, startMs: TEST_START_MS });
    const downAt: number[] = [];
    for (let minute = 1; minute <= 60; minute++) {
      world.advance(MINUTE_MS);
      if (world.faults.xapiDown) downAt.push(minute);
    }
    expect(downAt).toEqual([10, 11, 25, 26, 40, 41, 55, 56]);
  });
});

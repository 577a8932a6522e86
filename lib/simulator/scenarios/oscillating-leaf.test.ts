import { beforeAll, describe, expect, it } from 'vitest';
import type { XapiChange } from '../types';
import { createWorld } from '../world';
import { DAY_MS, MINUTE_MS, TEST_START_MS, diskNode, smlogMessages, vmRefByName } from '../world/test-factory';

describe('oscillating-leaf', () => {
  const world = createWorld({ scenarios: ['oscillating-leaf'], seed: 1, startMs: TEST_START_MS });
  let leafRef = '';
  let leafChanges: XapiChange[] = [];

  beforeAll(() => {
    leafRef = diskNode(world, vmRefByName(world, 'build-01')).vdiRef;
    const sinceId = world.currentChangeId();
    world.advance(80 * MINUTE_MS);
    leafChanges = world.changesSince(sinceId, ['VDI']).changes.filter((c) => c.ref === leafRef && c.snapshot);
  });

  it('snapshot-coalesces the leaf again and again without progress, then gives up', () => {
    const iterations = world.coalesceRuns().filter((run) => run.kind === 'snapshot-coalesce');
    expect(iterations).toHaveLength(4);
    expect(world.coalesceRuns().some((run) => run.kind === 'live-leaf-coalesce')).toBe(false);
    const messages = smlogMessages(world);
    expect(messages.filter((m) => m.startsWith('No progress, attempt: '))).toEqual(['No progress, attempt: 1', 'No progress, attempt: 2', 'No progress, attempt: 3', 'No progress, attempt: 4']);
    expect(messages).toContain('No progress made for 3 iterations');
    const offline = messages.findIndex((m) => m.startsWith('Set leaf-coalesce = offline for '));
    expect(offline).toBeGreaterThan(0);
    expect(messages[offline + 1]).toMatch(/^Removed leaf-coalesce from /);
    expect(messages.some((m) => m.startsWith('Leaf-coalesce failed on '))).toBe(true);
  });

  it('makes the chain oscillate: vhd-parent flips between a temporary base copy and the real one', () => {
    const parents = leafChanges.map((c) => (c.snapshot?.sm_config as Record<string, string>)['vhd-parent']);
    const flips = parents.filter((parent, i) => i > 0 && parent !== parents[i - 1]);
    expect(flips.length).toBeGreaterThanOrEqual(7);
    expect(new Set(parents).size).toBe(5);
    const offline = leafChanges.filter((c) => (c.snapshot?.other_config as Record<string, string>)['leaf-coalesce'] === 'offline');
    expect(offline).toHaveLength(1);
    expect((world.record('VDI', leafRef)?.other_config as Record<string, string>)['leaf-coalesce']).toBeUndefined();
  });

  it('does not skip backups: a leaf waiting for leaf-coalesce does not trip XO', () => {
    world.advance(DAY_MS);
    const runs = world.backupRuns();
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((run) => run.outcome === 'ok')).toBe(true);
  });
});

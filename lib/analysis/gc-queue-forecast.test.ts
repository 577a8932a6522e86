import { describe, expect, it } from 'vitest';
import { treeRecords } from '../chains/test-factory';
import { forecastGcQueue } from './gc-queue-forecast';
import { recordsAt } from './gc-sim-tree';
import { HOUR, MINUTE } from './test-factories';

const NOW = Date.UTC(2024, 2, 4, 20, 0);
const MiB = 1024 ** 2;
const SPEED = 10 * MiB; // bytes per second
/** Two nightly backups behind: base ← b2 ← b3 ← {snapshot, leaf}. */
const BEHIND = `
*base size=2000M
  *b2 size=600M
    *b3 size=300M
      snap snapshot size=8M
      leaf size=100M
`;

const forecast = (outline: string, overrides: Partial<Parameters<typeof forecastGcQueue>[0]> = {}) =>
  forecastGcQueue({ srId: 'sr1', records: treeRecords(outline), bytesPerSec: SPEED, gcRunningSinceMs: null, ...overrides }, NOW);

describe('forecastGcQueue', () => {
  it('says there is nothing to do on a clean SR', () => {
    const f = forecast('*base\n  snap snapshot\n  leaf');
    expect(f).toMatchObject({ status: 'clear', steps: [], backlogClearAtMs: NOW, startsAtMs: null });
    expect(f.chains.every((c) => c.status === 'clean' && c.cleanAtMs === NOW)).toBe(true);
  });

  it('waits out the quiet period, then coalesces one pair at a time at the measured speed', () => {
    const f = forecast(BEHIND);
    expect(f.steps.map((s) => [s.kind, s.vhdId])).toEqual([
      ['coalesce', 'b2'],
      ['coalesce', 'b3'],
    ]);
    expect(f.startsAtMs).toBe(NOW + 5 * MINUTE);
    expect(f.steps[0].endMs).toBe(NOW + 6 * MINUTE);
    expect(f.steps[1].endMs).toBe(NOW + 6 * MINUTE + 40_000);
    const leaf = f.chains.find((c) => c.leafId === 'leaf')!;
    expect(leaf).toMatchObject({ status: 'will-clean', cleanAtMs: NOW + 6 * MINUTE + 40_000, pendingSteps: 2, pendingBytes: 900 * MiB });
    expect(leaf.reason).toMatch(/2 merges left \(944 MB\): clean at ~2024-03-04 20:06 UTC \(in 7 m at 10 MB\/s\)/);
    expect(f.backlogClearAtMs).toBe(NOW + 6 * MINUTE + 40_000);
  });

  it('counts the quiet period from when a running GC started', () => {
    const f = forecast(BEHIND, { gcRunningSinceMs: NOW - 2 * MINUTE });
    expect(f.startsAtMs).toBe(NOW + 3 * MINUTE);
    expect(forecast(BEHIND, { gcRunningSinceMs: NOW - 60 * MINUTE }).startsAtMs).toBe(NOW);
  });

  it('deletes garbage first, then coalesces, then leaf-coalesces, with a rescan between steps', () => {
    const f = forecast(`
*base size=100M
  *junk size=50M
  *mid size=200M
    leaf size=100M
`);
    expect(f.steps.map((s) => s.kind)).toEqual(['garbage', 'coalesce', 'leaf-coalesce']);
    const [garbage, coalesce, leafCoalesce] = f.steps;
    expect(garbage.endMs).toBe(NOW + 5 * MINUTE);
    expect(coalesce.startMs).toBe(NOW + 5 * MINUTE + 10_000);
    expect(leafCoalesce.startMs).toBe(coalesce.endMs! + 10_000);
    expect(f.chains[0].pendingSteps).toBe(2);
  });

  it('works on the tallest tree first, then the shallowest pair', () => {
    const f = forecast(`
*short size=100M
  *s2 size=100M
    s-leaf
*tall size=100M
  *t2 size=100M
    *t3 size=100M
      t-snap snapshot
      t-leaf
`);
    expect(f.steps.filter((s) => s.kind === 'coalesce').map((s) => s.vhdId)).toEqual(['t2', 's2', 't3']);
  });

  it('gives each chain an ETA from the last merge that shortens it', () => {
    const f = forecast(`
*root size=1000M
  *a size=600M
    *a2 size=10M
      a-snap snapshot
      a-leaf
  b-leaf size=10M
`);
    expect(f.chains.find((c) => c.leafId === 'b-leaf')).toMatchObject({ status: 'clean', cleanAtMs: NOW });
    expect(f.chains.find((c) => c.leafId === 'a-leaf')).toMatchObject({ status: 'will-clean', pendingSteps: 1, cleanAtMs: NOW + 5 * MINUTE + 1000 });
  });

  it('adds the snapshot-coalesce overhead when a live leaf cannot be merged within 5 s', () => {
    const records = treeRecords('*base\n  *mid size=1M\n    leaf size=600M');
    const still = forecastGcQueue({ srId: 's', records, bytesPerSec: SPEED, gcRunningSinceMs: null }, NOW);
    const live = forecastGcQueue({ srId: 's', records, bytesPerSec: SPEED, gcRunningSinceMs: null, liveLeafIds: new Set(['leaf']) }, NOW);
    const leafStep = (f: typeof still) => f.steps.find((s) => s.kind === 'leaf-coalesce')!;
    expect(leafStep(live).endMs! - leafStep(live).startMs!).toBe(leafStep(still).endMs! - leafStep(still).startMs! + 30_000);
  });

  it('leaves a leaf the GC gave up on blocked, with the reason', () => {
    const f = forecast('*base size=100M\n  leaf size=900M', { blockedLeafIds: new Set(['leaf']) });
    expect(f.status).toBe('blocked');
    expect(f.backlogClearAtMs).toBeNull();
    expect(f.chains[0]).toMatchObject({ leafId: 'leaf', status: 'blocked', cleanAtMs: null });
    expect(f.chains[0].reason).toMatch(/offline coalesce/);
    expect(f.blocked).toEqual([{ vhdId: 'leaf', reason: expect.stringMatching(/gave up/) }]);
  });

  it('knows the order but not the times when the speed is unknown', () => {
    const f = forecast(BEHIND, { bytesPerSec: null });
    expect(f.status).toBe('unknown');
    expect(f.steps.map((s) => [s.vhdId, s.endMs])).toEqual([
      ['b2', null],
      ['b3', null],
    ]);
    expect(f.chains.find((c) => c.leafId === 'leaf')).toMatchObject({ status: 'unknown', cleanAtMs: null });
    expect(f.backlogClearAtMs).toBeNull();
    expect(f.summary).toMatch(/speed is unknown/);
  });

  it('does nothing when the SR switches the GC or coalesce off', () => {
    expect(forecast(BEHIND, { switches: { gc: false } })).toMatchObject({ status: 'blocked', steps: [] });
    const noCoalesce = forecast(BEHIND, { switches: { coalesce: false } });
    expect(noCoalesce.steps).toEqual([]);
    expect(noCoalesce.chains.find((c) => c.leafId === 'leaf')?.reason).toMatch(/switched off/);
  });
});

describe('recordsAt', () => {
  it('replays the steps finished by then, and only those', () => {
    const records = treeRecords(BEHIND);
    const f = forecastGcQueue({ srId: 's', records, bytesPerSec: SPEED, gcRunningSinceMs: null }, NOW);
    expect(recordsAt(records, f.steps, NOW).map((r) => r.id)).toContain('b2');
    const between = recordsAt(records, f.steps, NOW + 6 * MINUTE + 5000);
    expect(between.map((r) => r.id)).not.toContain('b2');
    expect(between.find((r) => r.id === 'b3')?.parentId).toBe('base');
    expect(between.find((r) => r.id === 'base')?.sizeBytes).toBe(2600 * MiB);
    const after = recordsAt(records, f.steps, NOW + 7 * MINUTE);
    expect(after.filter((r) => r.parentId === 'base').map((r) => r.id).sort()).toEqual(['leaf', 'snap']);
  });

  it('lets a leaf-coalesced leaf take its parent\'s place', () => {
    const records = treeRecords('*base\n  *mid\n    leaf');
    const f = forecastGcQueue({ srId: 's', records, bytesPerSec: SPEED, gcRunningSinceMs: null }, NOW);
    const after = recordsAt(records, f.steps, NOW + 60 * MINUTE);
    expect(after.map((r) => [r.id, r.parentId])).toEqual([['leaf', null]]);
  });
});

describe('forecastGcQueue with what SMlog shows', () => {
  const GiB = 1024 ** 3;

  it('finishes the merge under way from when it started', () => {
    const fresh = forecast(BEHIND, { gcRunningSinceMs: NOW - HOUR });
    const underWay = forecast(BEHIND, { gcRunningSinceMs: NOW - HOUR, current: { kind: 'coalesce', uuidPrefix: 'b3', startMs: NOW - 20_000 } });
    expect(fresh.steps.map((s) => s.vhdId)).toEqual(['b2', 'b3']);
    expect(underWay.steps.map((s) => s.vhdId)).toEqual(['b3', 'b2']);
    expect(underWay.steps[0]).toMatchObject({ startMs: NOW - 20_000, endMs: NOW + 10_000 });
  });

  it('says a merge running longer than the speed allows is due now, not due "in 0 s"', () => {
    const outline = '*base size=1000M\n  *mid size=300M\n    leaf size=100M\n    snap snapshot size=8M';
    const late = forecast(outline, { gcRunningSinceMs: NOW - HOUR, current: { kind: 'coalesce', uuidPrefix: 'mid', startMs: NOW - HOUR } });
    expect(late.steps).toHaveLength(1);
    expect(late.steps[0]).toMatchObject({ vhdId: 'mid', endMs: NOW });
    expect(late.summary).toBe('1 merge (315 MB) left: backlog clear at ~2024-03-04 20:00 UTC (due now at 10 MB/s).');
    expect(late.chains.find((c) => c.leafId === 'leaf')?.reason).toMatch(/\(due now at 10 MB\/s\)\.$/);
  });

  it('spends the usual give-up time on a blocked leaf before the next leaf, once per GC process', () => {
    const outline = '*a size=1000M\n  stuck size=600M\n*b size=1000M\n  other size=10M';
    const blocked = { blockedLeafIds: new Set(['stuck']), giveUpMs: new Map([['stuck', 2 * HOUR]]), gcRunningSinceMs: NOW - HOUR };
    const f = forecast(outline, blocked);
    expect(f.steps.map((s) => [s.kind, s.vhdId])).toEqual([
      ['give-up', 'stuck'],
      ['leaf-coalesce', 'other'],
    ]);
    expect(f.steps[1].startMs).toBe(NOW + 2 * HOUR + 10_000);
    expect(f.chains.find((c) => c.leafId === 'stuck')?.status).toBe('blocked');
    const alreadyTried = forecast(outline, { ...blocked, givenUpThisRun: new Set(['stuck']) });
    expect(alreadyTried.steps.map((s) => s.kind)).toEqual(['leaf-coalesce']);
  });

  it('cannot time what comes after a give-up of unknown length, or one running longer than ever', () => {
    const outline = '*a size=1000M\n  stuck size=600M\n*b size=1000M\n  other size=10M';
    const unknown = forecast(outline, { blockedLeafIds: new Set(['stuck']) });
    expect(unknown.chains.find((c) => c.leafId === 'other')?.status).toBe('unknown');
    const overrun = forecast(outline, {
      blockedLeafIds: new Set(['stuck']),
      giveUpMs: new Map([['stuck', HOUR]]),
      gcRunningSinceMs: NOW - 3 * HOUR,
      current: { kind: 'leaf-coalesce', uuidPrefix: 'stuck', startMs: NOW - 2 * HOUR },
    });
    expect(overrun.steps[0]).toMatchObject({ kind: 'give-up', endMs: null });
    expect(overrun.chains.find((c) => c.leafId === 'other')?.status).toBe('unknown');
  });

  it('merges snapshot-coalesce\'s temporary copy within the round under way', () => {
    const outline = '*base size=1000M\n  *temp size=300M\n    stuck size=600M';
    const f = forecast(outline, {
      blockedLeafIds: new Set(['stuck']),
      giveUpMs: new Map([['stuck', HOUR]]),
      gcRunningSinceMs: NOW - HOUR,
      current: { kind: 'leaf-coalesce', uuidPrefix: 'stuck', startMs: NOW - 10 * MINUTE },
    });
    expect(f.steps.map((s) => [s.kind, s.vhdId, s.endMs])).toEqual([
      ['coalesce', 'temp', NOW],
      ['give-up', 'stuck', NOW + 50 * MINUTE],
    ]);
  });

  it('takes an inflated LVM leaf as holding little data, unless told how much it holds', () => {
    const outline = '*base size=1000M\n  leaf size=20G virtual=20G';
    const guessed = forecast(outline).steps[0];
    expect(guessed).toMatchObject({ kind: 'leaf-coalesce', estimated: true, endMs: NOW + 5 * MINUTE + 5000 });
    const told = forecast(outline, { leafDataBytes: new Map([['leaf', GiB]]) }).steps[0];
    expect(told.estimated).toBeUndefined();
    expect(told.endMs! - told.startMs!).toBe(102_400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastPool } from '../../analysis/pool-forecast';
import { createTestDb, type TestDb } from '../test-db';
import { storedColumns, storedXoBackup } from '../vm-snapshots';
import { gcRunningSince, readPoolHistory } from './pool-history';
import { at, seedChainChange, seedGcEvent, seedHost, seedPool, seedRun, seedSample, seedSr, seedVdi, seedVm, T0_MS } from './test-seed';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = T0_MS + 10 * DAY;

/** A pool with one VM whose disk sits on a base copy, two days of history and an older row outside the window. */
async function seededPool() {
  const pool = await seedPool(t.db);
  const host = await seedHost(t.db, pool.id, { nameLabel: 'rigel' });
  const sr = await seedSr(t.db, pool.id, { leafCoalesceEnabled: false });
  const vm = await seedVm(t.db, pool.id, { nameLabel: 'web-01' });
  await seedVm(t.db, pool.id, { nameLabel: 'Control domain', isControlDomain: true });
  const base = await seedVdi(t.db, sr, { managed: false, physicalUtilisationBytes: 5n * 2n ** 40n });
  const leaf = await seedVdi(t.db, sr, { vhdParentUuid: base.uuid, vmUuids: JSON.stringify([vm.uuid]), leafCoalesce: 'offline' });
  const snap = await seedVdi(t.db, sr, { vhdParentUuid: base.uuid, isSnapshot: true, vmUuids: JSON.stringify(['snapshot-vm']) });
  await seedVdi(t.db, sr, { removedAt: at(0) });
  const day = (n: number, minutes = 0) => new Date(T0_MS + n * DAY + minutes * MINUTE);
  for (const [n, gcRunning] of [[8, false], [9, false], [9.9, true], [9.95, true]] as const) {
    await seedSample(t.db, sr.id, { at: day(n), gcRunning, backlogBytes: 2n ** 40n });
  }
  await seedSample(t.db, sr.id, { at: day(1), backlogBytes: 7n });
  await seedChainChange(t.db, sr.id, { leafUuid: leaf.uuid, at: day(8), length: 2, hiddenCount: 1 });
  await seedChainChange(t.db, sr.id, { leafUuid: leaf.uuid, at: day(9), length: 3, hiddenCount: 2 });
  await seedChainChange(t.db, sr.id, { leafUuid: 'gone-leaf', at: day(9), length: 5 });
  await t.db.speedReading.create({ data: { srId: sr.id, seq: 1, at: day(9), bytesPerSec: 40 * 2 ** 20 } });
  for (const [n, removedAt] of [[8, day(9)], [9, null]] as const) {
    await t.db.vmSnapshot.create({
      data: {
        poolId: pool.id,
        vmUuid: vm.uuid,
        snapshotUuid: `snap-${n}`,
        nameLabel: '[XO Backup Daily] web-01',
        snapshotTime: day(n, 60),
        ...storedColumns(storedXoBackup(vm.uuid, { 'xo:backup:job': 'job-1', 'xo:backup:schedule': 'sched-1' })),
        firstSeenAt: day(n, 61),
        removedAt,
      },
    });
  }
  await seedGcEvent(t.db, host, { at: day(9, 1), srUuid: sr.uuid, message: `=== SR ${sr.uuid}: gc ===` });
  await seedGcEvent(t.db, host, {
    at: day(9, 2),
    message: `  Running VHD coalesce on *${base.uuid.slice(0, 8)}[VHD](500.000G//152.000M|ao)`,
  });
  await seedRun(t.db, pool.id, { startedAt: day(8), finishedAt: day(8, 600) });
  await seedRun(t.db, pool.id, { startedAt: day(9), finishedAt: day(9.95) });
  return { pool, sr, vm, base, leaf, snap };
}

describe('readPoolHistory', () => {
  it('turns current rows into the records, VMs and SRs the forecasts read', async () => {
    const { pool, sr, vm, base, leaf, snap } = await seededPool();
    const history = await readPoolHistory(t.db, pool.id, { nowMs: NOW, historyMs: 3 * DAY, maxSilenceMs: 10 * MINUTE });

    expect(history.records.map((r) => r.id).sort()).toEqual([base.uuid, leaf.uuid, snap.uuid].sort());
    expect(history.records.find((r) => r.id === base.uuid)).toMatchObject({ hidden: true, managed: false, sizeBytes: 5 * 2 ** 40, srId: sr.uuid });
    expect(history.records.find((r) => r.id === leaf.uuid)).toMatchObject({ parentId: base.uuid, leafCoalesce: 'offline', vmIds: [vm.uuid] });
    expect(history.vms).toEqual([{ vmUuid: vm.uuid, running: true, vdiIds: [leaf.uuid] }]);

    const [poolSr] = history.srs;
    expect(poolSr.history).toMatchObject({ srId: sr.uuid, srUuid: sr.uuid, speedLog: [{ atMs: T0_MS + 9 * DAY, bytesPerSec: 40 * 2 ** 20 }] });
    // The sample of day 1 is older than the window: it comes first, as the value in force when the window starts.
    expect(poolSr.history.aggregates.map((a) => a.backlogBytes)).toEqual([7, 2 ** 40, 2 ** 40, 2 ** 40, 2 ** 40]);
    expect(poolSr.history.aggregates[0].atMs).toBe(T0_MS + DAY);
    expect(poolSr.gcRunningSinceMs).toBe(T0_MS + 9.9 * DAY);
    expect(poolSr.switches).toEqual({ gc: true, coalesce: true, leafCoalesce: false });
  });

  it('reads chain changes of present leaves, deleted snapshots, SMGC lines and gaps', async () => {
    const { pool, sr, vm, base, leaf } = await seededPool();
    const history = await readPoolHistory(t.db, pool.id, { nowMs: NOW, historyMs: 3 * DAY, maxSilenceMs: 10 * MINUTE });

    expect(history.leaves).toEqual([
      {
        leafId: leaf.uuid,
        srId: sr.uuid,
        vmId: vm.uuid,
        points: [
          { atMs: T0_MS + 8 * DAY, length: 2, hidden: 1 },
          { atMs: T0_MS + 9 * DAY, length: 3, hidden: 2 },
        ],
      },
    ]);
    expect(history.snapshots.map((s) => s.snapshotUuid)).toEqual(['snap-8', 'snap-9']);
    expect(history.snapshots[0].otherConfig).toEqual({ 'xo:backup:job': 'job-1', 'xo:backup:schedule': 'sched-1' });

    expect(history.smlog.map((e) => [e.kind, e.host, e.ident, e.srUuid])).toEqual([
      ['gc-start', 'rigel', 'SMGC', sr.uuid],
      ['running-coalesce', 'rigel', 'SMGC', undefined],
    ]);
    expect(history.smlog[1].vdis).toMatchObject([{ uuidPrefix: base.uuid.slice(0, 8), hidden: true, virtualSizeBytes: 500 * 2 ** 30 }]);

    // Silent between the first run's end and the second's start, and since the second's end.
    expect(history.srs[0].history.gaps).toEqual([
      { fromMs: T0_MS + 8 * DAY + 600 * MINUTE, toMs: T0_MS + 9 * DAY },
      { fromMs: T0_MS + 9.95 * DAY, toMs: NOW },
    ]);
  });

  it('gives forecastPool a history it can forecast every VM of', async () => {
    const { pool, vm } = await seededPool();
    const history = await readPoolHistory(t.db, pool.id, { nowMs: NOW, maxSilenceMs: 10 * MINUTE });
    const forecast = forecastPool(history, NOW);
    expect(forecast.skips.map((s) => s.vmUuid)).toEqual([vm.uuid]);
    expect(forecast.speeds).toHaveLength(1);
  });

  it('reads an empty pool as an empty history', async () => {
    const pool = await seedPool(t.db);
    expect(await readPoolHistory(t.db, pool.id, { nowMs: NOW, maxSilenceMs: MINUTE })).toEqual({
      records: [],
      vms: [],
      srs: [],
      leaves: [],
      snapshots: [],
      smlog: [],
    });
  });
});

describe('gcRunningSince', () => {
  const point = (atMs: number, gcRunning: boolean) => ({ atMs, gcRunning, nodes: 1, hiddenNodes: 0, backlogNodes: 0, backlogBytes: 0, maxChainLength: 1 });
  it('is the start of the last unbroken run of samples with the GC running', () => {
    expect(gcRunningSince([point(1, true), point(2, false), point(3, true), point(4, true)])).toBe(3);
    expect(gcRunningSince([point(1, true), point(2, false)])).toBeNull();
    expect(gcRunningSince([])).toBeNull();
  });
});

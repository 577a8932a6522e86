import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainVhdIds } from '../db/chain-history';
import { ensurePool } from '../db/pools';
import { createTestDb, emptyRunData, type TestDb } from '../db/test-db';
import { silentLogger, type Clock } from './clock';
import { DEFAULT_RETENTION, runRetention, startRetention } from './retention';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const NOW_MS = Date.UTC(2025, 5, 15);

let t: TestDb;
let poolId: number;
let srId: number;

/** An SR of `pool`, its id. */
async function createSr(pool: number): Promise<number> {
  const data = { poolId: pool, uuid: 's', ref: 'r', nameLabel: 's', type: 'lvm', shared: true, physicalSizeBytes: 0n, physicalUtilisationBytes: 0n, gcEnabled: true, coalesceEnabled: true, leafCoalesceEnabled: true, gcNoSpace: false, updatedAt: new Date(NOW_MS) };
  return (await t.db.sr.create({ data })).id;
}

beforeEach(async () => {
  t = await createTestDb();
  poolId = await ensurePool(t.db, { name: 'p', url: 'https://x', demo: false });
  srId = await createSr(poolId);
});
afterEach(async () => t.close());

function sample(atMs: number, backlogNodes: number) {
  return { srId, at: new Date(atMs), nodes: 10, hiddenNodes: 3, chains: 4, backlogNodes, backlogBytes: BigInt(backlogNodes) << 30n, maxChainLength: 3, xoUnhealthyCount: 0, xoVdisToCoalesce: 1, gcRunning: backlogNodes > 0 };
}

describe('retention', () => {
  it('downsamples old SR samples to hourly maxima and keeps recent ones raw', async () => {
    const start = NOW_MS - 3 * DAY_MS;
    // A sample every 10 minutes for three days; backlog 5 at minute 20 of each hour, else 1.
    const rows = [];
    for (let at = start; at < NOW_MS; at += 10 * MINUTE_MS) rows.push(sample(at, (at / MINUTE_MS) % 60 === 20 ? 5 : 1));
    await t.db.srSample.createMany({ data: rows });
    const counts = await runRetention(t.db, NOW_MS);
    const hourly = await t.db.srSample.findMany({ where: { bucketSeconds: 3600 }, orderBy: { at: 'asc' } });
    expect(hourly).toHaveLength(24);
    expect(hourly.every((row) => row.backlogNodes === 5 && row.backlogBytes === 5n << 30n && row.gcRunning)).toBe(true);
    expect(hourly[0].at.getTime()).toBe(start);
    expect(counts['downsample-samples-hourly']).toBe(24 * 5);
    expect(await t.db.srSample.count({ where: { bucketSeconds: 0 } })).toBe(2 * 24 * 6);
    // Running again changes nothing.
    expect((await runRetention(t.db, NOW_MS))['downsample-samples-hourly']).toBe(0);
  });

  it('keeps the value in force after a merged hour, and each SR’s newest sample however old', async () => {
    const start = NOW_MS - 800 * DAY_MS;
    // A peak of 5 for ten minutes, then 0 for the rest of the time: no sample until now.
    await t.db.srSample.createMany({ data: [sample(start, 0), sample(start + 10 * MINUTE_MS, 5), sample(start + 20 * MINUTE_MS, 0)] });
    await runRetention(t.db, NOW_MS);
    const left = await t.db.srSample.findMany({ orderBy: { at: 'asc' } });
    // The hour (then the day) peaks at 5; the 0 that followed stays, as the SR's newest sample.
    expect(left.map((row) => [row.at.getTime() - start, row.backlogNodes])).toEqual([[DAY_MS, 0]]);
  });

  it('prunes old chain changes but keeps each chain’s current row', async () => {
    const old = new Date(NOW_MS - 400 * DAY_MS);
    const ids = await chainVhdIds(t.db, ['kept', 'gone', 'fresh', 'r']);
    const row = (leafUuid: string, seq: number, at: Date, state = 'clean') => ({
      srId,
      leafId: ids.get(leafUuid)!,
      seq,
      at,
      length: seq,
      hiddenCount: 0,
      sizeBytes: 0n,
      state,
      rootId: ids.get('r')!,
      xoUnhealthy: false,
    });
    await t.db.chainChange.createMany({
      data: [row('kept', 1, old), row('kept', 2, old), row('gone', 1, old), row('gone', 2, old, 'removed'), row('fresh', 1, new Date(NOW_MS))],
    });
    await t.db.collectionRun.create({
      data: emptyRunData(poolId, old),
    });
    await runRetention(t.db, NOW_MS);
    const left = await t.db.chainChange.findMany({ orderBy: [{ leaf: { uuid: 'asc' } }, { seq: 'asc' }], include: { leaf: true } });
    expect(left.map((r) => `${r.leaf.uuid}#${r.seq}`)).toEqual(['fresh#1', 'kept#2']);
    // The leaf no change names any more goes with its rows.
    expect((await t.db.chainVhd.findMany({ orderBy: { uuid: 'asc' } })).map((v) => v.uuid)).toEqual(['fresh', 'kept', 'r']);
    expect(await t.db.collectionRun.count()).toBe(0);
  });

  it('runs on the clock it is given', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const clock: Clock = { nowMs: () => NOW_MS, setTimeout: (fn, ms) => timers.push({ fn, ms }), clearTimeout: () => undefined };
    await t.db.gcEvent.create({
      data: {
        poolId,
        hostId: (await t.db.host.create({ data: { poolId, uuid: 'h', ref: 'r', nameLabel: 'h', address: 'a', isMaster: true, enabled: true, updatedAt: new Date(NOW_MS) } })).id,
        at: new Date(NOW_MS - DEFAULT_RETENTION.gcEventsMs - 1),
        pid: 1,
        lineId: (await t.db.gcLine.create({ data: { message: 'x' } })).id,
      },
    });
    const runner = startRetention({ db: t.db, clock, log: silentLogger, firstDelayMs: 5, intervalMs: HOUR_MS });
    expect(timers.map((timer) => timer.ms)).toEqual([5]);
    timers[0].fn();
    await expect.poll(() => timers.length).toBe(2);
    expect(timers[1].ms).toBe(HOUR_MS);
    expect(await t.db.gcEvent.count()).toBe(0);
    // The line no event says any more goes with it.
    expect(await t.db.gcLine.count()).toBe(0);
    await runner.stop();
  });

  it('keeps to the pools of its scope: the demo pool’s history is not the real pools’, nor the other way', async () => {
    const demoPoolId = await ensurePool(t.db, { name: 'demo', url: 'http://127.0.0.1:1', demo: true });
    const demoSrId = await createSr(demoPoolId);
    const ancient = new Date(NOW_MS - 800 * DAY_MS);
    const ids = await chainVhdIds(t.db, ['leaf', 'root']);
    // One row of every kind a job ages out, in each pool, all older than any policy keeps.
    const seed = async (pool: number, sr: number, tag: string) => {
      await t.db.srSample.createMany({ data: [0, 10, 20].map((m) => ({ ...sample(ancient.getTime() + m * MINUTE_MS, m / 10), srId: sr })) });
      await t.db.srSample.create({ data: { ...sample(NOW_MS, 0), srId: sr } });
      await t.db.chainChange.createMany({
        data: [1, 2].map((seq) => ({ srId: sr, leafId: ids.get('leaf')!, seq, at: ancient, length: seq, hiddenCount: 0, sizeBytes: 0n, state: 'clean', rootId: ids.get('root')!, xoUnhealthy: false })),
      });
      await t.db.collectionRun.create({
        data: emptyRunData(pool, ancient),
      });
      const hostId = (await t.db.host.create({ data: { poolId: pool, uuid: `h-${tag}`, ref: 'r', nameLabel: 'h', address: 'a', isMaster: true, enabled: true, updatedAt: ancient } })).id;
      const lineId = (await t.db.gcLine.create({ data: { message: `line ${tag}` } })).id;
      await t.db.gcEvent.create({ data: { poolId: pool, hostId, at: ancient, pid: 1, lineId } });
      await t.db.speedReading.create({ data: { srId: sr, seq: 1, at: ancient, bytesPerSec: 1e6 } });
      await t.db.vdi.create({
        data: { poolId: pool, srId: sr, uuid: `v-${tag}`, nameLabel: 'v', type: 'user', managed: true, missing: false, isSnapshot: false, virtualSizeBytes: 0n, physicalUtilisationBytes: 0n, vmUuids: '[]', chainLength: 1, updatedAt: ancient, removedAt: ancient },
      });
      await t.db.vm.create({ data: { poolId: pool, uuid: `vm-${tag}`, ref: 'r', nameLabel: 'vm', powerState: 'Running', isControlDomain: false, updatedAt: ancient, removedAt: ancient } });
      await t.db.vmSnapshot.create({ data: { poolId: pool, vmUuid: `vm-${tag}`, snapshotUuid: `s-${tag}`, nameLabel: 's', xoBackup: '{}', firstSeenAt: ancient, removedAt: ancient } });
    };
    await seed(poolId, srId, 'real');
    await seed(demoPoolId, demoSrId, 'demo');
    const rowsOf = async (pool: number, sr: number) => ({
      samples: await t.db.srSample.count({ where: { srId: sr } }),
      rawSamples: await t.db.srSample.count({ where: { srId: sr, bucketSeconds: 0 } }),
      chainChanges: await t.db.chainChange.count({ where: { srId: sr } }),
      runs: await t.db.collectionRun.count({ where: { poolId: pool } }),
      gcEvents: await t.db.gcEvent.count({ where: { poolId: pool } }),
      speedReadings: await t.db.speedReading.count({ where: { srId: sr } }),
      vdis: await t.db.vdi.count({ where: { poolId: pool } }),
      vms: await t.db.vm.count({ where: { poolId: pool } }),
      snapshots: await t.db.vmSnapshot.count({ where: { poolId: pool } }),
    });
    const seeded = { samples: 4, rawSamples: 4, chainChanges: 2, runs: 1, gcEvents: 1, speedReadings: 1, vdis: 1, vms: 1, snapshots: 1 };
    // What every job leaves: the newest sample, the chain's current row, nothing else.
    const aged = { samples: 1, rawSamples: 1, chainChanges: 1, runs: 0, gcEvents: 0, speedReadings: 0, vdis: 0, vms: 0, snapshots: 0 };
    expect(await rowsOf(poolId, srId)).toEqual(seeded);

    await runRetention(t.db, NOW_MS, DEFAULT_RETENTION, { demo: true });
    expect(await rowsOf(demoPoolId, demoSrId)).toEqual(aged);
    expect(await rowsOf(poolId, srId)).toEqual(seeded);
    expect((await t.db.gcLine.findMany()).map((line) => line.message)).toEqual(['line real']);

    await runRetention(t.db, NOW_MS, DEFAULT_RETENTION, { demo: false });
    expect(await rowsOf(poolId, srId)).toEqual(aged);
    expect(await t.db.gcLine.count()).toBe(0);
  });

  it('does nothing when no pool is in its scope', async () => {
    await t.db.collectionRun.create({
      data: emptyRunData(poolId, new Date(0)),
    });
    const counts = await runRetention(t.db, NOW_MS, DEFAULT_RETENTION, { demo: true });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(await t.db.collectionRun.count()).toBe(1);
  });
});

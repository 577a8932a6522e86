import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainVhdIds } from '../db/chain-history';
import { ensurePool } from '../db/pools';
import { createTestDb, type TestDb } from '../db/test-db';
import { silentLogger, type Clock } from './clock';
import { DEFAULT_RETENTION, runRetention, startRetention } from './retention';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const NOW_MS = Date.UTC(2025, 5, 15);

let t: TestDb;
let poolId: number;
let srId: number;
beforeEach(async () => {
  t = await createTestDb();
  poolId = await ensurePool(t.db, { name: 'p', url: 'https://x', demo: false });
  srId = (
    await t.db.sr.create({
      data: { poolId, uuid: 's', ref: 'r', nameLabel: 's', type: 'lvm', shared: true, physicalSizeBytes: 0n, physicalUtilisationBytes: 0n, gcEnabled: true, coalesceEnabled: true, leafCoalesceEnabled: true, gcNoSpace: false, updatedAt: new Date(NOW_MS) },
    })
  ).id;
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
      data: { poolId, kind: 'full', startedAt: old, finishedAt: old, outcome: 'ok', sshStatus: 'ok', srsRebuilt: 0, vdis: 0, chainChanges: 0, xapiMs: 0, sshMs: 0, writeMs: 0, totalMs: 0 },
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
    runner.stop();
  });
});

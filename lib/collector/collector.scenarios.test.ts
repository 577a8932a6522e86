/** The real collector against the simulated pool over loopback (JSON-RPC and SSH), scenario by scenario. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../simulator/world/world';
import { classifySmlogMessage } from '../vhd/smlog-message';
import { DEMO_SCENARIOS } from './demo';
import { startTestPool, type TestPool } from './test-pool';

const HOUR_MS = 3_600_000;

describe('collector on the demo scenarios', () => {
  let pool: TestPool;
  beforeAll(async () => {
    pool = await startTestPool(DEMO_SCENARIOS);
  });
  afterAll(async () => pool.close());

  it('stores the pool, its hosts, SRs, VDIs, chains and one run', async () => {
    const collector = pool.collector();
    const summary = await collector.collectOnce();
    const { db } = pool.testDb;
    const world = pool.sim.world;

    expect(summary).toMatchObject({ outcome: 'ok', errors: [], maxChainLength: 16 });
    const poolRow = await db.pool.findFirstOrThrow();
    expect(poolRow).toMatchObject({ name: 'sim', demo: false, lastOutcome: 'ok' });
    expect(poolRow.uuid).toBe(String([...world.allRecords('pool').values()][0].uuid));
    expect(await db.host.count()).toBe(world.hosts().length);
    expect(await db.sr.count()).toBe(world.allRecords('SR').size);
    expect(await db.vdi.count()).toBe(world.allRecords('VDI').size);
    expect(await db.chainChange.count()).toBe(summary.chains);
    expect(await db.srSample.count()).toBe(summary.srs);
    const master = await db.host.findFirstOrThrow({ where: { isMaster: true } });
    expect(master.sshHostKeySha256).toMatch(/^SHA256:/);
    const run = await db.collectionRun.findFirstOrThrow();
    expect(run).toMatchObject({ kind: 'full', outcome: 'ok', sshStatus: 'ok', error: null, srsRebuilt: summary.srs });
  });

  it('keeps the forum tree: 31 VHDs, a 16-long chain, nothing the GC may coalesce', async () => {
    const { db } = pool.testDb;
    const sample = await db.srSample.findFirstOrThrow({ where: { maxChainLength: 16 } });
    expect(sample).toMatchObject({ nodes: 31, hiddenNodes: 15, backlogNodes: 0 });
    const deepest = await db.chainChange.findFirstOrThrow({ where: { length: 16 } });
    expect(deepest.state).toBe('clean');
  });

  it('records changes as the pool lives: GC events, speed readings, snapshots, chain changes', async () => {
    const { db } = pool.testDb;
    // Events only between full collections: the SSH reads come once, at the end.
    const collector = pool.collector({ settings: { collectIntervalMs: 10 * 24 * HOUR_MS } });
    await collector.collectOnce();
    const chainsBefore = await db.chainChange.count();
    for (let hour = 0; hour < 60; hour++) {
      pool.sim.world.advance(HOUR_MS);
      expect(await collector.step()).toEqual({ ok: true, kind: 'events' });
    }
    await collector.collectOnce();
    expect(await db.gcEvent.count()).toBeGreaterThan(0);
    expect(await db.speedReading.count()).toBeGreaterThan(0);
    expect(await db.vmSnapshot.count()).toBeGreaterThan(0);
    expect(await db.chainChange.count()).toBeGreaterThan(chainsBefore);
    const kinds = new Set((await db.gcEvent.findMany({ select: { line: { select: { message: true } } } })).map((e) => classifySmlogMessage(e.line.message).kind));
    expect(kinds.has('gc-start')).toBe(true);
    const xo = await db.vmSnapshot.findFirst({ where: { xoBackupJob: { not: null } } });
    // The job is its column and the VM a flag; the other xo:backup keys stay in the JSON, without their prefix.
    expect(Object.keys(JSON.parse(xo!.xoBackup))).toContain('datetime');
    expect(xo?.xoBackup).not.toContain('xo:backup:');
    expect(xo?.xoBackupVmIsOwn).toBe(true);
    expect(xo?.xoBackup).not.toContain(xo?.xoBackupJob);
  });

  it('sees the slow SR fall behind and the oscillating leaf get stuck', async () => {
    const { db } = pool.testDb;
    const slow = await db.sr.findFirstOrThrow({ where: { nameLabel: 'SAN-archive' } });
    const backlog = await db.srSample.aggregate({ where: { srId: slow.id }, _max: { backlogNodes: true, xoVdisToCoalesce: true } });
    expect(backlog._max.backlogNodes).toBeGreaterThan(1);
    const build = await db.sr.findFirstOrThrow({ where: { nameLabel: 'Local SSD (build)' } });
    const states = new Set((await db.chainChange.findMany({ where: { srId: build.id } })).map((c) => c.state));
    expect([...states].some((s) => s === 'coalescing' || s === 'blocked')).toBe(true);
    const lengths = new Set((await db.chainChange.findMany({ where: { srId: build.id } })).map((c) => c.length));
    expect(lengths.size).toBeGreaterThan(1);
    // A local SR on a member: its scan and speed log are read on that host (its PBD's), not the master.
    const world = pool.sim.world;
    const buildSr = [...world.allRecords('SR').values()].find((sr) => sr.name_label === 'Local SSD (build)')!;
    const owner = world.allRecords('PBD').get((buildSr.PBDs as string[])[0])!.host;
    expect(owner).not.toBe(world.masterRef());
    expect(await db.speedReading.count({ where: { srId: build.id } })).toBeGreaterThan(0);
    expect(await db.collectionRun.count({ where: { sshStatus: { not: 'ok' } } })).toBe(0);
  });
});

describe('collector on slow-sr, up to the backup XO skips', () => {
  let pool: TestPool;
  beforeAll(async () => {
    pool = await startTestPool(['slow-sr'], { seed: 1 });
  });
  afterAll(async () => pool.close());

  it('stores the chain XO calls unhealthy before the skip, and the GC task’s progress on the way', async () => {
    const world = pool.sim.world;
    const { db } = pool.testDb;
    // A full collection (XAPI, SSH, every SR) each simulated hour, for five days.
    const collector = pool.collector({ settings: { collectIntervalMs: HOUR_MS } });
    await collector.collectOnce();
    for (let hour = 0; hour < 5 * 24; hour++) {
      world.advance(HOUR_MS);
      expect(await collector.step()).toMatchObject({ ok: true });
    }
    const skip = (world as World).backupRuns().find((run) => run.vmName === 'erp-01' && run.outcome === 'skip');
    expect(skip?.reason).toMatch(/^unhealthy VDI chain/);
    const san = await db.sr.findFirstOrThrow({ where: { nameLabel: 'SAN-archive' } });
    // The SR's aggregates in force when XO decided (a sample holds until the next one).
    const inForce = await db.srSample.findFirstOrThrow({ where: { srId: san.id, at: { lte: new Date(skip!.scheduledAtMs) } }, orderBy: { at: 'desc' } });
    expect(inForce.xoUnhealthyCount).toBeGreaterThan(0);
    expect(inForce.backlogNodes).toBeGreaterThanOrEqual(2);
    // Said an hour or more before the skip, not only at it.
    const firstUnhealthy = await db.srSample.findFirstOrThrow({ where: { srId: san.id, xoUnhealthyCount: { gt: 0 } }, orderBy: { at: 'asc' } });
    expect(skip!.scheduledAtMs - firstUnhealthy.at.getTime()).toBeGreaterThanOrEqual(HOUR_MS);
    // The "Garbage Collection" task: running, with a progress between its start and its end.
    const running = await db.srSample.findMany({ where: { srId: san.id, gcRunning: true } });
    expect(running.length).toBeGreaterThan(0);
    const progress = running.map((r) => r.gcProgress).filter((p): p is number => p !== null);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(await db.collectionRun.count({ where: { outcome: { not: 'ok' } } })).toBe(0);
  }, 120_000);
});

/** The rest of the simulator's scenarios, one pool each, through the real collector. */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { str } from '../xapi/record-fields';
import { startTestPool, type TestPool } from './test-pool';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

let pool: TestPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** Moves simulated time in `stepMs` steps, letting the collector follow events (and collect when due). */
async function live(p: TestPool, collector: ReturnType<TestPool['collector']>, totalMs: number, stepMs: number): Promise<void> {
  for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
    p.sim.world.advance(stepMs);
    await collector.step();
  }
}

describe('collector scenarios', () => {
  it('stale-parent: reports the unknown parent that the scan contradicts', async () => {
    pool = await startTestPool(['stale-parent']);
    const c = pool.collector({ settings: { collectIntervalMs: DAY_MS } });
    await c.collectOnce();
    await live(pool, c, HOUR_MS, 10 * MINUTE_MS);
    await c.collectOnce();
    const { db } = pool.testDb;
    const stale = await db.chainChange.findMany({ where: { state: 'unknown-parent' }, include: { leaf: true } });
    expect(stale.length).toBeGreaterThan(0);
    const app = await db.vdi.findFirstOrThrow({ where: { uuid: stale[0].leaf.uuid } });
    expect(app.vhdParentUuid).not.toBeNull();
    expect(await db.vdi.count({ where: { uuid: app.vhdParentUuid!, removedAt: null } })).toBe(0);
  });

  it('near-limit: follows the chain to SM’s limit of 30', async () => {
    pool = await startTestPool(['near-limit']);
    const c = pool.collector({ settings: { collectIntervalMs: DAY_MS } });
    const first = await c.collectOnce();
    expect(first.maxChainLength).toBeGreaterThanOrEqual(28);
    await live(pool, c, 3 * DAY_MS, HOUR_MS);
    const { db } = pool.testDb;
    const longest = await db.chainChange.aggregate({ _max: { length: true } });
    expect(longest._max.length).toBe(30);
  });

  it('overlapping-jobs: keeps the snapshots of both XO instances, by job', async () => {
    pool = await startTestPool(['overlapping-jobs']);
    const c = pool.collector({ settings: { collectIntervalMs: DAY_MS } });
    await c.collectOnce();
    await live(pool, c, DAY_MS, HOUR_MS);
    const { db } = pool.testDb;
    const jobs = await db.vmSnapshot.groupBy({ by: ['vmUuid', 'xoBackupJob'], _count: true });
    const jobsPerVm = new Map<string, number>();
    for (const row of jobs) if (row.xoBackupJob) jobsPerVm.set(row.vmUuid, (jobsPerVm.get(row.vmUuid) ?? 0) + 1);
    expect([...jobsPerVm.values()].some((count) => count >= 2)).toBe(true);
  });

  it('master-failover: moves with the master and reads the new master’s SMlog', async () => {
    pool = await startTestPool(['master-failover']);
    const c = pool.collector({ settings: { collectIntervalMs: 30 * MINUTE_MS } });
    await c.collectOnce();
    const oldMaster = pool.sim.world.masterRef();
    for (let i = 0; i < 30 && pool.sim.world.masterRef() === oldMaster; i++) {
      pool.sim.world.advance(10 * MINUTE_MS);
      await c.step();
    }
    expect(pool.sim.world.masterRef()).not.toBe(oldMaster);
    await live(pool, c, 3 * HOUR_MS, 10 * MINUTE_MS);
    await c.collectOnce();
    const { db } = pool.testDb;
    const newMasterUuid = str(pool.sim.world.record('host', pool.sim.world.masterRef()), 'uuid');
    expect((await db.pool.findFirstOrThrow()).masterHostUuid).toBe(newMasterUuid);
    const newMaster = await db.host.findFirstOrThrow({ where: { uuid: newMasterUuid } });
    expect(newMaster.isMaster).toBe(true);
    expect(newMaster.sshHostKeySha256).toMatch(/^SHA256:/);
    expect(await db.gcEvent.count({ where: { hostId: newMaster.id } })).toBeGreaterThan(0);
  });

  it('flapping-xapi: records each outage as a failed run and resumes', async () => {
    pool = await startTestPool(['flapping-xapi']);
    const c = pool.collector({ settings: { collectIntervalMs: MINUTE_MS, callTimeoutMs: 2_000 } });
    await c.collectOnce();
    // Down at 10-12 and 25-27 minutes; up again at 37.
    for (let minute = 0; minute < 37; minute++) {
      pool.sim.world.advance(MINUTE_MS);
      // The simulator applies xapiDown on its next clock tick.
      await new Promise((resolve) => setTimeout(resolve, 40));
      await c.step();
    }
    const { db } = pool.testDb;
    const runs = await db.collectionRun.findMany({ orderBy: { startedAt: 'asc' } });
    expect(runs.filter((r) => r.outcome === 'failed').length).toBeGreaterThanOrEqual(2);
    expect(runs.at(-1)?.outcome).toBe('ok');
  });

  it('hostile-names: stores every name exactly as XAPI gives it', async () => {
    pool = await startTestPool(['hostile-names']);
    await pool.collector().collectOnce();
    const { db } = pool.testDb;
    const world = pool.sim.world;
    for (const [cls, rows] of [
      ['SR', await db.sr.findMany()],
      ['VDI', await db.vdi.findMany()],
      ['VM', await db.vm.findMany()],
    ] as const) {
      const byUuid = new Map([...world.allRecords(cls).values()].map((r) => [str(r, 'uuid'), str(r, 'name_label')]));
      for (const row of rows) expect(row.nameLabel).toBe(byUuid.get(row.uuid));
    }
    expect((await db.vm.findMany()).some((vm) => /[<'"=]/.test(vm.nameLabel))).toBe(true);
  });
});

describe('collector on the large scenario', () => {
  it('syncs 20,000 VDIs on 200 SRs, then follows with little to write', async () => {
    pool = await startTestPool(['large']);
    const c = pool.collector({ target: { ssh: null } });
    const summary = await c.collectOnce();
    expect(summary).toMatchObject({ srs: 200, vdis: 20_000 });
    const { db } = pool.testDb;
    expect(await db.vdi.count()).toBe(20_000);
    expect(await db.chainChange.count()).toBe(summary.chains);
    await c.collectOnce();
    expect(await db.chainChange.count()).toBe(summary.chains);

    // The same pool over SSH too, into a database of its own: 200 scans (the shared SRs' on
    // the master, each local SR's on its own host), the SMlog of all 8 hosts, the same chains
    // as XAPI alone says.
    const withSsh = await createTestDb();
    try {
      const sshSummary = await pool.collector({ db: withSsh.db }).collectOnce();
      expect(sshSummary).toMatchObject({ outcome: 'ok', errors: [], srs: 200, vdis: 20_000, chains: summary.chains });
      expect(await withSsh.db.collectionRun.findFirstOrThrow()).toMatchObject({ outcome: 'ok', sshStatus: 'ok' });
      const hosts = await withSsh.db.host.findMany();
      expect(hosts).toHaveLength(8);
      expect(hosts.every((h) => h.sshHostKeySha256?.startsWith('SHA256:') && h.smlogOffsetBytes !== null)).toBe(true);
      expect(await withSsh.db.srSample.count()).toBe(200);
    } finally {
      await withSsh.close();
    }
  }, 90_000);
});

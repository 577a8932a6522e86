import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createTestDb, emptyRunData, type TestDb } from '../db/test-db';
import { startSimulator } from '../simulator/run';
import { silentLogger } from './clock';
import { startCollector } from './collector';
import { ensurePool } from '../db/pools';
import { DEMO_POOL_NAME } from './demo';
import { DEFAULT_RETENTION } from './retention';

let t: TestDb | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('startCollector', () => {
  it('watches the demo simulator when no pool is configured, marked as demo', async () => {
    t = await createTestDb();
    const running = await startCollector({ config: loadConfig({}), db: t.db, log: silentLogger });
    expect(running.pools).toEqual([DEMO_POOL_NAME]);
    expect(running.demo).not.toBeNull();
    const db = t.db;
    await expect.poll(() => db.collectionRun.count({ where: { outcome: 'ok' } }), { timeout: 15_000 }).toBeGreaterThan(0);
    await running.stop();
    expect(await db.pool.findFirstOrThrow()).toMatchObject({ name: DEMO_POOL_NAME, demo: true });
    expect(await db.chainChange.count()).toBeGreaterThan(0);
  });

  it('shows the demo with a past: a day of it collected hour by hour before it runs live', async () => {
    t = await createTestDb();
    const db = t.db;
    const startMs = Date.now();
    const running = await startCollector({ config: loadConfig({}), db, log: silentLogger, demoHistoryMs: 24 * 3_600_000 });
    const world = running.demo!.world;
    expect(world.nowMs()).toBeLessThan(startMs - 23 * 3_600_000);
    // Caught up within seconds, then live: runs after the wall clock's start too.
    await expect.poll(() => db.collectionRun.count({ where: { startedAt: { gte: new Date(startMs) } } }), { timeout: 30_000 }).toBeGreaterThan(0);
    await running.stop();
    const runs = await db.collectionRun.findMany({ orderBy: { startedAt: 'asc' } });
    expect(runs.every((run) => run.outcome === 'ok')).toBe(true);
    expect(runs[0].startedAt.getTime()).toBeLessThan(startMs - 23 * 3_600_000);
    // A run an hour at most: no gap in the past the charts show.
    for (let i = 1; i < runs.length; i++) expect(runs[i].startedAt.getTime() - runs[i - 1].finishedAt.getTime()).toBeLessThanOrEqual(3_600_000);
    // The night's backups, the GC after them and its speed are in the history.
    expect(await db.vmSnapshot.count({ where: { firstSeenAt: { gt: runs[0].startedAt } } })).toBeGreaterThan(0);
    expect(await db.gcEvent.count()).toBeGreaterThan(0);
    expect(await db.speedReading.count()).toBeGreaterThan(0);
  });

  it('starts the demo afresh after a restart: no stale history, no refused host key', async () => {
    t = await createTestDb();
    const db = t.db;
    const first = await startCollector({ config: loadConfig({}), db, log: silentLogger });
    await expect.poll(() => db.collectionRun.count({ where: { outcome: 'ok' } }), { timeout: 15_000 }).toBeGreaterThan(0);
    await first.stop();
    const firstPoolId = (await db.pool.findFirstOrThrow()).id;

    const second = await startCollector({ config: loadConfig({}), db, log: silentLogger });
    await expect
      .poll(() => db.collectionRun.count({ where: { outcome: 'ok', sshStatus: 'ok' } }), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await second.stop();
    const pools = await db.pool.findMany();
    expect(pools).toHaveLength(1);
    expect(pools[0].id).not.toBe(firstPoolId);
    expect(await db.collectionRun.count({ where: { poolId: firstPoolId } })).toBe(0);
    expect(await db.collectionRun.count({ where: { outcome: { not: 'ok' } } })).toBe(0);
  });

  it('runs the demo on the scenarios of CHAINWATCH_SCENARIOS, and names an unknown one', async () => {
    t = await createTestDb();
    const db = t.db;
    const running = await startCollector({ config: loadConfig({ CHAINWATCH_SCENARIOS: 'near-limit' }), db, log: silentLogger });
    await expect.poll(() => db.collectionRun.count({ where: { outcome: 'ok' } }), { timeout: 15_000 }).toBeGreaterThan(0);
    await running.stop();
    // near-limit's one SR, and none of the default four scenarios'.
    expect((await db.sr.findMany()).map((sr) => sr.nameLabel)).toEqual(['NFS rolling']);
    await expect(startCollector({ config: loadConfig({ CHAINWATCH_SCENARIOS: 'healthy,nope' }), db, log: silentLogger })).rejects.toThrow(
      /CHAINWATCH_SCENARIOS: unknown scenario "nope"; known scenarios: healthy, slow-sr/,
    );
    // Refused before the last demo's history was deleted.
    expect(await db.pool.count({ where: { demo: true } })).toBe(1);
  });

  it('ages the demo pool’s history out on the simulator’s clock, not the wall clock', async () => {
    t = await createTestDb();
    const db = t.db;
    // No past to catch up: the demo's clock starts at the wall clock's time.
    const running = await startCollector({ config: loadConfig({}), db, log: silentLogger, retention: { firstDelayMs: 3_000, intervalMs: 500 }, demoHistoryMs: 0 });
    const world = running.demo!.world;
    await expect.poll(() => db.pool.count(), { timeout: 15_000 }).toBe(1);
    const poolId = (await db.pool.findFirstOrThrow()).id;
    // 30 simulated seconds younger than the oldest run kept, by either clock now.
    const at = new Date(world.nowMs() - DEFAULT_RETENTION.runsMs + 30_000);
    const run = await db.collectionRun.create({
      data: emptyRunData(poolId, at),
    });
    // From the first retention run on, 3 s of wall clock later, the demo's clock is 3 minutes
    // on: past the 90 days by its clock. The wall clock, behind the demo's (which started at
    // the wall clock's time), would keep the run for at least 25 more seconds.
    const insertedAtMs = Date.now();
    await expect.poll(() => db.collectionRun.count({ where: { id: run.id } }), { timeout: 15_000 }).toBe(0);
    expect(Date.now() - insertedAtMs).toBeLessThan(25_000);
    await running.stop();
  });

  it('watches configured pools, and nothing else when the demo is off', async () => {
    t = await createTestDb();
    const sim = await startSimulator({ scenarios: ['healthy'], speed: 0 });
    const pools = JSON.stringify([{ name: 'lab', url: sim.xapiUrl, user: sim.user, password: sim.password, ssh: { port: sim.sshPort } }]);
    // A demo pool left by an earlier start without pools goes: only the configured pools are shown now.
    await ensurePool(t.db, { name: DEMO_POOL_NAME, url: 'http://127.0.0.1:1', demo: true });
    const running = await startCollector({ config: loadConfig({ CHAINWATCH_POOLS: pools }), db: t.db, log: silentLogger });
    expect(running.pools).toEqual(['lab']);
    expect(await t.db.pool.count({ where: { demo: true } })).toBe(0);
    expect(running.demo).toBeNull();
    const db = t.db;
    await expect.poll(() => db.collectionRun.count({ where: { outcome: 'ok', sshStatus: 'ok' } }), { timeout: 15_000 }).toBe(1);
    await running.stop();
    await sim.stop();
    expect(await db.pool.findFirstOrThrow()).toMatchObject({ name: 'lab', demo: false });

    const idle = await startCollector({ config: loadConfig({ CHAINWATCH_DEMO: '0' }), db: t.db, log: silentLogger });
    expect(idle.pools).toEqual([]);
    await idle.stop();
  });
});

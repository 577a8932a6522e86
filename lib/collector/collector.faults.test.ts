/** One test per way a pool misbehaves; the collector must record it and carry on. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import type { World } from '../simulator/world/world';
import type { Clock, Logger } from './clock';
import { startPoolLoop } from './pool-loop';
import { startTestPool, type TestPool } from './test-pool';
import type { StepResult } from './types';

let pool: TestPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

async function healthyPool(seed?: number): Promise<TestPool> {
  pool = await startTestPool(['healthy'], { seed });
  return pool;
}

function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m) };
}

describe('collector faults', () => {
  it('records XAPI being down as a failed run and recovers when it is back', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const c = collector();
    sim.world.faults.xapiDown = true;
    const down = await c.step();
    expect(down).toMatchObject({ ok: false, kind: 'connect' });
    sim.world.faults.xapiDown = false;
    // The simulator listens again on its next clock tick.
    await expect.poll(() => accepts(sim.xapiUrl), { timeout: 5_000 }).toBe(true);
    expect(await c.step()).toEqual({ ok: true, kind: 'connect' });
    const runs = await testDb.db.collectionRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.map((r) => [r.kind, r.outcome])).toEqual([
      ['connect', 'failed'],
      ['full', 'ok'],
    ]);
    expect(runs[0].error).toMatch(/Pool sim: /);
  });

  it('backs off while XAPI is down, and connects once it is back (the loop around a real collector)', async () => {
    const { sim, testDb, collector } = await healthyPool();
    sim.world.faults.xapiDown = true;
    const delays: number[] = [];
    const results: StepResult[] = [];
    // The loop asks for its delays; the test waits 20 ms at most for each.
    const clock: Clock = {
      nowMs: () => sim.world.nowMs(),
      setTimeout: (fn, ms) => {
        delays.push(ms);
        return setTimeout(fn, Math.min(ms, 20));
      },
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const loop = startPoolLoop(collector(), { clock, backoff: { baseMs: 1_000, maxMs: 8_000, random: () => 0.5 }, onStep: (r) => results.push(r) });
    await expect.poll(() => results.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    sim.world.faults.xapiDown = false;
    await expect.poll(() => results.some((r) => r.ok), { timeout: 10_000 }).toBe(true);
    await loop.stop();
    const failures = results.findIndex((r) => r.ok);
    expect(results.slice(0, failures).every((r) => !r.ok && r.kind === 'connect')).toBe(true);
    // Doubling from 1 s to the 8 s cap, each jittered to three quarters; none after the success.
    expect(delays.slice(1, 7)).toEqual([750, 1_500, 3_000, 6_000, 6_000, 6_000]);
    expect(delays[failures + 1]).toBe(0);
    // Every failed attempt is a recorded gap; then the pool is read.
    const runs = await testDb.db.collectionRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.filter((r) => r.outcome === 'failed')).toHaveLength(failures);
    expect(runs.at(-1)).toMatchObject({ kind: 'full', outcome: 'ok' });
  });

  it('times out a hung call and reconnects once XAPI answers again', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const c = collector({ settings: { callTimeoutMs: 300 } });
    expect((await c.step()).ok).toBe(true);
    sim.world.faults.xapiHang = true;
    const hung = await c.step();
    expect(hung).toMatchObject({ ok: false, kind: 'events' });
    expect(hung.ok || hung.error).toMatch(/did not answer in time/);
    sim.world.faults.xapiHang = false;
    expect(await c.step()).toEqual({ ok: true, kind: 'connect' });
    const failed = await testDb.db.collectionRun.findFirstOrThrow({ where: { outcome: 'failed' } });
    expect(failed.error).toMatch(/did not answer in time/);
  });

  it('follows the master to another host (HOST_IS_SLAVE) and reads SSH there', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const c = collector();
    expect((await c.step()).ok).toBe(true);
    const [first, second] = sim.hosts;
    (sim.world as World).designateMaster(second.ref);
    const moved = await c.step();
    expect(moved).toMatchObject({ ok: false, reconnectNow: true });
    expect(await c.step()).toEqual({ ok: true, kind: 'connect' });
    const { db } = testDb;
    expect((await db.pool.findFirstOrThrow()).masterHostUuid).toBe(second.uuid);
    const hosts = await db.host.findMany();
    expect(hosts.find((h) => h.uuid === second.uuid)).toMatchObject({ isMaster: true });
    expect(hosts.find((h) => h.uuid === first.uuid)).toMatchObject({ isMaster: false });
    const runs = await db.collectionRun.findMany({ where: { kind: 'full' } });
    expect(runs.every((r) => r.outcome === 'ok' && r.sshStatus === 'ok')).toBe(true);
  });

  it('logs in through a pool member that is not the master', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const slave = sim.hosts.find((h) => h.ref !== sim.world.masterRef())!;
    const c = collector({ target: { url: sim.xapiUrl.replace(/127\.0\.0\.\d+/, slave.address) } });
    expect(await c.step()).toEqual({ ok: true, kind: 'connect' });
    expect(await testDb.db.collectionRun.count({ where: { outcome: 'ok' } })).toBe(1);
  });

  it('re-reads every record after EVENTS_LOST without counting a failure', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const c = collector();
    await c.step();
    sim.world.faults.eventsLostOnce = true;
    expect(await c.step()).toEqual({ ok: true, kind: 'full' });
    // Both clean collections, back to back: one run row standing for two.
    const runs = await testDb.db.collectionRun.findMany();
    expect(runs.map((r) => [r.outcome, r.collections])).toEqual([['ok', 2]]);
  });

  it('carries on with XAPI alone when SSH is down, and says so on the run', async () => {
    const { sim, testDb, collector } = await healthyPool();
    sim.world.faults.sshDown = true;
    const summary = await collector().collectOnce();
    expect(summary.outcome).toBe('partial');
    expect(summary.errors[0]).toMatch(/SSH login to host .* failed: check the SSH user and password or key/);
    const run = await testDb.db.collectionRun.findFirstOrThrow();
    expect(run).toMatchObject({ outcome: 'partial', sshStatus: 'unavailable' });
    expect(await testDb.db.chainChange.count()).toBe(summary.chains);
    expect(await testDb.db.gcEvent.count()).toBe(0);
  });

  it('neither duplicates nor loses history across a restart', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const first = collector();
    await first.collectOnce();
    sim.world.advance(26 * 3_600_000);
    await first.collectOnce();
    await first.stop();
    const { db } = testDb;
    const counts = async () => ({
      chains: await db.chainChange.count(),
      gc: await db.gcEvent.count(),
      speed: await db.speedReading.count(),
      snapshots: await db.vmSnapshot.count(),
      vdis: await db.vdi.count(),
      hosts: await db.host.count(),
    });
    const before = await counts();
    expect(before.gc).toBeGreaterThan(0);
    await collector().collectOnce();
    expect(await counts()).toEqual(before);
    expect((await db.collectionRun.aggregate({ _sum: { collections: true } }))._sum.collections).toBe(3);
  });

  it('loses nothing the pool logged while the collector was stopped: it ends where a collector that never stopped ends', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const world = sim.world;
    const reference = await createTestDb();
    try {
      const always = collector({ db: reference.db });
      const restarted = collector();
      await always.collectOnce();
      await restarted.collectOnce();
      await restarted.stop();
      const gcLinesAtStop = await testDb.db.gcEvent.count();
      const snapshotsAtStop = await testDb.db.vmSnapshot.count();
      // A day and more without it: two nightly backups, their snapshots and the GC after them.
      for (let hour = 0; hour < 30; hour++) {
        world.advance(3_600_000);
        await always.collectOnce();
      }
      await collector().collectOnce();
      // What a pool keeps and the collector reads from where it left off (SMlog by offset,
      // speed logs by line) must match exactly; of what XAPI shows only as it is now, the
      // present must match, and an object born and gone while the collector was stopped is
      // the one thing it cannot have seen.
      const state = async (db: TestDb['db']) => {
        const snapshots = await db.vmSnapshot.findMany({ orderBy: { snapshotUuid: 'asc' } });
        const vdis = await db.vdi.findMany({ orderBy: { uuid: 'asc' } });
        const lastChanges = (await db.chainChange.findMany({ include: { leaf: true }, orderBy: [{ leafId: 'asc' }, { seq: 'desc' }] })).filter(
          (c, i, all) => i === 0 || all[i - 1].leafId !== c.leafId,
        );
        return {
          gcLines: (await db.gcEvent.findMany({ include: { line: true }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map((e) => `${e.at.toISOString()} ${e.line.message}`),
          // Stamped when first seen: the times differ, the readings must not.
          speedReadings: (await db.speedReading.findMany({ include: { sr: true }, orderBy: [{ srId: 'asc' }, { seq: 'asc' }] })).map((r) => [r.sr.uuid, r.seq, r.bytesPerSec]),
          liveSnapshots: snapshots.filter((v) => v.removedAt === null).map((v) => v.snapshotUuid),
          liveVdis: vdis.filter((v) => v.removedAt === null).map((v) => [v.uuid, v.rowHash]),
          liveChains: lastChanges
            .filter((c) => c.state !== 'removed')
            .map((c) => [c.leaf.uuid, c.length, c.state])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          everSnapshots: new Set(snapshots.map((v) => v.snapshotUuid)),
          everVdis: new Set(vdis.map((v) => v.uuid)),
        };
      };
      const expected = await state(reference.db);
      // The pool did log and snapshot while the collector was stopped.
      expect(expected.gcLines.length).toBeGreaterThan(gcLinesAtStop);
      expect(expected.everSnapshots.size).toBeGreaterThan(snapshotsAtStop);
      const { everSnapshots, everVdis, ...present } = await state(testDb.db);
      const { everSnapshots: allSnapshots, everVdis: allVdis, ...expectedPresent } = expected;
      expect(present).toEqual(expectedPresent);
      expect([...everSnapshots].filter((uuid) => !allSnapshots.has(uuid))).toEqual([]);
      expect([...everVdis].filter((uuid) => !allVdis.has(uuid))).toEqual([]);
    } finally {
      // The pool's close() stops both collectors.
      await reference.close();
    }
  }, 120_000);

  it('stops at a wrong password with a sentence that names the pool, not the password', async () => {
    const { testDb, collector } = await healthyPool();
    const log = recordingLog();
    const c = collector({ target: { password: 'not-the-password' }, log });
    await expect(c.collectOnce()).rejects.toThrow('XAPI login failed for pool sim: check the user and password');
    const run = await testDb.db.collectionRun.findFirstOrThrow();
    expect(run).toMatchObject({ kind: 'connect', outcome: 'failed' });
    expect(log.lines.join('\n')).not.toContain('not-the-password');
    expect(JSON.stringify(await testDb.db.pool.findMany())).not.toContain('not-the-password');
  });

  it('refuses a host whose SSH key changed', async () => {
    const first = await startTestPool(['healthy'], { seed: 7 });
    await first.collector().collectOnce();
    await first.sim.stop();
    // Same pool (same seed, same host uuids), new host keys: what a man in the middle looks like.
    pool = await startTestPool(['healthy'], { seed: 7, testDb: first.testDb });
    const summary = await pool.collector().collectOnce();
    expect(summary.outcome).toBe('partial');
    expect(summary.errors.join('\n')).toMatch(/SSH host key of host .* changed/);
    await first.close();
    await first.testDb.close();
  });

  it('stores a change within moments of it happening, and stops cleanly mid-wait', async () => {
    const { sim, testDb, collector } = await healthyPool();
    const c = collector({ settings: { eventWaitMs: 30_000, collectIntervalMs: 10 * 24 * 3_600_000 } });
    const steps: string[] = [];
    const loop = startPoolLoop(c, { clock: { ...sim.world, setTimeout, clearTimeout } as never, onStep: (r) => steps.push(r.kind) });
    const { db } = testDb;
    await expect.poll(() => db.collectionRun.count(), { timeout: 10_000 }).toBe(1);
    const before = await db.chainChange.count();
    sim.world.advance(26 * 3_600_000);
    await expect.poll(() => db.chainChange.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    await loop.stop();
    expect(steps[0]).toBe('connect');
    expect(steps).toContain('events');
  });
});

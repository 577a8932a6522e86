/**
 * A simulated pool, a throwaway database and collectors wired to both (used by tests and the
 * benchmark only). Simulated time stands still (tests move it with `world.advance`), but the
 * simulator's clock still ticks, which is when its XAPI server applies `faults.xapiDown`.
 */
import type { Db } from '../db/client';
import { createTestDb, type TestDb } from '../db/test-db';
import { startSimulator, type RunningSimulator } from '../simulator/run';
import { silentLogger, systemClock, type Logger } from './clock';
import { DEFAULT_HOST_READ_LIMITS } from './host-reads';
import { PoolCollector } from './pool-collector';
import type { CollectorSettings, PoolTarget } from './types';

export interface TestPool {
  sim: RunningSimulator;
  testDb: TestDb;
  target(overrides?: Partial<PoolTarget>): PoolTarget;
  /** A collector of the pool into `db` (default: the pool's test database), stopped by close(). */
  collector(options?: { target?: Partial<PoolTarget>; settings?: Partial<CollectorSettings>; log?: Logger; db?: Db }): PoolCollector;
  close(): Promise<void>;
}

/** A simulated nanosecond per real millisecond: a ticking clock, time that does not move. */
const STILL_SPEED = 1e-6;

export const TEST_SETTINGS: CollectorSettings = { collectIntervalMs: 60_000, callTimeoutMs: 5_000, eventWaitMs: 20, tolerance: 1 };

export async function startTestPool(scenarios: string[], options: { seed?: number; testDb?: TestDb } = {}): Promise<TestPool> {
  const sim = await startSimulator({ scenarios, speed: STILL_SPEED, tickMs: 20, seed: options.seed });
  const testDb = options.testDb ?? (await createTestDb());
  const collectors: PoolCollector[] = [];
  const target = (overrides: Partial<PoolTarget> = {}): PoolTarget => ({
    name: 'sim',
    url: sim.xapiUrl,
    user: sim.user,
    password: sim.password,
    demo: false,
    ssh: { user: sim.user, password: sim.password, port: sim.sshPort, connectTimeoutMs: 5_000, limits: DEFAULT_HOST_READ_LIMITS },
    ...overrides,
  });
  return {
    sim,
    testDb,
    target,
    collector(opts = {}) {
      const world = sim.world;
      const collector = new PoolCollector(
        target(opts.target),
        { ...TEST_SETTINGS, ...opts.settings },
        { db: opts.db ?? testDb.db, clock: { ...systemClock, nowMs: () => world.nowMs() }, log: opts.log ?? silentLogger },
      );
      collectors.push(collector);
      return collector;
    },
    async close() {
      await Promise.all(collectors.map((c) => c.stop()));
      await sim.stop();
      if (options.testDb === undefined) await testDb.close();
    },
  };
}

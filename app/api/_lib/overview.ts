// What the overview and the header show: every pool, its collection facts and clock, and its SRs by urgency.
import { DEMO_SPEED } from '@/lib/collector/demo';
import type { Db } from '@/lib/db/client';
import { lastGoodRunAt } from '@/lib/db/read/collection-runs';
import { WALL_CLOCK, type PoolClock } from '@/lib/db/read/pool-clock';
import { findPool, listPools, type PoolSummary } from '@/lib/db/read/pools';
import { compareUrgency, srUrgency, type SrUrgency } from '@/lib/db/read/sr-urgency';
import { listSrs, type SrSummary } from '@/lib/db/read/srs';

export interface SrOverview extends SrSummary {
  urgency: SrUrgency;
}

export interface PoolInfo extends PoolSummary {
  lastGoodRunAtMs: number | null;
  clock: PoolClock;
}

export interface PoolOverview extends PoolInfo {
  srs: SrOverview[];
}

/** The demo pool's stored times are simulated time (lib/collector/demo.ts); its last run ties them to the wall clock. */
export function poolClock(pool: PoolSummary): PoolClock {
  if (!pool.demo || pool.lastRunAtMs === null) return WALL_CLOCK;
  return { speed: DEMO_SPEED, anchorWallMs: pool.updatedAtMs, anchorPoolMs: pool.lastRunAtMs };
}

export async function readPoolInfo(db: Db, poolId: number): Promise<PoolInfo | null> {
  const pool = await findPool(db, poolId);
  if (pool === null) return null;
  const good = await lastGoodRunAt(db, [pool.id]);
  return { ...pool, lastGoodRunAtMs: good.get(pool.id) ?? null, clock: poolClock(pool) };
}

export async function readOverview(db: Db): Promise<PoolOverview[]> {
  const pools = await listPools(db);
  const [srs, good] = await Promise.all([listSrs(db), lastGoodRunAt(db, pools.map((p) => p.id))]);
  return pools.map((pool) => ({
    ...pool,
    lastGoodRunAtMs: good.get(pool.id) ?? null,
    clock: poolClock(pool),
    srs: srs
      .filter((sr) => sr.poolId === pool.id)
      .sort(compareUrgency)
      .map((sr) => ({ ...sr, urgency: srUrgency(sr) })),
  }));
}

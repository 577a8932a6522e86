// The time window of a chart, on the SR's pool clock (simulated time for the demo pool).
import type { Db } from '@/lib/db/client';
import { poolNowMs } from '@/lib/db/read/pool-clock';
import { findPool } from '@/lib/db/read/pools';
import { poolClock } from './overview';
import { collectSettings } from './settings';

export interface PoolWindow {
  fromMs: number;
  toMs: number;
  /** A silence longer than this, in pool time, is a gap. */
  maxSilenceMs: number;
}

export async function poolWindow(db: Db, poolId: number, hours: number): Promise<PoolWindow> {
  const pool = await findPool(db, poolId);
  const clock = pool === null ? { speed: 1, anchorWallMs: 0, anchorPoolMs: 0 } : poolClock(pool);
  const toMs = poolNowMs(clock, Date.now());
  return { fromMs: toMs - hours * 3_600_000, toMs, maxSilenceMs: collectSettings().maxSilenceMs * clock.speed };
}

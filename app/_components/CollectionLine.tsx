'use client';
import { collectionStatus } from '@/lib/db/read/collection-status';
import { wallMsOf } from '@/lib/db/read/pool-clock';
import type { PoolInfo } from '@/app/api/_lib/overview';
import { useNow } from '@/app/_hooks/useNow';

/** When the pool was last collected and how it went: failures, partial runs and silence stand out. */
export function CollectionLine({ pool, maxSilenceMs }: { pool: PoolInfo; maxSilenceMs: number }) {
  const now = useNow();
  // Freshness is a wall-clock question (is the collector alive?), even for the simulated pool.
  const wall = (ms: number | null) => (ms === null ? null : wallMsOf(pool.clock, ms));
  const facts = { ...pool, lastRunAtMs: wall(pool.lastRunAtMs), lastGoodRunAtMs: wall(pool.lastGoodRunAtMs) };
  const status = collectionStatus(facts, now, maxSilenceMs);
  return (
    <p className={`collection collection-${status.health}`} role={status.health === 'ok' ? undefined : 'status'}>
      {status.sentence}
    </p>
  );
}

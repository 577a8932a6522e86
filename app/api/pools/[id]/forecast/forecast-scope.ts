/**
 * What the pages read of a pool forecast. A pool of 20,000 VDIs has 12,000 leaves, and most
 * of them neither oscillate nor wait for the GC: their "nothing to see" entries made the answer
 * 7.9 MB (3.7 s for the server to gzip on 2 cores, polled every 30 s by every open page). The
 * pages show the leaves that oscillate and, per SR, the backlog; an SR's page needs that SR
 * alone (`?sr=`), never the pool's per-VM backups.
 */
import type { CoalesceSpeed } from '@/lib/analysis/coalesce-speed';
import type { GcQueueForecast } from '@/lib/analysis/gc-queue-forecast';
import type { OscillationVerdict } from '@/lib/analysis/oscillation';
import type { PoolForecast } from '@/lib/analysis/pool-forecast';
import type { PinnedChain } from '@/lib/chains/pinned';
import type { LeafLabel, PoolForecastView } from './forecast-view';

/**
 * The forecast without the entries that say nothing happens: `oscillations` lists only the
 * leaves that oscillate, and an SR's `gc.chains` only the chains not clean yet (its steps,
 * counts and summary are whole).
 */
export function withoutQuietEntries<F extends PoolForecast>(forecast: F): F {
  return {
    ...forecast,
    oscillations: forecast.oscillations.filter((o) => o.oscillating),
    gc: forecast.gc.map((g) => ({ ...g, chains: g.chains.filter((c) => c.status !== 'clean') })),
  };
}

/** One SR's share of its pool's forecast: what the SR page shows. */
export interface SrForecastView {
  poolId: number;
  srUuid: string;
  atMs: number;
  clock: PoolForecastView['clock'];
  /** null when the pool forecast has no entry for the SR (not collected yet). */
  speed: CoalesceSpeed | null;
  gc: GcQueueForecast | null;
  /** Oscillating leaves of the SR. */
  oscillations: OscillationVerdict[];
  /** Chains of the SR pinned by snapshots. */
  pinned: PinnedChain[];
  /** The leaves named above. */
  leaves: Record<string, LeafLabel>;
  /** The VMs of those leaves (untrusted text). */
  vmNames: Record<string, string>;
}

export function srForecast(view: PoolForecastView, srUuid: string): SrForecastView {
  const onSr = (leafId: string) => view.leaves[leafId]?.srId === srUuid;
  const oscillations = view.oscillations.filter((o) => o.oscillating && onSr(o.leafId));
  const pinned = view.pinned.filter((p) => onSr(p.leafId));
  const named = [...oscillations, ...pinned].map((entry): [string, LeafLabel] => [entry.leafId, view.leaves[entry.leafId]]);
  const vmUuids = new Set(named.flatMap(([, leaf]) => leaf.vmUuids));
  const leaves = Object.fromEntries(named);
  const vmNames = Object.fromEntries(Object.entries(view.vmNames).filter(([uuid]) => vmUuids.has(uuid)));
  return {
    poolId: view.poolId,
    srUuid,
    atMs: view.atMs,
    clock: view.clock,
    speed: view.speeds.find((s) => s.srId === srUuid) ?? null,
    gc: view.gc.find((g) => g.srId === srUuid) ?? null,
    oscillations,
    pinned,
    leaves,
    vmNames,
  };
}

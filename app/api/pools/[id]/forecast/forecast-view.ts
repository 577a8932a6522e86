// The forecasts of one pool as the pages show them: PoolForecast, the names people know things by, and pinned chains.
import type { Db } from '@/lib/db/client';
import { forecastPool, type PoolForecast } from '@/lib/analysis/pool-forecast';
import { buildForest } from '@/lib/chains/forest';
import { pinnedChains, type PinnedChain } from '@/lib/chains/pinned';
import { poolNowMs, type PoolClock } from '@/lib/db/read/pool-clock';
import { readPoolHistory } from '@/lib/db/read/pool-history';
import { cronOverridesOf, listScheduleOverrides } from '@/lib/db/schedule-overrides';
import { readPoolInfo } from '../../../_lib/overview';
import { collectSettings } from '../../../_lib/settings';
import { withoutQuietEntries } from './forecast-scope';

export interface LeafLabel {
  /** VDI name_label (untrusted text). */
  name: string;
  srId: string | null;
  vmUuids: string[];
}

/** Evidence kept per SR speed: the newest observations are what a person checks. */
const EVIDENCE_SHOWN = 20;

export interface PoolForecastView extends PoolForecast {
  poolId: number;
  /** `atMs` is on this clock (simulated time for the demo pool). */
  clock: PoolClock;
  /** name_label by uuid (untrusted text). */
  vmNames: Record<string, string>;
  srNames: Record<string, string>;
  /** The leaves the pages name (oscillating or pinned): name, SR uuid, VMs. */
  leaves: Record<string, LeafLabel>;
  pinned: PinnedChain[];
}

/** null when the pool is not stored. */
export async function readPoolForecast(db: Db, poolId: number, wallNowMs: number): Promise<PoolForecastView | null> {
  const info = await readPoolInfo(db, poolId);
  if (info === null) return null;
  const nowMs = poolNowMs(info.clock, wallNowMs);
  const settings = collectSettings();
  const maxSilenceMs = settings.maxSilenceMs * info.clock.speed;
  const [history, vms, srs, schedules] = await Promise.all([
    readPoolHistory(db, poolId, { nowMs, maxSilenceMs }),
    db.vm.findMany({ where: { poolId, removedAt: null }, select: { uuid: true, nameLabel: true } }),
    db.sr.findMany({ where: { poolId, removedAt: null }, select: { uuid: true, nameLabel: true } }),
    listScheduleOverrides(db, poolId),
  ]);
  const poolKey = `pool:${poolId}`;
  const forecast = withoutQuietEntries(forecastPool(history, nowMs, {
    tolerance: settings.xoTolerance,
    overrides: cronOverridesOf(schedules, poolKey),
    poolId: poolKey,
  }));
  const pinned = pinnedChains(buildForest(history.records));
  const named = new Set([...forecast.oscillations.map((o) => o.leafId), ...pinned.map((p) => p.leafId)]);
  const leaves = history.records.filter((r) => named.has(r.id)).map((r) => [r.id, { name: r.name, srId: r.srId ?? null, vmUuids: r.vmIds ?? [] }]);
  return {
    ...forecast,
    speeds: forecast.speeds.map((s) => ({ ...s, evidence: s.evidence.slice(-EVIDENCE_SHOWN) })),
    poolId,
    clock: info.clock,
    vmNames: Object.fromEntries(vms.map((vm) => [vm.uuid, vm.nameLabel])),
    srNames: Object.fromEntries(srs.map((sr) => [sr.uuid, sr.nameLabel])),
    leaves: Object.fromEntries(leaves),
    pinned,
  };
}

/**
 * Every forecast for one pool from its stored history, in the order they feed each other:
 * coalesce speed and oscillation → GC queue → backup times → skip verdicts; plus overlaps.
 * This is what the collector and the pages call; each part keeps its own evidence.
 */
import { buildForest } from '../chains/forest';
import type { VhdRecord } from '../chains/types';
import { type CadenceOptions, type VmBackupForecast, forecastBackups } from './backup-cadence';
import { type CoalesceSpeed, estimateCoalesceSpeed } from './coalesce-speed';
import { type GcQueueForecast, forecastGcQueue } from './gc-queue-forecast';
import { type OscillationVerdict, detectOscillations } from './oscillation';
import { type OverlapFinding, findOverlaps, treeVdiIdsByVm } from './overlaps';
import { type SkipForecast, forecastSkip } from './skip-forecast';
import { type CoalesceInterval, coalesceIntervals, openMerges, uuidPrefixOf } from './smlog-coalesce';
import type { SmlogEvent } from '../vhd/types';
import type { LeafHistory, SnapshotRecord, SrHistory } from './types';
import { groupBy } from '../group-by';

export interface PoolVm {
  vmUuid: string;
  running: boolean;
  /** Attached VDIs (uuids = record ids). */
  vdiIds: string[];
}

export interface PoolSr {
  history: SrHistory;
  /** When the SR's running GC started; null when none runs. */
  gcRunningSinceMs: number | null;
  switches?: { gc?: boolean; coalesce?: boolean; leafCoalesce?: boolean };
}

export interface PoolHistory {
  /** VHD records of every SR now (XAPI view; `srId` matches `PoolSr.history.srId`). */
  records: VhdRecord[];
  vms: PoolVm[];
  srs: PoolSr[];
  leaves: LeafHistory[];
  /** Every VM snapshot seen, deleted ones included. */
  snapshots: SnapshotRecord[];
  /** SMlog events of every host of the pool (each GC process is tied to its SR by its own lines). */
  smlog: SmlogEvent[];
}

export interface PoolForecastOptions extends CadenceOptions {
  /** XO `maxUncoalescedVdis` (default 1). */
  tolerance?: number;
}

export interface PoolForecast {
  atMs: number;
  speeds: CoalesceSpeed[];
  oscillations: OscillationVerdict[];
  gc: GcQueueForecast[];
  backups: VmBackupForecast[];
  skips: SkipForecast[];
  overlaps: OverlapFinding[];
}

/** SMGC prints a leaf's real VHD size when it loads it; an hour-old figure is still close. */
function recentLeafSizes(smlog: readonly SmlogEvent[], records: readonly VhdRecord[], nowMs: number): Map<string, number> {
  const byPrefix = new Map<string, number>();
  for (const e of smlog) {
    if (e.atMs < nowMs - 3600_000 || e.atMs > nowMs) continue;
    for (const t of e.vdis) if (!t.hidden && t.sizeBytes !== null) byPrefix.set(t.uuidPrefix.toLowerCase(), t.sizeBytes);
  }
  const sizes = new Map<string, number>();
  for (const r of records) {
    const size = r.hidden ? undefined : byPrefix.get(uuidPrefixOf(r.id));
    if (size !== undefined) sizes.set(r.id, size);
  }
  return sizes;
}

/** Past rounds of snapshot-coalesce SM gave up on, per leaf: when each ended, and the longest. */
function leafGiveUps(intervals: readonly CoalesceInterval[], records: readonly VhdRecord[]) {
  const leafIdByPrefix = new Map(records.filter((r) => !r.hidden).map((r) => [uuidPrefixOf(r.id), r.id]));
  const ended: { leafId: string; endMs: number; tookMs: number }[] = [];
  for (const i of intervals) {
    const leafId = i.vdi ? leafIdByPrefix.get(i.vdi.uuidPrefix.toLowerCase()) : undefined;
    if (i.kind === 'leaf-coalesce' && i.outcome === 'gave-up' && leafId) ended.push({ leafId, endMs: i.endMs, tookMs: i.endMs - i.startMs });
  }
  // The longest: rounds grow with the leaf, and a short first try says little.
  const longestMs = new Map<string, number>();
  for (const g of ended) longestMs.set(g.leafId, Math.max(longestMs.get(g.leafId) ?? 0, g.tookMs));
  return { ended, longestMs };
}

export function forecastPool(history: PoolHistory, nowMs: number, options: PoolForecastOptions = {}): PoolForecast {
  const { smlog } = history;
  const snapshotTimes = history.snapshots.map((s) => s.snapshotTimeMs);
  const vmOfLeaf = new Map(history.vms.flatMap((vm) => vm.vdiIds.map((id) => [id, vm] as const)));
  const recordById = new Map(history.records.map((r) => [r.id, r]));

  const srUuids = history.srs.map((s) => s.history.srUuid ?? s.history.srId);
  const intervals = coalesceIntervals(smlog, srUuids);
  const speeds = history.srs.map((s) => estimateCoalesceSpeed({ ...s.history, smlog }, snapshotTimes, nowMs, { intervals }));
  const snapshotTimesByVm = groupBy(history.snapshots, (s) => s.vmUuid);
  const oscillations = detectOscillations(
    history.leaves.map((leaf) => {
      const vm = leaf.vmId ?? vmOfLeaf.get(leaf.leafId)?.vmUuid;
      const snaps = (vm === undefined ? undefined : snapshotTimesByVm.get(vm))?.map((s) => s.snapshotTimeMs) ?? [];
      return { history: leaf, snapshotTimesMs: snaps, leafCoalesce: recordById.get(leaf.leafId)?.leafCoalesce };
    }),
    smlog,
    nowMs,
  );
  const blockedLeafIds = new Set(oscillations.filter((o) => o.oscillating && vmOfLeaf.get(o.leafId)?.running).map((o) => o.leafId));
  const liveLeafIds = new Set(history.vms.filter((vm) => vm.running).flatMap((vm) => vm.vdiIds));

  const open = openMerges(smlog, srUuids);
  const giveUps = leafGiveUps(intervals, history.records);
  const leafDataBytes = recentLeafSizes(smlog, history.records, nowMs);
  const recordsBySr = groupBy(history.records, (r) => r.srId);
  const gc = history.srs.map((s, i) =>
    forecastGcQueue(
      {
        srId: s.history.srId,
        records: recordsBySr.get(s.history.srId) ?? [],
        bytesPerSec: speeds[i].bytesPerSec,
        gcRunningSinceMs: s.gcRunningSinceMs,
        blockedLeafIds,
        liveLeafIds,
        switches: s.switches,
        // A merge left open in SMlog is only under way while the SR's GC still runs.
        current: s.gcRunningSinceMs === null ? null : (open.find((m) => m.srUuid === (s.history.srUuid ?? s.history.srId)) ?? null),
        leafDataBytes,
        giveUpMs: giveUps.longestMs,
        givenUpThisRun: new Set(giveUps.ended.filter((g) => s.gcRunningSinceMs !== null && g.endMs >= s.gcRunningSinceMs).map((g) => g.leafId)),
      },
      nowMs,
    ),
  );
  const backups = forecastBackups(
    history.vms.map((vm) => vm.vmUuid),
    history.snapshots,
    nowMs,
    options,
  );
  const positionOf = new Map(history.records.map((r, i) => [r, i]));
  // The records of a VM's SRs, in the pool's order (one SR: its group as it is).
  const recordsOnSrs = (srIds: ReadonlySet<string | undefined>): VhdRecord[] => {
    const groups = [...srIds].map((srId) => recordsBySr.get(srId) ?? []);
    return groups.length === 1 ? groups[0] : groups.flat().sort((a, b) => positionOf.get(a)! - positionOf.get(b)!);
  };
  const skips = history.vms.map((vm, i) => {
    const srIds = new Set(vm.vdiIds.map((id) => recordById.get(id)?.srId));
    const on = history.srs.map((s, k) => ({ s, k })).filter(({ s }) => srIds.has(s.history.srId));
    return forecastSkip(
      {
        vmUuid: vm.vmUuid,
        vdiIds: vm.vdiIds,
        nextBackupMs: backups[i].nextBackupMs,
        scheduleConfidence: backups[i].confidence,
        records: recordsOnSrs(srIds),
        gcForecasts: on.map(({ k }) => gc[k]),
        speedConfidence: Math.min(1, ...on.map(({ k }) => speeds[k].confidence)),
        tolerance: options.tolerance,
      },
      nowMs,
    );
  });
  const forest = buildForest(history.records);
  const chains = treeVdiIdsByVm(forest, new Map(history.vms.map((vm) => [vm.vmUuid, vm.vdiIds])));
  const overlaps = findOverlaps(history.snapshots, intervals, chains, nowMs);
  return { atMs: nowMs, speeds, oscillations, gc, backups, skips, overlaps };
}

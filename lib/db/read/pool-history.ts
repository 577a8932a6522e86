/**
 * Everything stored about one pool, as the forecasts read it (`PoolHistory`): the VHDs and VMs
 * as they stand, and a bounded stretch of history (SR samples, chain changes, SMGC lines,
 * speed_log readings, VM snapshots, collection gaps), times as epoch ms and bytes as numbers.
 * Every time is on the pool's clock (simulated time for the demo pool): pass `nowMs` on it.
 */
import type { PoolHistory, PoolSr, PoolVm } from '../../analysis/pool-forecast';
import type { LeafHistory, SnapshotRecord, SrAggregate } from '../../analysis/types';
import type { VhdRecord } from '../../chains/types';
import type { Db } from '../client';
import type { Sr, SrSample, Vdi } from '../generated/client';
import { parseStoredStrings } from '../rows';
import { newestSampleRows } from '../sr-samples';
import { xoBackupOf } from '../vm-snapshots';
import { collectionGaps } from './collection-gaps';
import { listCollectionRuns } from './collection-runs';
import { smlogEventOf } from './pool-history-smlog';
import { groupBy } from '../../group-by';

export interface PoolHistoryOptions {
  nowMs: number;
  /** How far back history is read (default 14 days: two weekly backups). */
  historyMs?: number;
  /** A silence longer than this between good runs is a gap, in pool time. */
  maxSilenceMs: number;
}

export const DEFAULT_HISTORY_MS = 14 * 24 * 3_600_000;
/** The newest SMGC lines read: a busy pool's two weeks stay well under this. */
const MAX_GC_LINES = 50_000;
const MAX_RUNS = 5_000;

function parseConfig(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** The Vdi columns a VHD record is made of: 20,000 rows read with half their columns map in half the time. */
const VHD_RECORD_COLUMNS = {
  srId: true,
  uuid: true,
  nameLabel: true,
  vhdParentUuid: true,
  managed: true,
  isSnapshot: true,
  physicalUtilisationBytes: true,
  virtualSizeBytes: true,
  vmUuids: true,
  leafCoalesce: true,
} as const satisfies Partial<Record<keyof Vdi, true>>;

type VhdRecordRow = Pick<Vdi, keyof typeof VHD_RECORD_COLUMNS>;

/** A VDI row as the chain model's record; `srUuid` names its SR, as SMlog does. */
export function vhdRecordOf(row: VhdRecordRow, srUuid: string): VhdRecord {
  const record: VhdRecord = {
    id: row.uuid,
    name: row.nameLabel,
    parentId: row.vhdParentUuid,
    // XAPI shows a base copy as an unmanaged VDI.
    hidden: !row.managed,
    managed: row.managed,
    isSnapshot: row.isSnapshot,
    sizeBytes: Number(row.physicalUtilisationBytes),
    virtualSizeBytes: Number(row.virtualSizeBytes),
    srId: srUuid,
    vmIds: parseStoredStrings(row.vmUuids),
  };
  if (row.leafCoalesce !== null) record.leafCoalesce = row.leafCoalesce;
  return record;
}

/** Samples from `since` on, after the one in force at `since` (each holds until the next). */
async function samplesSince(db: Db, srIds: number[], since: Date): Promise<SrSample[]> {
  const [carried, rows] = await Promise.all([
    newestSampleRows(db, srIds, since.getTime()),
    db.srSample.findMany({ where: { srId: { in: srIds }, at: { gte: since } }, orderBy: { at: 'asc' } }),
  ]);
  return [...carried.values(), ...rows];
}

export function aggregateOf(row: SrSample): SrAggregate {
  return {
    atMs: row.at.getTime(),
    nodes: row.nodes,
    hiddenNodes: row.hiddenNodes,
    backlogNodes: row.backlogNodes,
    backlogBytes: Number(row.backlogBytes),
    maxChainLength: row.maxChainLength,
    gcRunning: row.gcRunning,
  };
}

/** The first sample of the run of `gcRunning` samples that ends the series; null when the GC is not running. */
export function gcRunningSince(aggregates: readonly SrAggregate[]): number | null {
  let since: number | null = null;
  for (let i = aggregates.length - 1; i >= 0 && aggregates[i].gcRunning; i--) since = aggregates[i].atMs;
  return since;
}

function poolSrOf(sr: Sr, aggregates: SrAggregate[], speedLog: PoolSr['history']['speedLog'], gaps: PoolSr['history']['gaps']): PoolSr {
  return {
    history: { srId: sr.uuid, srUuid: sr.uuid, aggregates, speedLog, smlog: [], gaps },
    gcRunningSinceMs: gcRunningSince(aggregates),
    // SR other_config `gc`/`coalesce`/`leaf-coalesce` = "false" stop the SM GC's work (cleanup.py).
    switches: { gc: sr.gcEnabled, coalesce: sr.coalesceEnabled, leafCoalesce: sr.leafCoalesceEnabled },
  };
}

export async function readPoolHistory(db: Db, poolId: number, options: PoolHistoryOptions): Promise<PoolHistory> {
  const { nowMs, maxSilenceMs } = options;
  const since = new Date(nowMs - (options.historyMs ?? DEFAULT_HISTORY_MS));
  const srs = await db.sr.findMany({ where: { poolId, removedAt: null }, orderBy: { id: 'asc' } });
  const srIds = srs.map((sr) => sr.id);
  const srUuidById = new Map(srs.map((sr) => [sr.id, sr.uuid]));
  const [vdis, vms, samples, speeds, changes, snapshots, gcLines, runs] = await Promise.all([
    db.vdi.findMany({ where: { poolId, removedAt: null, missing: false, srId: { in: srIds } }, orderBy: { id: 'asc' }, select: VHD_RECORD_COLUMNS }),
    db.vm.findMany({ where: { poolId, removedAt: null, isControlDomain: false }, orderBy: { id: 'asc' } }),
    samplesSince(db, srIds, since),
    db.speedReading.findMany({ where: { srId: { in: srIds }, at: { gte: since } }, orderBy: [{ at: 'asc' }, { seq: 'asc' }] }),
    db.chainChange.findMany({
      where: { srId: { in: srIds }, at: { gte: since } },
      orderBy: [{ at: 'asc' }, { seq: 'asc' }],
      select: { srId: true, at: true, length: true, hiddenCount: true, state: true, leaf: { select: { uuid: true } } },
    }),
    // Deleted snapshots stay: they are the backup history the cadence is inferred from.
    db.vmSnapshot.findMany({ where: { poolId, snapshotTime: { gte: since } }, orderBy: { snapshotTime: 'asc' } }),
    db.gcEvent.findMany({
      where: { poolId, at: { gte: since } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: MAX_GC_LINES,
      include: { host: { select: { nameLabel: true } }, line: { select: { message: true, srUuid: true } } },
    }),
    listCollectionRuns(db, poolId, { fromMs: since.getTime(), toMs: nowMs }, MAX_RUNS),
  ]);

  const records = vdis.flatMap((row) => {
    const srUuid = srUuidById.get(row.srId);
    return srUuid === undefined ? [] : [vhdRecordOf(row, srUuid)];
  });
  const gaps = collectionGaps(runs, { toMs: nowMs, maxSilenceMs });
  const samplesBySr = groupBy(samples, (s) => s.srId);
  const speedsBySr = groupBy(speeds, (s) => s.srId);
  const poolSrs = srs.map((sr) =>
    poolSrOf(
      sr,
      (samplesBySr.get(sr.id) ?? []).map(aggregateOf),
      (speedsBySr.get(sr.id) ?? []).map((s) => ({ atMs: s.at.getTime(), bytesPerSec: s.bytesPerSec })),
      gaps,
    ),
  );

  // A VM's disks, in the records' order (a VDI attached to a VM twice is listed once).
  const attachments = records.filter((r) => !r.isSnapshot).flatMap((r) => [...new Set(r.vmIds ?? [])].map((vmUuid) => ({ vmUuid, vdiId: r.id })));
  const disksByVm = groupBy(attachments, (a) => a.vmUuid, (a) => a.vdiId);
  const poolVms: PoolVm[] = vms.map((vm) => ({
    vmUuid: vm.uuid,
    running: vm.powerState === 'Running',
    vdiIds: disksByVm.get(vm.uuid) ?? [],
  }));
  const vmOfLeaf = new Map(poolVms.flatMap((vm) => vm.vdiIds.map((id) => [id, vm.vmUuid] as const)));
  const leafIds = new Set(records.filter((r) => !r.hidden).map((r) => r.id));
  const leaves = new Map<string, LeafHistory>();
  for (const change of changes) {
    const srUuid = srUuidById.get(change.srId);
    // Only the disks there now: a removed leaf has no next backup to forecast.
    const leafUuid = change.leaf.uuid;
    if (srUuid === undefined || change.state === 'removed' || !leafIds.has(leafUuid)) continue;
    const leaf = leaves.get(leafUuid) ?? { leafId: leafUuid, srId: srUuid, vmId: vmOfLeaf.get(leafUuid), points: [] };
    leaf.points.push({ atMs: change.at.getTime(), length: change.length, hidden: change.hiddenCount });
    leaves.set(leafUuid, leaf);
  }

  const snapshotRecords: SnapshotRecord[] = snapshots.flatMap((s) =>
    s.snapshotTime === null
      ? []
      : [{ vmUuid: s.vmUuid, snapshotUuid: s.snapshotUuid, snapshotTimeMs: s.snapshotTime.getTime(), otherConfig: xoBackupOf(s, parseConfig(s.xoBackup)), nameLabel: s.nameLabel }],
  );
  const smlog = gcLines.reverse().map((row, i) => smlogEventOf({ ...row.line, at: row.at, pid: row.pid, hostName: row.host.nameLabel }, i + 1));

  return { records, vms: poolVms, srs: poolSrs, leaves: [...leaves.values()], snapshots: snapshotRecords, smlog };
}

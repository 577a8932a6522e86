/**
 * VM snapshots, kept after they are deleted (`removedAt`): their times give each VM's backup
 * cadence, their `xo:backup:*` keys which XO job took them.
 */
import { bulkInsert } from './bulk-insert';
import type { DbTx, SnapshotRow } from './rows';

const JOB_KEY = 'xo:backup:job';
const SCHEDULE_KEY = 'xo:backup:schedule';

/** The `xo:backup:*` keys as stored in `xoBackup`: job and schedule have their own columns. */
export function storedXoBackup(xoBackup: Readonly<Record<string, string>>): Record<string, string> {
  const { [JOB_KEY]: _job, [SCHEDULE_KEY]: _schedule, ...rest } = xoBackup;
  return rest;
}

/** Every `xo:backup:*` key of a stored snapshot again. */
export function xoBackupOf(row: { xoBackupJob: string | null; xoBackupSchedule: string | null }, stored: Readonly<Record<string, string>>): Record<string, string> {
  const keys = { ...stored };
  if (row.xoBackupJob !== null) keys[JOB_KEY] = row.xoBackupJob;
  if (row.xoBackupSchedule !== null) keys[SCHEDULE_KEY] = row.xoBackupSchedule;
  return keys;
}

export class VmSnapshotStore {
  /** Stored snapshot uuids, with whether they are marked removed. */
  private known: Map<string, boolean> | null = null;

  constructor(readonly poolId: number) {}

  reset(): void {
    this.known = null;
  }

  /** `rows` is every snapshot of the pool now. Returns how many were new. */
  async sync(tx: DbTx, rows: readonly SnapshotRow[], atMs: number): Promise<number> {
    const poolId = this.poolId;
    if (this.known === null) {
      const stored = await tx.vmSnapshot.findMany({ where: { poolId }, select: { snapshotUuid: true, removedAt: true } });
      this.known = new Map(stored.map((s) => [s.snapshotUuid, s.removedAt !== null]));
    }
    const known = this.known;
    const now = new Date(atMs);
    const present = new Set(rows.map((row) => row.snapshotUuid));
    const fresh = rows.filter((row) => !known.has(row.snapshotUuid));
    const unique = [...new Map(fresh.map((row) => [row.snapshotUuid, row])).values()];
    if (unique.length > 0) {
      await bulkInsert(
        tx,
        'VmSnapshot',
        unique.map((row) => ({
          poolId,
          vmUuid: row.vmUuid,
          snapshotUuid: row.snapshotUuid,
          nameLabel: row.nameLabel,
          snapshotTime: row.snapshotTimeMs === null ? null : new Date(row.snapshotTimeMs),
          xoBackupJob: row.xoBackup[JOB_KEY] ?? null,
          xoBackupSchedule: row.xoBackup[SCHEDULE_KEY] ?? null,
          xoBackup: JSON.stringify(storedXoBackup(row.xoBackup)),
          firstSeenAt: now,
          removedAt: null,
        })),
      );
      for (const row of unique) known.set(row.snapshotUuid, false);
    }
    const gone = [...known].filter(([uuid, removed]) => !removed && !present.has(uuid)).map(([uuid]) => uuid);
    if (gone.length > 0) {
      await tx.vmSnapshot.updateMany({ where: { poolId, snapshotUuid: { in: gone } }, data: { removedAt: now } });
      for (const uuid of gone) known.set(uuid, true);
    }
    const back = rows.filter((row) => known.get(row.snapshotUuid) === true).map((row) => row.snapshotUuid);
    if (back.length > 0) {
      await tx.vmSnapshot.updateMany({ where: { poolId, snapshotUuid: { in: back } }, data: { removedAt: null } });
      for (const uuid of back) known.set(uuid, false);
    }
    return unique.length;
  }
}

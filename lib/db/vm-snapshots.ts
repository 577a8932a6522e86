/**
 * VM snapshots, kept after they are deleted (`removedAt`): their times give each VM's backup
 * cadence, their `xo:backup:*` keys which XO job took them.
 */
import { XO_BACKUP_PREFIX as PREFIX, XO_BACKUP_VM_KEY as VM_KEY } from '../xapi/record-fields';
import { bulkInsert } from './bulk-insert';
import type { DbTx, SnapshotRow } from './rows';

const JOB_KEY = `${PREFIX}job`;
const SCHEDULE_KEY = `${PREFIX}schedule`;

/** The stored form of a snapshot's `xo:backup:*` keys: the columns and the JSON of the rest. */
export interface StoredXoBackup {
  xoBackupJob: string | null;
  xoBackupSchedule: string | null;
  /** The keys not in a column, without their `xo:backup:` prefix. */
  xoBackup: Record<string, string>;
  /** `xo:backup:vm` was there and named the snapshot's own VM (it is then left out of xoBackup). */
  xoBackupVmIsOwn: boolean;
}

/**
 * Job and schedule go to their columns, the VM key goes when it names `vmUuid` (XO writes it
 * on every backup snapshot), and the rest lose the prefix that every key has.
 */
export function storedXoBackup(vmUuid: string, keys: Readonly<Record<string, string>>): StoredXoBackup {
  const vmIsOwn = keys[VM_KEY] === vmUuid;
  const inColumns = new Set([JOB_KEY, SCHEDULE_KEY, ...(vmIsOwn ? [VM_KEY] : [])]);
  const rest = Object.entries(keys).flatMap(([key, value]): [string, string][] =>
    inColumns.has(key) || !key.startsWith(PREFIX) ? [] : [[key.slice(PREFIX.length), value]],
  );
  return {
    xoBackupJob: keys[JOB_KEY] ?? null,
    xoBackupSchedule: keys[SCHEDULE_KEY] ?? null,
    // fromEntries defines each key as its own property: a key `xo:backup:__proto__` stays a key.
    xoBackup: Object.fromEntries(rest),
    xoBackupVmIsOwn: vmIsOwn,
  };
}

/**
 * Every `xo:backup:*` key of a stored snapshot again, from its row and its parsed xoBackup JSON.
 * Every stored key had the prefix and every value is text (the collector never stored other
 * keys or values; migration 0011 converted the rows it found with the same rule).
 */
export function xoBackupOf(
  row: { vmUuid: string; xoBackupJob: string | null; xoBackupSchedule: string | null; xoBackupVmIsOwn: boolean },
  stored: Readonly<Record<string, string>>,
): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored)) keys[PREFIX + key] = value;
  if (row.xoBackupJob !== null) keys[JOB_KEY] = row.xoBackupJob;
  if (row.xoBackupSchedule !== null) keys[SCHEDULE_KEY] = row.xoBackupSchedule;
  if (row.xoBackupVmIsOwn) keys[VM_KEY] = row.vmUuid;
  return keys;
}

/** The columns of a VmSnapshot row that hold its keys. */
export const storedColumns = (keys: StoredXoBackup) => ({ ...keys, xoBackup: JSON.stringify(keys.xoBackup) });

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
          ...storedColumns(storedXoBackup(row.vmUuid, row.xoBackup)),
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

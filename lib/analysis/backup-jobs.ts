/**
 * Which backup job took a snapshot. Xen Orchestra marks its snapshots: VM `other_config`
 * `xo:backup:job`, `xo:backup:schedule`, `xo:backup:datetime`, and names them
 * `[XO Backup <job name>] <vm>`; older or other XO instances may leave only the name.
 */
import type { SnapshotRecord } from './types';

export interface BackupJobRef {
  /** `xo:backup:job`, or `name:<job name>` when only the name tells. */
  jobId: string;
  scheduleId: string | null;
  /** The job name from the snapshot name, else the job id. */
  label: string;
  source: 'xo-keys' | 'name';
}

const XO_NAME = /^\[XO Backup ([^\]]+)\]/;

/** The job behind an XO backup snapshot; null for a snapshot nobody's backup job took. */
export function backupJobOf(snapshot: SnapshotRecord): BackupJobRef | null {
  const jobId = snapshot.otherConfig['xo:backup:job'];
  const name = snapshot.nameLabel ? XO_NAME.exec(snapshot.nameLabel)?.[1] : undefined;
  if (jobId) {
    return { jobId, scheduleId: snapshot.otherConfig['xo:backup:schedule'] ?? null, label: name ?? jobId, source: 'xo-keys' };
  }
  if (name) return { jobId: `name:${name}`, scheduleId: null, label: name, source: 'name' };
  return null;
}

export const jobKey = (ref: BackupJobRef): string => `${ref.jobId}\u0000${ref.scheduleId ?? ''}`;

/** `20240304T020000Z` (XO's format) or any ISO date; null when unreadable. */
export function parseXoDatetime(text: string | undefined): number | null {
  if (!text) return null;
  const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact.map(Number);
    return Date.UTC(y, mo - 1, d, h, mi, s);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

/** When the job run started: XO's `xo:backup:datetime`, else the snapshot's own time. */
export function runTimeOf(snapshot: SnapshotRecord): number {
  return parseXoDatetime(snapshot.otherConfig['xo:backup:datetime']) ?? snapshot.snapshotTimeMs;
}

/** Snapshot times of one run spread over the VMs of the job: times this close are one run. */
export const RUN_MERGE_MS = 20 * 60_000;

/** Distinct run start times, sorted: the first time of each burst of snapshots. */
export function distinctRuns(timesMs: readonly number[]): number[] {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const runs: number[] = [];
  for (const t of sorted) if (runs.length === 0 || t - runs[runs.length - 1] > RUN_MERGE_MS) runs.push(t);
  return runs;
}

/**
 * Snapshots that land on a GC at work, and VMs that several backup jobs snapshot. A
 * snapshot right after a merge finishes (or while one runs) is the back-to-back
 * consolidate-then-snapshot cycle of reference/000; several jobs (or several XO instances,
 * whose chain protection cannot see each other's jobs) on one VM made the chains in the
 * forum thread grow faster than the GC could merge them.
 */
import type { Forest } from '../chains/types';
import { backupJobOf } from './backup-jobs';
import { formatDuration, formatUtc, plural } from './format';
import { type CoalesceInterval, uuidPrefixOf } from './smlog-coalesce';
import type { SnapshotRecord } from './types';

export type OverlapKind = 'snapshot-during-coalesce' | 'snapshot-after-coalesce' | 'several-jobs';

export interface OverlapFinding {
  kind: OverlapKind;
  vmUuid: string;
  /** The snapshot's time, or the latest snapshot of the jobs for `several-jobs`. */
  atMs: number;
  snapshotUuid?: string;
  /** The merge it met. */
  coalesce?: { vdiPrefix: string; startMs: number; endMs: number };
  /** `several-jobs`: the jobs, and how often two of them snapshotted within `sameTimeMs`. */
  jobs?: string[];
  closeCalls?: number;
  sentence: string;
}

export interface OverlapOptions {
  /** A snapshot this soon after a merge ends is back-to-back (default 5 min). */
  afterCoalesceMs?: number;
  /** Only snapshots this recent (default 7 days). */
  windowMs?: number;
  /** Snapshots of two jobs this close ran on top of each other (default 1 h). */
  sameTimeMs?: number;
}

/** Every VHD in the trees of each VM's disks: the GC working anywhere there works on that VM's chain. */
export function treeVdiIdsByVm(forest: Forest, disksByVm: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const membersByRoot = new Map<string, string[]>();
  for (const [id, node] of forest.nodes) {
    const list = membersByRoot.get(node.rootId) ?? [];
    list.push(id);
    membersByRoot.set(node.rootId, list);
  }
  const result = new Map<string, string[]>();
  for (const [vm, disks] of disksByVm) {
    const roots = new Set(disks.map((d) => forest.nodes.get(d)?.rootId).filter((r): r is string => r !== undefined));
    result.set(vm, [...roots].flatMap((r) => membersByRoot.get(r) ?? []).sort());
  }
  return result;
}

function mergeFindings(snapshots: readonly SnapshotRecord[], intervals: readonly CoalesceInterval[], chains: ReadonlyMap<string, readonly string[]>, afterMs: number): OverlapFinding[] {
  const found: OverlapFinding[] = [];
  for (const s of snapshots) {
    const prefixes = new Set((chains.get(s.vmUuid) ?? []).map(uuidPrefixOf));
    const t = s.snapshotTimeMs;
    for (const i of intervals) {
      const prefix = i.vdi?.uuidPrefix.toLowerCase();
      if (!prefix || !prefixes.has(prefix)) continue;
      const coalesce = { vdiPrefix: prefix, startMs: i.startMs, endMs: i.endMs };
      if (t >= i.startMs && t <= i.endMs) {
        found.push({
          kind: 'snapshot-during-coalesce',
          vmUuid: s.vmUuid,
          atMs: t,
          snapshotUuid: s.snapshotUuid,
          coalesce,
          sentence: `Snapshot at ${formatUtc(t)} taken while the GC was merging ${prefix} in this VM's chain (${formatUtc(i.startMs)} – ${formatUtc(i.endMs)}).`,
        });
      } else if (t > i.endMs && t - i.endMs <= afterMs) {
        found.push({
          kind: 'snapshot-after-coalesce',
          vmUuid: s.vmUuid,
          atMs: t,
          snapshotUuid: s.snapshotUuid,
          coalesce,
          sentence: `Snapshot at ${formatUtc(t)}, ${formatDuration(t - i.endMs)} after the GC finished merging ${prefix}: back-to-back merge and snapshot; space the backups out.`,
        });
      }
    }
  }
  return found;
}

function jobFindings(snapshots: readonly SnapshotRecord[], sameTimeMs: number): OverlapFinding[] {
  const byVm = new Map<string, { label: string; jobId: string; atMs: number }[]>();
  for (const s of snapshots) {
    const job = backupJobOf(s);
    if (!job) continue;
    const list = byVm.get(s.vmUuid) ?? [];
    list.push({ label: job.label, jobId: job.jobId, atMs: s.snapshotTimeMs });
    byVm.set(s.vmUuid, list);
  }
  const found: OverlapFinding[] = [];
  for (const [vmUuid, list] of byVm) {
    const jobs = [...new Map(list.map((j) => [j.jobId, j.label])).values()].sort();
    if (jobs.length < 2) continue;
    const sorted = [...list].sort((a, b) => a.atMs - b.atMs);
    let closeCalls = 0;
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].jobId !== sorted[i - 1].jobId && sorted[i].atMs - sorted[i - 1].atMs <= sameTimeMs) closeCalls++;
    }
    const instances = new Set(list.map((j) => (j.jobId.startsWith('name:') ? 'name' : 'keys')));
    found.push({
      kind: 'several-jobs',
      vmUuid,
      atMs: sorted[sorted.length - 1].atMs,
      jobs,
      closeCalls,
      sentence:
        `${plural(jobs.length, 'backup job')} snapshot this VM (${jobs.join(', ')})` +
        (closeCalls > 0 ? `; ${plural(closeCalls, 'time')} within ${formatDuration(sameTimeMs)} of each other, so the GC gets no time between them` : '') +
        (instances.size > 1 ? '; some snapshots lack XO backup keys: another XO instance, whose jobs XO\'s chain protection cannot see' : '') +
        '.',
    });
  }
  return found;
}

export function findOverlaps(
  snapshots: readonly SnapshotRecord[],
  intervals: readonly CoalesceInterval[],
  chains: ReadonlyMap<string, readonly string[]>,
  nowMs: number,
  options: OverlapOptions = {},
): OverlapFinding[] {
  const fromMs = nowMs - (options.windowMs ?? 7 * 24 * 3600_000);
  const recent = snapshots.filter((s) => s.snapshotTimeMs >= fromMs && s.snapshotTimeMs <= nowMs);
  const found = [
    ...mergeFindings(recent, intervals, chains, options.afterCoalesceMs ?? 5 * 60_000),
    ...jobFindings(recent, options.sameTimeMs ?? 3600_000),
  ];
  return found.sort((a, b) => b.atMs - a.atMs || a.kind.localeCompare(b.kind));
}

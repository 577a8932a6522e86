import type { BackupOutcome, WorldContext } from './model';
import { nextRunAfter, type BackupSchedule } from './backup-schedule';
import { destroySnapshotVm, snapshotVm, vmDisks } from './vm-ops';
import { xoChainCheck } from './xo-chain-check';
import { XO_DEFAULT_TOLERANCE } from '../../chains/xo-chain-rule';
import { toXoDateTime } from './xapi-datetime';
import { MiB } from './vhd-sizes';
import { dataAt } from './vhd-tree';
import type { StringMap } from './records/xapi-values';

export interface BackupJobSpec {
  name: string;
  /** `delta` keeps the last snapshot as the base of the next export; `full` keeps only `snapshotRetention`. */
  mode: 'delta' | 'full';
  schedule: BackupSchedule;
  vmRefs: string[];
  /** XO's `snapshotRetention`. */
  snapshotRetention: number;
  /** XO's `maxUncoalescedVdis` (default 1). */
  tolerance?: number;
  bypassVdiChainsCheck?: boolean;
  exportBytesPerSec?: number;
  /** Which Xen Orchestra runs the job (informational: jobs of two XOs ignore each other). */
  xoInstance?: string;
}

export interface BackupJob extends BackupJobSpec {
  id: string;
  scheduleId: string;
  running: boolean;
}

const JOB_ID = 'xo:backup:job';
const SCHEDULE_ID = 'xo:backup:schedule';
const DATETIME = 'xo:backup:datetime';
const VM_UUID = 'xo:backup:vm';
const EXPORTED = 'xo:backup:exported';
const BLOCKED_REASON = 'VM migration is blocked during backup';
/** XO's fixed cost per VM besides the transfer: listing, snapshot, metadata, cleanup. */
const VM_OVERHEAD_MS = 30_000;
const DEFAULT_EXPORT_BYTES_PER_SEC = 150 * MiB;

/** XO's `getOldEntries`: everything but the `retention` most recent. */
function oldEntries<T>(retention: number, sorted: T[]): T[] {
  return retention > 0 ? sorted.slice(0, -retention) : sorted;
}

function jobSnapshots(ctx: WorldContext, job: BackupJob, vmRef: string): { ref: string; config: StringMap }[] {
  const refs = (ctx.store.get('VM', vmRef)?.snapshots as string[] | undefined) ?? [];
  return refs
    .map((ref) => ({ ref, config: (ctx.store.get('VM', ref)?.other_config ?? {}) as StringMap }))
    .filter(({ config }) => config[JOB_ID] === job.id);
}

/** `_removeUnusedSnapshots`: per schedule, destroy snapshots beyond the retention (delta keeps the latest). */
function removeUnusedSnapshots(ctx: WorldContext, job: BackupJob, vmRef: string): void {
  const snapshots = jobSnapshots(ctx, job, vmRef);
  const latest = snapshots.map((s) => s.config[DATETIME]).sort().pop();
  const bySchedule = new Map<string, typeof snapshots>();
  for (const snapshot of snapshots) {
    const list = bySchedule.get(snapshot.config[SCHEDULE_ID]) ?? [];
    list.push(snapshot);
    bySchedule.set(snapshot.config[SCHEDULE_ID], list);
  }
  for (const list of bySchedule.values()) {
    const datetimes = [...new Set(list.map((s) => s.config[DATETIME]))].sort();
    for (const datetime of oldEntries(job.snapshotRetention, datetimes)) {
      if (job.mode === 'delta' && datetime === latest) continue;
      for (const snapshot of list) if (snapshot.config[DATETIME] === datetime) destroySnapshotVm(ctx, snapshot.ref);
    }
  }
}

/** Bytes XO transfers: the blocks written since the job's previous snapshot (delta), or the whole chain. */
function exportBytes(ctx: WorldContext, job: BackupJob, vmRef: string, hadBase: boolean): number {
  let bytes = 0;
  for (const disk of vmDisks(ctx, vmRef)) {
    let node = disk.sr.vhds.get(disk.node.parentUuid ?? '');
    if (job.mode === 'delta' && hadBase) {
      bytes += node ? dataAt(node, ctx.nowMs()) : 0;
      continue;
    }
    while (node) {
      bytes += dataAt(node, ctx.nowMs());
      node = node.parentUuid === null ? undefined : disk.sr.vhds.get(node.parentUuid);
    }
  }
  return bytes;
}

function record(ctx: WorldContext, job: BackupJob, vmRef: string, scheduledAtMs: number, outcome: BackupOutcome, reason: string, snapshotVmRef: string | null): void {
  const vm = ctx.store.get('VM', vmRef);
  ctx.backupRuns.push({
    jobId: job.id,
    jobName: job.name,
    xoInstance: job.xoInstance ?? null,
    scheduleId: job.scheduleId,
    vmUuid: String(vm?.uuid ?? ''),
    vmName: String(vm?.name_label ?? ''),
    scheduledAtMs,
    startedAtMs: ctx.nowMs(),
    outcome,
    reason,
    snapshotVmUuid: snapshotVmRef === null ? null : String(ctx.store.get('VM', snapshotVmRef)?.uuid ?? ''),
  });
}

/** One VM of a run, as XO's VM backup runner does it; `done` continues with the next VM. */
function backupVm(ctx: WorldContext, job: BackupJob, vmRef: string, scheduledAtMs: number, done: () => void): void {
  const vm = ctx.store.get('VM', vmRef);
  if (!vm) return done();
  const block = (value: string | null) => ctx.store.patchMap('VM', vmRef, 'blocked_operations', { migrate_send: value, pool_migrate: value });
  block(BLOCKED_REASON);
  removeUnusedSnapshots(ctx, job, vmRef);
  const hadBase = jobSnapshots(ctx, job, vmRef).length > 0;
  if (!job.bypassVdiChainsCheck) {
    const verdict = xoChainCheck(ctx, vmRef, job.tolerance ?? XO_DEFAULT_TOLERANCE);
    if (!verdict.healthy) {
      record(ctx, job, vmRef, scheduledAtMs, 'skip', `unhealthy VDI chain: ${verdict.reason}`, null);
      block(null);
      return done();
    }
  }
  const timestamp = ctx.nowMs();
  const config: StringMap = { [DATETIME]: toXoDateTime(timestamp), [JOB_ID]: job.id, [SCHEDULE_ID]: job.scheduleId, [VM_UUID]: String(vm.uuid) };
  const result = snapshotVm(ctx, vmRef, { nameLabel: `[XO Backup ${job.name}] ${String(vm.name_label)}`, otherConfig: config });
  if (!result.ok) {
    record(ctx, job, vmRef, scheduledAtMs, 'snapshot-fails', result.reason, null);
    block(null);
    return done();
  }
  record(ctx, job, vmRef, scheduledAtMs, 'ok', 'snapshot taken and exported', result.snapshotVmRef);
  const transferMs = (exportBytes(ctx, job, vmRef, hadBase) / (job.exportBytesPerSec ?? DEFAULT_EXPORT_BYTES_PER_SEC)) * 1000;
  ctx.queue.schedule(ctx.nowMs() + VM_OVERHEAD_MS + transferMs, () => {
    const snapshot = ctx.store.get('VM', result.snapshotVmRef);
    if (snapshot) {
      ctx.store.patchMap('VM', result.snapshotVmRef, 'other_config', { [EXPORTED]: 'true' });
      for (const disk of vmDisks(ctx, result.snapshotVmRef)) ctx.store.patchMap('VDI', disk.node.vdiRef, 'other_config', { [EXPORTED]: 'true' });
    }
    removeUnusedSnapshots(ctx, job, vmRef);
    block(null);
    done();
  });
}

function runJob(ctx: WorldContext, job: BackupJob, scheduledAtMs: number): void {
  scheduleNext(ctx, job, scheduledAtMs);
  // XO does not start a job again while its previous run is still going.
  if (job.running) return;
  job.running = true;
  const queue = [...job.vmRefs];
  const next = (): void => {
    const vmRef = queue.shift();
    if (vmRef === undefined) {
      job.running = false;
      return;
    }
    backupVm(ctx, job, vmRef, scheduledAtMs, next);
  };
  next();
}

function scheduleNext(ctx: WorldContext, job: BackupJob, afterMs: number): void {
  const atMs = nextRunAfter(job.schedule, afterMs);
  ctx.queue.schedule(atMs, () => runJob(ctx, job, atMs));
}

/** Register a job and schedule its first run after now. */
export function startBackupJob(ctx: WorldContext, spec: BackupJobSpec): BackupJob {
  const job: BackupJob = { ...spec, id: ctx.rng.uuid(), scheduleId: ctx.rng.uuid(), running: false };
  scheduleNext(ctx, job, ctx.nowMs());
  return job;
}

/** Put an existing job snapshot on a VM, as a past run left it (for worlds that start mid-life). */
export function seedJobSnapshot(ctx: WorldContext, job: BackupJob, vmRef: string): string | null {
  const vm = ctx.store.get('VM', vmRef);
  if (!vm) return null;
  const config: StringMap = { [DATETIME]: toXoDateTime(ctx.nowMs()), [JOB_ID]: job.id, [SCHEDULE_ID]: job.scheduleId, [VM_UUID]: String(vm.uuid), [EXPORTED]: 'true' };
  const result = snapshotVm(ctx, vmRef, { nameLabel: `[XO Backup ${job.name}] ${String(vm.name_label)}`, otherConfig: config });
  return result.ok ? result.snapshotVmRef : null;
}

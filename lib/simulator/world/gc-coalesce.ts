import type { VhdNode } from './model';
import { SECOND_MS, type GcRun } from './gc-run';
import { extraSpaceForCoalescing, token, tokenText } from './gc-candidates';
import { newPid, pythonFloat, sm, vhdPath } from './sm-log';
import { allocatedBytes } from './vhd-sizes';
import { childrenOf, dataAt, indexTree, settle, unionBytes } from './vhd-tree';
import { isLvm, refreshSrSizes, removeVdi, syncSmConfig } from './vdi-sync';
import type { CoalesceRun } from './model';

/** Speed-log lines SM keeps (`N_RUNNING_AVERAGE`). */
const SPEED_LOG_LINES = 10;

export interface VhdCoalesce {
  bytes: number;
  durationMs: number;
  bytesPerSec: number;
}

/** How long `vhd-util coalesce` of this VHD takes now: its allocated data at the SR's (jittered) speed. */
export function planVhdCoalesce(run: GcRun, node: VhdNode): VhdCoalesce {
  const bytes = allocatedBytes(dataAt(node, run.ctx.nowMs()));
  const speed = run.ctx.rng.jitter(run.sr.coalesceBytesPerSec, run.sr.speedJitter);
  const durationMs = Math.max(1, Math.round((bytes / speed) * SECOND_MS));
  return { bytes, durationMs, bytesPerSec: bytes / (durationMs / SECOND_MS) };
}

/** `_coalesceVHD` start: the log line and the command, and the coalesce journal LV on LVM. */
export function startVhdCoalesce(run: GcRun, node: VhdNode): void {
  const { sr, proc } = run;
  if (isLvm(sr)) {
    proc.command(['/sbin/lvcreate', '-n', `coalesce_${node.uuid}_1`, '-L', '4', `VG_XenStorage-${sr.uuid}`, '--addtag', 'journaler', '-W', 'n']);
  }
  proc.gc(sm.runningCoalesce(token(run, node, true)));
  proc.command(['/usr/bin/vhd-util', 'coalesce', '--debug', '-n', vhdPath(sr, node.uuid)], newPid(run.ctx, proc.host));
}

/** `recordStorageSpeed` after a coalesce: one bytes/s line in `/run/<sr-uuid>.speed_log`, last 10 kept. */
export function recordSpeed(run: GcRun, plan: VhdCoalesce): void {
  if (plan.bytes <= 0) return;
  const path = `/var/run/${run.sr.uuid}.speed_log`;
  run.proc.gc(`Writing to file: ${path}`);
  const log = [...(run.sr.speedLog ?? []), plan.bytesPerSec];
  run.sr.speedLog = log.slice(-SPEED_LOG_LINES);
  run.proc.gc(`Closing file: ${path}`);
}

export function speedLogText(lines: number[]): string {
  return lines.map((v) => `${pythonFloat(v)}\n`).join('');
}

export function finishVhdCoalesce(run: GcRun, node: VhdNode, plan: VhdCoalesce, kind: CoalesceRun['kind'], parent: VhdNode): void {
  const { sr, proc } = run;
  if (isLvm(sr)) proc.command(['/sbin/lvremove', '-f', `/dev/VG_XenStorage-${sr.uuid}/coalesce_${node.uuid}_1`]);
  recordSpeed(run, plan);
  const endMs = run.ctx.nowMs();
  run.ctx.coalesceRuns.push({
    srUuid: sr.uuid,
    kind,
    vdiUuid: node.uuid,
    parentUuid: parent.uuid,
    startMs: endMs - plan.durationMs,
    endMs,
    bytes: plan.bytes,
    bytesPerSec: plan.bytesPerSec,
  });
}

/**
 * After a VHD coalesce: the parent holds the child's blocks, the child's children point to the
 * parent (`_relinkSkip`), and the child is deleted. Relinking updates each child's XAPI
 * `vhd-parent`, except where the known bug leaves it stale.
 */
export function relinkAndDelete(run: GcRun, child: VhdNode, parent: VhdNode): void {
  const { ctx, sr, proc } = run;
  const atMs = ctx.nowMs();
  settle(parent, atMs);
  parent.dataBytes = unionBytes(parent.dataBytes, dataAt(child, atMs), parent.virtualSizeBytes);
  const grandchildren = childrenOf(indexTree(sr), child.uuid);
  for (const node of grandchildren) {
    proc.gc(`  Relinking ${tokenText(run, node)} from ${tokenText(run, child)} to ${tokenText(run, parent)}`);
    node.parentUuid = parent.uuid;
    if (sr.staleParentOnRelink.delete(node.uuid)) {
      proc.gc(`Failed to update ${node.uuid} with vhd-parent field ${parent.uuid}`);
    } else {
      syncSmConfig(ctx, node);
      proc.gc(`Updated the vhd-parent field for child ${node.uuid} with ${parent.uuid}`);
    }
  }
  for (const node of grandchildren) proc.gc(`  Reloading VDI ${tokenText(run, node)}`);
  removeVdi(ctx, sr, child);
  refreshSrSizes(ctx, sr);
}

/** `SR.coalesce`: merge a hidden VHD into its parent, then continue the GC loop. */
export function coalescePair(run: GcRun, child: VhdNode, next: () => void): void {
  const parent = run.sr.vhds.get(child.parentUuid as string) as VhdNode;
  run.proc.gc(sm.coalescing(token(run, child), token(run, parent)));
  extraSpaceForCoalescing(run, child, parent);
  const plan = planVhdCoalesce(run, child);
  startVhdCoalesce(run, child);
  run.ctx.queue.schedule(run.ctx.nowMs() + plan.durationMs, () => {
    finishVhdCoalesce(run, child, plan, 'coalesce', parent);
    relinkAndDelete(run, child, parent);
    if (!isLvm(run.sr)) run.proc.gc('In cleanup');
    next();
  });
}

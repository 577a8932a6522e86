import type { VhdNode } from './model';
import type { GcRun } from './gc-run';
import { childrenOf, dataAt, indexTree, rootOf, treeHeight, unionBytes, type TreeIndex } from './vhd-tree';
import { footprintBytes, isLvm, srFreeBytes, vhdPhysical } from './vdi-sync';
import { MiB, VHD_BLOCK_BYTES, allocatedBytes, inflatedLvBytes, lvBytes, overheadBitmapBytes, overheadEmptyBytes } from './vhd-sizes';
import { openVhds, sm, vdiToken } from './sm-log';
import type { StringMap } from './records/xapi-values';
import { formatVdiToken, type VdiTokenFields } from '../../vhd/vdi-token';

/** Live leaf-coalesce pauses the VM: allowed only if it fits in 5 s (`TIMEOUT_SAFETY_MARGIN * LIVE_LEAF_COALESCE_TIMEOUT`). */
export const LIVE_LEAF_COALESCE_SECONDS = 5;
/** With no measured speed, only leaves under 20 MiB are leaf-coalesced live (`LIVE_LEAF_COALESCE_MAX_SIZE`). */
export const LIVE_LEAF_COALESCE_MAX_BYTES = 20 * MiB;

export function token(run: GcRun, node: VhdNode, loaded = false): VdiTokenFields {
  return vdiToken(run.sr, node, run.ctx.nowMs(), openVhds(run.sr), loaded);
}

/** The VDI as SMGC prints it inside a message. */
export function tokenText(run: GcRun, node: VhdNode, loaded = false): string {
  return formatVdiToken(token(run, node, loaded));
}

function srSwitch(run: GcRun, key: string): string | undefined {
  const record = run.ctx.store.get('SR', run.sr.ref);
  return (record?.other_config as StringMap | undefined)?.[key];
}

export function vdiOtherConfig(run: GcRun, node: VhdNode, key: string): string | undefined {
  return (run.ctx.store.get('VDI', node.vdiRef)?.other_config as StringMap | undefined)?.[key];
}

/** `getAllPrunable` over every tree: hidden VHDs with no children (and parents left with only such). */
export function findGarbage(run: GcRun, index: TreeIndex = indexTree(run.sr)): VhdNode[] {
  const garbage: VhdNode[] = [];
  const prunable = (node: VhdNode): boolean => {
    const kids = childrenOf(index, node.uuid);
    let all = true;
    for (const child of kids) if (!prunable(child)) all = false;
    if (kids.length === 0 ? node.hidden : all && node.hidden) {
      garbage.push(node);
      return true;
    }
    return false;
  };
  for (const root of index.roots) prunable(root);
  return garbage;
}

/** Bytes of the VHD that results from merging `child` onto its parent. */
export function coalescedDataBytes(run: GcRun, child: VhdNode, parent: VhdNode): number {
  const atMs = run.ctx.nowMs();
  return allocatedBytes(unionBytes(dataAt(parent, atMs), dataAt(child, atMs), child.virtualSizeBytes));
}

/** `_calcExtraSpaceForCoalescing`, logging what SM logs while computing it. */
export function extraSpaceForCoalescing(run: GcRun, child: VhdNode, parent: VhdNode): number {
  const data = coalescedDataBytes(run, child, parent);
  run.proc.gc(`Num combined blocks = ${data / VHD_BLOCK_BYTES}`);
  const atMs = run.ctx.nowMs();
  if (isLvm(run.sr)) {
    const size = inflatedLvBytes(data);
    run.proc.gc(sm.coalescedSize(size));
    return size - footprintBytes(run.sr, parent, atMs);
  }
  const size = data + overheadBitmapBytes(data) + overheadEmptyBytes(child.virtualSizeBytes);
  run.proc.gc(sm.coalescedSize(size));
  return size - vhdPhysical(run.sr, parent, atMs);
}

function isCoalesceable(index: TreeIndex, run: GcRun, node: VhdNode): boolean {
  const parent = node.parentUuid === null ? undefined : run.sr.vhds.get(node.parentUuid);
  return node.hidden && parent !== undefined && childrenOf(index, parent.uuid).length === 1 && childrenOf(index, node.uuid).length > 0;
}

export function isLeafCoalesceable(index: TreeIndex, run: GcRun, node: VhdNode): boolean {
  const parent = node.parentUuid === null ? undefined : run.sr.vhds.get(node.parentUuid);
  return !node.hidden && parent !== undefined && childrenOf(index, parent.uuid).length === 1 && childrenOf(index, node.uuid).length === 0;
}

function setProgress(run: GcRun, coalescable: number): void {
  run.coalescable = coalescable;
  updateTaskProgress(run);
}

export function updateTaskProgress(run: GcRun): void {
  if (run.taskRef === null) return;
  const total = run.coalescable + run.coalesced;
  if (total > 0) run.ctx.store.patch('task', run.taskRef, { progress: run.coalesced / total });
}

/** `findCoalesceable`: a hidden VHD whose parent has only it, from the tallest tree that has room. */
export function findCoalesceable(run: GcRun): VhdNode | null {
  if (srSwitch(run, 'coalesce') === 'false') {
    run.proc.gc('Coalesce disabled for this SR');
    return null;
  }
  const index = indexTree(run.sr);
  const candidates: VhdNode[] = [];
  for (const node of run.sr.vhds.values()) {
    if (isCoalesceable(index, run, node) && !run.failed.has(node.uuid)) {
      candidates.push(node);
      run.proc.gc(`${node.uuid} is coalescable`);
    }
  }
  setProgress(run, candidates.length);
  const byHeight = candidates.map((node) => ({ node, height: treeHeight(index, rootOf(run.sr, node)) }));
  byHeight.sort((a, b) => b.height - a.height);
  const free = srFreeBytes(run.sr, run.ctx.nowMs());
  for (const { node, height } of byHeight) {
    const parent = run.sr.vhds.get(node.parentUuid as string) as VhdNode;
    if (extraSpaceForCoalescing(run, node, parent) <= free) {
      run.proc.gc(sm.coalesceCandidate(token(run, node), height));
      return node;
    }
    run.proc.gc(sm.noSpace(token(run, node), free));
    run.noSpace.add(node.uuid);
  }
  return null;
}

/** `canLiveCoalesce`: the leaf's allocated data merges within the VM pause budget. */
export function canLiveCoalesce(run: GcRun, leaf: VhdNode, bytesPerSec: number | null): boolean {
  const allocated = allocatedBytes(dataAt(leaf, run.ctx.nowMs()));
  const feasible = bytesPerSec
    ? Math.floor(allocated / bytesPerSec) < LIVE_LEAF_COALESCE_SECONDS
    : allocated < LIVE_LEAF_COALESCE_MAX_BYTES;
  return feasible || vdiOtherConfig(run, leaf, 'leaf-coalesce') === 'force';
}

/** Mean of the speed log (`getStorageSpeed`), null when it does not exist yet. */
export function storageSpeed(run: GcRun): number | null {
  const log = run.sr.speedLog;
  if (!log || log.length === 0) return null;
  return log.reduce((sum, v) => sum + v, 0) / log.length;
}

/** `findLeafCoalesceable`: the first leaf whose parent has only it, if the SR has room for the merge. */
export function findLeafCoalesceable(run: GcRun): VhdNode | null {
  if (srSwitch(run, 'coalesce') === 'false') {
    run.proc.gc('Coalesce disabled for this SR');
    return null;
  }
  if (srSwitch(run, 'leaf-coalesce') === 'false') {
    run.proc.gc('Leaf-coalesce disabled for this SR');
    return null;
  }
  const index = indexTree(run.sr);
  const candidates: VhdNode[] = [];
  for (const node of run.sr.vhds.values()) {
    if (!isLeafCoalesceable(index, run, node) || run.failed.has(node.uuid)) continue;
    if (vdiOtherConfig(run, node, 'leaf-coalesce') === 'false') {
      run.proc.gc(`Leaf-coalesce disabled for ${node.uuid}`);
      continue;
    }
    candidates.push(node);
  }
  setProgress(run, candidates.length);
  const free = srFreeBytes(run.sr, run.ctx.nowMs());
  const atMs = run.ctx.nowMs();
  for (const leaf of candidates) {
    const parent = run.sr.vhds.get(leaf.parentUuid as string) as VhdNode;
    const extra = extraSpaceForCoalescing(run, leaf, parent);
    const physical = vhdPhysical(run.sr, leaf, atMs);
    const needSnapshot = extra + (isLvm(run.sr) ? lvBytes(physical) : overheadEmptyBytes(leaf.virtualSizeBytes));
    const needLive = isLvm(run.sr) ? extra - (footprintBytes(run.sr, leaf, atMs) - lvBytes(physical)) : extra;
    const needed = needSnapshot > free && canLiveCoalesce(run, leaf, storageSpeed(run)) ? needLive : needSnapshot;
    if (needed <= free) {
      run.proc.gc(sm.leafCoalesceCandidate(token(run, leaf, true)));
      return leaf;
    }
    run.proc.gc(sm.noSpaceLeaf(token(run, leaf, true), free));
    run.noSpace.add(leaf.uuid);
  }
  return null;
}

/** `hasWork`: SM runs the searches (and their logging) just to know whether to go on. */
export function hasWork(run: GcRun): boolean {
  return findGarbage(run).length > 0 || findCoalesceable(run) !== null || findLeafCoalesceable(run) !== null;
}

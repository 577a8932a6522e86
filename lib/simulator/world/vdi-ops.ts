import type { SimSr, VhdNode, WorldContext } from './model';
import { opaqueRef } from './records/xapi-values';
import { BASE_COPY_META, addVdi, isLvm, refreshSrSizes, removeVdi, syncSmConfig, type VdiMeta } from './vdi-sync';
import { settle } from './vhd-tree';
import { smHostOf, smProcess, vhdPath, type SmProcess } from './sm-log';
import { MAX_CHAIN_SIZE } from '../../chains/limits';


export function newVhdNode(ctx: WorldContext, fields: Partial<VhdNode> & Pick<VhdNode, 'parentUuid' | 'hidden' | 'virtualSizeBytes'>): VhdNode {
  const uuid = fields.uuid ?? ctx.rng.uuid();
  return {
    uuid,
    vdiRef: fields.vdiRef ?? opaqueRef(ctx.rng.uuid()),
    parentUuid: fields.parentUuid,
    hidden: fields.hidden,
    virtualSizeBytes: fields.virtualSizeBytes,
    dataBytes: fields.dataBytes ?? 0,
    dataAtMs: fields.dataAtMs ?? ctx.nowMs(),
    writeBytesPerSec: fields.writeBytesPerSec ?? 0,
    writeSetBytes: fields.writeSetBytes ?? fields.virtualSizeBytes,
    attachedHostRef: fields.attachedHostRef ?? null,
    inflated: fields.inflated ?? false,
  };
}

export interface SnapshotResult {
  base: VhdNode;
  /** The new snapshot leaf (null for SMGC's internal single snapshot). */
  snapshot: VhdNode | null;
}

/**
 * VDI.snapshot on a VHD SR: the leaf's data moves into a new hidden base copy (new uuid), the
 * VDI keeps its uuid as a fresh empty leaf on top of it, and (unless `single`) a second empty
 * leaf becomes the snapshot VDI. So the old leaf turns into a base copy with two children.
 */
export function snapshotLeaf(
  ctx: WorldContext,
  sr: SimSr,
  leaf: VhdNode,
  snapshotMeta: VdiMeta | null,
  proc: SmProcess = smProcess(ctx, smHostOf(ctx, sr)),
): SnapshotResult {
  const atMs = ctx.nowMs();
  settle(leaf, atMs);
  const base = newVhdNode(ctx, {
    parentUuid: leaf.parentUuid,
    hidden: true,
    virtualSizeBytes: leaf.virtualSizeBytes,
    dataBytes: leaf.dataBytes,
    dataAtMs: atMs,
  });
  addVdi(ctx, sr, base, BASE_COPY_META);
  if (isLvm(sr)) proc.command(['/sbin/lvrename', vhdPath(sr, leaf.uuid), vhdPath(sr, base.uuid)]);
  leaf.parentUuid = base.uuid;
  leaf.dataBytes = 0;
  proc.command(['/usr/bin/vhd-util', 'snapshot', '--debug', '-n', vhdPath(sr, leaf.uuid), '-p', vhdPath(sr, base.uuid), '-S', '2097152']);
  proc.command(['/usr/bin/vhd-util', 'set', '--debug', '-n', vhdPath(sr, base.uuid), '-f', 'hidden', '-v', '1']);
  syncSmConfig(ctx, leaf);
  let snapshot: VhdNode | null = null;
  if (snapshotMeta) {
    snapshot = newVhdNode(ctx, { parentUuid: base.uuid, hidden: false, virtualSizeBytes: leaf.virtualSizeBytes });
    proc.command(['/usr/bin/vhd-util', 'snapshot', '--debug', '-n', vhdPath(sr, snapshot.uuid), '-p', vhdPath(sr, base.uuid), '-S', '2097152']);
    addVdi(ctx, sr, snapshot, snapshotMeta);
  }
  refreshSrSizes(ctx, sr);
  return { base, snapshot };
}

/** SM refuses to snapshot a VHD whose chain already has `MAX_CHAIN_SIZE` VHDs (error 109). */
export function snapshotChainTooLong(depth: number): boolean {
  return depth >= MAX_CHAIN_SIZE;
}

/** SM's answer to a snapshot of a chain at the limit, as SMlog shows it. */
export function logSnapshotChainTooLong(ctx: WorldContext, sr: SimSr): void {
  const proc = smProcess(ctx, smHostOf(ctx, sr));
  proc.sm('Raising exception [109, The snapshot chain is too long]');
  proc.sm("***** vdi_snapshot: EXCEPTION <class 'xs_errors.SROSError'>, The snapshot chain is too long");
}

/**
 * VDI.destroy of a leaf: SM removes the VHD at once and kicks the GC, which will find any base
 * copy left with one child (coalesce) or none (garbage).
 */
export function destroyLeaf(ctx: WorldContext, sr: SimSr, leaf: VhdNode, kickGc: (sr: SimSr, proc: SmProcess) => void): void {
  const proc = smProcess(ctx, smHostOf(ctx, sr));
  if (isLvm(sr)) proc.command(['/sbin/lvremove', '-f', vhdPath(sr, leaf.uuid)]);
  removeVdi(ctx, sr, leaf);
  refreshSrSizes(ctx, sr);
  kickGc(sr, proc);
}

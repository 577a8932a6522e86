import type { SimSr, VhdNode, WorldContext } from './model';
import { makeVdiRecord } from './records/vdi-record';
import { NULL_REF, type StringMap } from './records/xapi-values';
import { dataAt } from './vhd-tree';
import { MiB, inflatedLvBytes, lvBytes, vhdPhysicalBytes } from './vhd-sizes';

/** SM keeps a 4 MiB management volume (MGT) and VG metadata on every LVM SR. */
const LVM_SR_METADATA_BYTES = 8 * MiB;

export const isLvm = (sr: SimSr): boolean => sr.type === 'lvm' || sr.type === 'lvmoiscsi';

/** Physical size of the VHD content (`getSizePhys`, what SMGC's progress tracker compares). */
export function vhdPhysical(sr: SimSr, node: VhdNode, atMs: number): number {
  return vhdPhysicalBytes(dataAt(node, atMs), node.virtualSizeBytes, isLvm(sr));
}

/** The VHD's footprint: scan `size=` and VDI `physical_utilisation` (LV size on LVM, file size otherwise). */
export function footprintBytes(sr: SimSr, node: VhdNode, atMs: number): number {
  if (!isLvm(sr)) return vhdPhysical(sr, node, atMs);
  return node.inflated && !node.hidden ? inflatedLvBytes(node.virtualSizeBytes) : lvBytes(vhdPhysical(sr, node, atMs));
}

export function srUsedBytes(sr: SimSr, atMs: number): number {
  let used = isLvm(sr) ? LVM_SR_METADATA_BYTES : 0;
  for (const node of sr.vhds.values()) used += footprintBytes(sr, node, atMs);
  return used;
}

export function srFreeBytes(sr: SimSr, atMs: number): number {
  return sr.physicalSizeBytes - srUsedBytes(sr, atMs);
}

/** The SM-owned keys of a VDI's `sm_config`. */
export function smConfigFor(node: VhdNode): StringMap {
  const config: StringMap = { vdi_type: 'vhd' };
  if (node.parentUuid !== null) config['vhd-parent'] = node.parentUuid;
  if (node.attachedHostRef !== null && !node.hidden) config[`host_${node.attachedHostRef}`] = 'RW';
  if (node.hidden) config['vhd-blocks'] = 'eJztwTEBAAAAwqD1T20ND6AAAAAAAAAAAAAAAAAAAAD4NgBQAAAB';
  return config;
}

export interface VdiMeta {
  nameLabel: string;
  nameDescription: string;
  isSnapshot: boolean;
  snapshotOfRef: string;
  snapshotTimeMs: number | null;
  otherConfig: StringMap;
}

export const BASE_COPY_META: VdiMeta = {
  nameLabel: 'base copy',
  nameDescription: '',
  isSnapshot: false,
  snapshotOfRef: NULL_REF,
  snapshotTimeMs: null,
  otherConfig: {},
};

/** Put a new VHD on the SR and introduce its VDI to XAPI. */
export function addVdi(ctx: WorldContext, sr: SimSr, node: VhdNode, meta: VdiMeta): void {
  sr.vhds.set(node.uuid, node);
  ctx.vdis.set(node.vdiRef, { sr, node });
  const record = makeVdiRecord({
    uuid: node.uuid,
    nameLabel: meta.nameLabel,
    nameDescription: meta.nameDescription,
    srRef: sr.ref,
    vbdRefs: [],
    virtualSizeBytes: node.virtualSizeBytes,
    physicalUtilisationBytes: footprintBytes(sr, node, ctx.nowMs()),
    managed: !node.hidden,
    isASnapshot: meta.isSnapshot,
    snapshotOfRef: meta.snapshotOfRef,
    snapshotTimeMs: meta.snapshotTimeMs,
    snapshotRefs: [],
    smConfig: smConfigFor(node),
    otherConfig: meta.otherConfig,
    location: node.uuid,
    readOnly: node.hidden,
  });
  ctx.store.add('VDI', node.vdiRef, record);
  ctx.store.addToSet('SR', sr.ref, 'VDIs', node.vdiRef);
  if (meta.isSnapshot) ctx.store.addToSet('VDI', meta.snapshotOfRef, 'snapshots', node.vdiRef);
}

/** The VHD is gone from the SR: forget its VDI. */
export function removeVdi(ctx: WorldContext, sr: SimSr, node: VhdNode): void {
  sr.vhds.delete(node.uuid);
  ctx.vdis.delete(node.vdiRef);
  const record = ctx.store.get('VDI', node.vdiRef);
  if (record && record.is_a_snapshot === true) {
    ctx.store.removeFromSet('VDI', String(record.snapshot_of), 'snapshots', node.vdiRef);
  }
  ctx.store.removeFromSet('SR', sr.ref, 'VDIs', node.vdiRef);
  ctx.store.remove('VDI', node.vdiRef);
}

/** Write the node's VHD-derived keys into its VDI's `sm_config` (what SM does on snapshot, relink, attach). */
export function syncSmConfig(ctx: WorldContext, node: VhdNode, keepParent = false): void {
  const record = ctx.store.get('VDI', node.vdiRef);
  if (!record) return;
  const current = record.sm_config as StringMap;
  const next: StringMap = {};
  for (const [key, value] of Object.entries(current)) {
    if (key !== 'vhd-parent' && key !== 'vhd-blocks' && !key.startsWith('host_')) next[key] = value;
  }
  Object.assign(next, smConfigFor(node));
  if (keepParent) {
    if (current['vhd-parent'] === undefined) delete next['vhd-parent'];
    else next['vhd-parent'] = current['vhd-parent'];
  }
  ctx.store.patch('VDI', node.vdiRef, { sm_config: next, managed: !node.hidden });
}

/** `SR.update`/scan: XAPI learns the current sizes of the SR and each VDI. */
export function refreshSrSizes(ctx: WorldContext, sr: SimSr): void {
  const atMs = ctx.nowMs();
  let virtualAllocation = 0;
  for (const node of sr.vhds.values()) {
    const size = footprintBytes(sr, node, atMs);
    const record = ctx.store.get('VDI', node.vdiRef);
    if (record && record.physical_utilisation !== size) ctx.store.patch('VDI', node.vdiRef, { physical_utilisation: size });
    if (!node.hidden) virtualAllocation += node.virtualSizeBytes;
  }
  const srRecord = ctx.store.get('SR', sr.ref);
  const used = srUsedBytes(sr, atMs);
  if (srRecord && (srRecord.physical_utilisation !== used || srRecord.virtual_allocation !== virtualAllocation)) {
    ctx.store.patch('SR', sr.ref, { physical_utilisation: used, virtual_allocation: virtualAllocation });
  }
}

import type { SimSr, VhdNode, WorldContext } from './model';
import { makeVmRecord } from './records/vm-record';
import { makeVbdRecord } from './records/vbd-record';
import { makeTaskRecord } from './records/task-record';
import { opaqueRef, type StringMap } from './records/xapi-values';
import { destroyLeaf, logSnapshotChainTooLong, snapshotChainTooLong, snapshotLeaf } from './vdi-ops';
import { kickGc } from './gc-process';
import { chainLength } from './vhd-tree';
import { toXapiDateTime } from './xapi-datetime';

export interface VmDisk {
  vbdRef: string;
  position: number;
  sr: SimSr;
  node: VhdNode;
}

/** The VM's disks, in VBD order. */
export function vmDisks(ctx: WorldContext, vmRef: string): VmDisk[] {
  const vm = ctx.store.get('VM', vmRef);
  if (!vm) return [];
  const disks: VmDisk[] = [];
  for (const vbdRef of vm.VBDs as string[]) {
    const vbd = ctx.store.get('VBD', vbdRef);
    const found = vbd ? ctx.vdis.get(String(vbd.VDI)) : undefined;
    if (vbd && found) disks.push({ vbdRef, position: Number(vbd.userdevice), sr: found.sr, node: found.node });
  }
  return disks;
}

/** An `Async.*` task as XAPI shows it while the call runs; returns a function that completes it. */
function asyncTask(ctx: WorldContext, nameLabel: string, residentOnRef: string): (status: 'success' | 'failure', errorInfo?: string[]) => void {
  const ref = opaqueRef(ctx.rng.uuid());
  ctx.store.add('task', ref, makeTaskRecord({ uuid: ctx.rng.uuid(), nameLabel, nameDescription: '', createdMs: ctx.nowMs(), residentOnRef, otherConfig: {} }));
  return (status, errorInfo = []) => {
    ctx.store.patch('task', ref, { status, progress: 1, finished: toXapiDateTime(ctx.nowMs()), error_info: errorInfo });
    ctx.store.remove('task', ref);
  };
}

export type SnapshotVmResult = { ok: true; snapshotVmRef: string } | { ok: false; reason: string };

export interface SnapshotVmOptions {
  nameLabel: string;
  /** Keys set on the snapshot VM and each of its VDIs (XO writes its `xo:backup:*` keys on both). */
  otherConfig: StringMap;
}

/**
 * VM.snapshot: every disk gets a VHD snapshot (SM refuses with error 109 when a chain already
 * has 30 VHDs), and a snapshot VM with VBDs to the new snapshot VDIs appears.
 */
export function snapshotVm(ctx: WorldContext, vmRef: string, options: SnapshotVmOptions): SnapshotVmResult {
  const vm = ctx.store.get('VM', vmRef);
  if (!vm) return { ok: false, reason: `HANDLE_INVALID(VM, ${vmRef})` };
  const disks = vmDisks(ctx, vmRef);
  const complete = asyncTask(ctx, 'Async.VM.snapshot', ctx.masterRef);
  const tooLong = disks.find((disk) => snapshotChainTooLong(chainLength(disk.sr, disk.node.uuid)));
  if (tooLong) {
    logSnapshotChainTooLong(ctx, tooLong.sr);
    const errorInfo = ['SR_BACKEND_FAILURE_109', '', 'The snapshot chain is too long', ''];
    complete('failure', errorInfo);
    return { ok: false, reason: `${errorInfo[0]}(${errorInfo.slice(1).join(', ')})` };
  }
  const atMs = ctx.nowMs();
  const snapshotVmRef = opaqueRef(ctx.rng.uuid());
  const vbdRefs: string[] = [];
  for (const disk of disks) {
    const source = ctx.store.get('VDI', disk.node.vdiRef);
    const { snapshot } = snapshotLeaf(ctx, disk.sr, disk.node, {
      nameLabel: String(source?.name_label ?? ''),
      nameDescription: String(source?.name_description ?? ''),
      isSnapshot: true,
      snapshotOfRef: disk.node.vdiRef,
      snapshotTimeMs: atMs,
      otherConfig: options.otherConfig,
    });
    if (!snapshot) continue;
    const vbdRef = opaqueRef(ctx.rng.uuid());
    ctx.store.add('VBD', vbdRef, makeVbdRecord({ uuid: ctx.rng.uuid(), vmRef: snapshotVmRef, vdiRef: snapshot.vdiRef, position: disk.position, currentlyAttached: false }));
    ctx.store.addToSet('VDI', snapshot.vdiRef, 'VBDs', vbdRef);
    vbdRefs.push(vbdRef);
  }
  ctx.store.add(
    'VM',
    snapshotVmRef,
    makeVmRecord({
      uuid: ctx.rng.uuid(),
      nameLabel: options.nameLabel,
      nameDescription: String(vm.name_description),
      kind: 'snapshot',
      powerState: 'Halted',
      residentOnRef: String(vm.resident_on),
      vbdRefs,
      memoryBytes: Number(vm.memory_static_max),
      vcpus: Number(vm.VCPUs_max),
      snapshotRefs: [],
      snapshotOfRef: vmRef,
      snapshotTimeMs: atMs,
      otherConfig: options.otherConfig,
      domid: -1,
    }),
  );
  ctx.store.addToSet('VM', vmRef, 'snapshots', snapshotVmRef);
  complete('success');
  return { ok: true, snapshotVmRef };
}

/** VM.destroy of a snapshot with its disks (what XO's `VM_destroy` does): each VDI deleted kicks the GC. */
export function destroySnapshotVm(ctx: WorldContext, snapshotVmRef: string): void {
  const vm = ctx.store.get('VM', snapshotVmRef);
  if (!vm) return;
  const disks = vmDisks(ctx, snapshotVmRef);
  for (const disk of disks) ctx.store.remove('VBD', disk.vbdRef);
  ctx.store.removeFromSet('VM', String(vm.snapshot_of), 'snapshots', snapshotVmRef);
  ctx.store.remove('VM', snapshotVmRef);
  for (const disk of disks) {
    ctx.store.patch('VDI', disk.node.vdiRef, { VBDs: [] });
    destroyLeaf(ctx, disk.sr, disk.node, (sr, proc) => kickGc(ctx, sr, proc));
  }
}

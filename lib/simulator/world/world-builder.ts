import type { SimHost, SimSr, VhdNode, WorldContext } from './model';
import { addSr, type SrSpec } from './pool-setup';
import { makeVmRecord } from './records/vm-record';
import { makeVbdRecord } from './records/vbd-record';
import { NULL_REF, opaqueRef, type StringMap } from './records/xapi-values';
import { BASE_COPY_META, addVdi, type VdiMeta } from './vdi-sync';
import { newVhdNode } from './vdi-ops';
import { seedJobSnapshot, startBackupJob, type BackupJob, type BackupJobSpec } from './backups';
import { GiB } from './vhd-sizes';

export interface DiskSpec {
  sr: SimSr;
  /** Put the leaf on top of this VHD (a tree laid out with `addVhd`) instead of creating its own base. */
  parent?: VhdNode;
  uuid?: string;
  nameLabel?: string;
  nameDescription?: string;
  virtualSizeBytes: number;
  /** Data of a base copy under the leaf (the template or an old snapshot); 0 or absent: the leaf is a root. */
  baseBytes?: number;
  leafBytes: number;
  /** Guest writes while the VM runs. */
  writeBytesPerSec?: number;
  /** The guest's working set; default a tenth of the disk. */
  writeSetBytes?: number;
}

export interface VmSpec {
  nameLabel: string;
  nameDescription?: string;
  host?: SimHost;
  running?: boolean;
  memoryBytes?: number;
  vcpus?: number;
  disks: DiskSpec[];
}

export interface VhdSpec {
  uuid?: string;
  parentUuid: string | null;
  hidden: boolean;
  virtualSizeBytes: number;
  dataBytes: number;
  meta?: Partial<VdiMeta>;
}

/** What a scenario uses to put its SRs, VMs, VHD trees, backup jobs and timed events into the pool. */
export class WorldBuilder {
  readonly srUuids: string[] = [];
  readonly vmUuids: string[] = [];

  constructor(readonly ctx: WorldContext, readonly startMs: number, private readonly setNow: (ms: number) => void) {}

  host(index: number): SimHost {
    return this.ctx.hosts[Math.min(index, this.ctx.hosts.length - 1)];
  }

  addSr(spec: SrSpec): SimSr {
    const sr = addSr(this.ctx, spec);
    this.srUuids.push(sr.uuid);
    return sr;
  }

  /** A VHD with its VDI, for trees a scenario lays out by hand. */
  addVhd(sr: SimSr, spec: VhdSpec): VhdNode {
    const { meta, ...fields } = spec;
    const node = newVhdNode(this.ctx, { ...fields, inflated: false });
    addVdi(this.ctx, sr, node, { ...BASE_COPY_META, ...(spec.hidden ? {} : { nameLabel: 'disk' }), ...meta });
    return node;
  }

  addVm(spec: VmSpec): string {
    const { ctx } = this;
    const host = spec.host ?? this.host(0);
    const running = spec.running ?? true;
    const vmRef = opaqueRef(ctx.rng.uuid());
    const vmUuid = ctx.rng.uuid();
    const vbdRefs = spec.disks.map((disk, position) => this.addDisk(vmRef, spec, disk, position, running ? host.ref : null));
    ctx.store.add(
      'VM',
      vmRef,
      makeVmRecord({
        uuid: vmUuid,
        nameLabel: spec.nameLabel,
        nameDescription: spec.nameDescription ?? '',
        kind: 'guest',
        powerState: running ? 'Running' : 'Halted',
        residentOnRef: host.ref,
        vbdRefs,
        memoryBytes: spec.memoryBytes ?? 4 * GiB,
        vcpus: spec.vcpus ?? 2,
        snapshotRefs: [],
        snapshotOfRef: NULL_REF,
        snapshotTimeMs: null,
        otherConfig: { base_template_name: 'Debian Bookworm 12', 'install-methods': 'cdrom,nfs,http,ftp', mac_seed: ctx.rng.uuid() },
        domid: running ? ctx.rng.int(1, 400) : -1,
      }),
    );
    if (running) ctx.store.addToSet('host', host.ref, 'resident_VMs', vmRef);
    this.vmUuids.push(vmUuid);
    return vmRef;
  }

  private addDisk(vmRef: string, vm: VmSpec, disk: DiskSpec, position: number, attachedHostRef: string | null): string {
    const { ctx } = this;
    const base =
      disk.parent ??
      (disk.baseBytes ? this.addVhd(disk.sr, { parentUuid: null, hidden: true, virtualSizeBytes: disk.virtualSizeBytes, dataBytes: disk.baseBytes }) : null);
    const leaf = newVhdNode(ctx, {
      uuid: disk.uuid,
      parentUuid: base?.uuid ?? null,
      hidden: false,
      virtualSizeBytes: disk.virtualSizeBytes,
      dataBytes: disk.leafBytes,
      writeBytesPerSec: attachedHostRef ? (disk.writeBytesPerSec ?? 0) : 0,
      writeSetBytes: disk.writeSetBytes ?? disk.virtualSizeBytes / 10,
      attachedHostRef,
      inflated: true,
    });
    addVdi(ctx, disk.sr, leaf, {
      ...BASE_COPY_META,
      nameLabel: disk.nameLabel ?? `${vm.nameLabel} ${position === 0 ? 'system' : `data ${position}`}`,
      nameDescription: disk.nameDescription ?? 'Created by template provisioner',
    });
    const vbdRef = opaqueRef(ctx.rng.uuid());
    ctx.store.add('VBD', vbdRef, makeVbdRecord({ uuid: ctx.rng.uuid(), vmRef, vdiRef: leaf.vdiRef, position, currentlyAttached: attachedHostRef !== null }));
    ctx.store.addToSet('VDI', leaf.vdiRef, 'VBDs', vbdRef);
    return vbdRef;
  }

  /** The VDI refs of a VM's disks, in VBD order. */
  diskVdiRefs(vmRef: string): string[] {
    const vbds = (this.ctx.store.get('VM', vmRef)?.VBDs as string[] | undefined) ?? [];
    return vbds.map((vbd) => String(this.ctx.store.get('VBD', vbd)?.VDI));
  }

  /** A snapshot VM over snapshot VDIs laid out with `addVhd` (as a past backup run left it). */
  addSnapshotVm(vmRef: string, snapshots: VhdNode[], nameLabel: string, otherConfig: StringMap, snapshotTimeMs: number): string {
    const { ctx } = this;
    const vm = ctx.store.get('VM', vmRef);
    const snapshotVmRef = opaqueRef(ctx.rng.uuid());
    const vbdRefs = snapshots.map((node, position) => {
      const vbdRef = opaqueRef(ctx.rng.uuid());
      ctx.store.add('VBD', vbdRef, makeVbdRecord({ uuid: ctx.rng.uuid(), vmRef: snapshotVmRef, vdiRef: node.vdiRef, position, currentlyAttached: false }));
      ctx.store.addToSet('VDI', node.vdiRef, 'VBDs', vbdRef);
      return vbdRef;
    });
    ctx.store.add(
      'VM',
      snapshotVmRef,
      makeVmRecord({
        uuid: ctx.rng.uuid(),
        nameLabel,
        nameDescription: String(vm?.name_description ?? ''),
        kind: 'snapshot',
        powerState: 'Halted',
        residentOnRef: NULL_REF,
        vbdRefs,
        memoryBytes: Number(vm?.memory_static_max ?? 4 * GiB),
        vcpus: Number(vm?.VCPUs_max ?? 2),
        snapshotRefs: [],
        snapshotOfRef: vmRef,
        snapshotTimeMs,
        otherConfig,
        domid: -1,
      }),
    );
    ctx.store.addToSet('VM', vmRef, 'snapshots', snapshotVmRef);
    return snapshotVmRef;
  }

  addJob(spec: BackupJobSpec): BackupJob {
    return startBackupJob(this.ctx, spec);
  }

  /** The snapshot a past run of `job` left on the VM `ageMs` ago (the VM has written since). */
  seedJobSnapshot(job: BackupJob, vmRef: string, ageMs: number): void {
    this.setNow(this.startMs - ageMs);
    seedJobSnapshot(this.ctx, job, vmRef);
    this.setNow(this.startMs);
  }

  /** Run `action` at simulated time `atMs`. */
  at(atMs: number, action: () => void): void {
    this.ctx.queue.schedule(atMs, action);
  }

  /** Run `action` every `intervalMs`, first at `firstMs`. */
  every(firstMs: number, intervalMs: number, action: () => void): void {
    const tick = (atMs: number) => {
      action();
      this.ctx.queue.schedule(atMs + intervalMs, tick);
    };
    this.ctx.queue.schedule(firstMs, tick);
  }
}

import type { ScenarioDefinition } from './scenario';
import { DAY_MS } from './scenario';
import type { SrType, VhdNode } from '../world/model';
import { GiB, MiB, TiB } from '../world/vhd-sizes';

const SR_COUNT = 200;
const VMS_PER_SR = 10;
/** Each VM disk: 4 base copies, each pinned by a kept snapshot, and the leaf (9 VDIs). */
const KEPT_SNAPSHOTS = 4;
/** Detached disks per SR (images, old volumes), so each SR holds 100 VDIs. */
const DETACHED_PER_SR = 10;
const TYPES: readonly SrType[] = ['lvm', 'lvmoiscsi', 'nfs', 'ext'];

/** 200 SRs, 2,000 VMs and 20,000 VDIs over 8 hosts: for load tests and the collector's scale path. */
export const large: ScenarioDefinition = {
  description: '20,000 VDIs on 200 SRs and 8 hosts (2,000 VMs, each disk with 4 snapshots).',
  hosts: 8,
  build(b) {
    const { rng } = b.ctx;
    for (let s = 0; s < SR_COUNT; s++) {
      const type = TYPES[s % TYPES.length];
      const sr = b.addSr({
        nameLabel: `${type.toUpperCase()} store ${String(s + 1).padStart(3, '0')}`,
        type,
        host: b.host(s % 8),
        physicalSizeBytes: 8 * TiB,
        coalesceBytesPerSec: rng.int(10, 150) * MiB,
      });
      for (let v = 0; v < VMS_PER_SR; v++) {
        const virtual = rng.int(2, 40) * 10 * GiB;
        let parent: VhdNode | null = null;
        const bases: VhdNode[] = [];
        for (let k = 0; k < KEPT_SNAPSHOTS; k++) {
          parent = b.addVhd(sr, { parentUuid: parent?.uuid ?? null, hidden: true, virtualSizeBytes: virtual, dataBytes: k === 0 ? virtual / 3 : rng.int(1, 40) * 256 * MiB });
          bases.push(parent);
        }
        const name = `vm-${String(s * VMS_PER_SR + v + 1).padStart(4, '0')}`;
        const vm = b.addVm({
          nameLabel: name,
          host: b.host((s + v) % 8),
          running: v % 7 !== 0,
          disks: [{ sr, parent: parent ?? undefined, virtualSizeBytes: virtual, leafBytes: rng.int(1, 20) * 128 * MiB, writeBytesPerSec: rng.int(0, 200) * 1024, writeSetBytes: virtual / 20 }],
        });
        const [leafRef] = b.diskVdiRefs(vm);
        for (let k = 0; k < KEPT_SNAPSHOTS; k++) {
          b.addVhd(sr, {
            parentUuid: bases[k].uuid,
            hidden: false,
            virtualSizeBytes: virtual,
            dataBytes: 0,
            meta: { nameLabel: `${name} system`, isSnapshot: true, snapshotOfRef: leafRef, snapshotTimeMs: b.startMs - (KEPT_SNAPSHOTS - k) * DAY_MS },
          });
        }
      }
      for (let d = 0; d < DETACHED_PER_SR; d++) {
        b.addVhd(sr, { parentUuid: null, hidden: false, virtualSizeBytes: 10 * GiB, dataBytes: rng.int(1, 40) * 128 * MiB, meta: { nameLabel: `image ${s + 1}.${d + 1}` } });
      }
    }
    return { expectations: ['20,000 VDIs on 200 SRs; every base copy is pinned by a snapshot, so the GCs find no work.'] };
  },
};

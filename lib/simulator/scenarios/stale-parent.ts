import type { ScenarioDefinition } from './scenario';
import { HOUR_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';
import { toXoDateTime } from '../world/xapi-datetime';

/**
 * The known XCP-ng bug where a coalesce relinks a VHD but its VDI's `sm_config['vhd-parent']`
 * keeps naming the base copy that was just merged away: minutes after start, XAPI says app-02's
 * disk sits on a VDI that no longer exists, while `vhd-util scan` shows the real parent.
 */
export const staleParent: ScenarioDefinition = {
  description: "A coalesce leaves app-02's vhd-parent stale in XAPI while the scan shows the real parent.",
  build(b) {
    const sr = b.addSr({ nameLabel: 'Local storage 2', nameDescription: 'LVM on RAID 1', type: 'lvm', host: b.host(1), physicalSizeBytes: 1 * TiB, coalesceBytesPerSec: 80 * MiB });
    const root = b.addVhd(sr, { parentUuid: null, hidden: true, virtualSizeBytes: 50 * GiB, dataBytes: 18 * GiB });
    const merged = b.addVhd(sr, { parentUuid: root.uuid, hidden: true, virtualSizeBytes: 50 * GiB, dataBytes: 3 * GiB });
    const vm = b.addVm({
      nameLabel: 'app-02',
      nameDescription: 'Line-of-business app server',
      host: b.host(1),
      disks: [{ sr, parent: merged, virtualSizeBytes: 50 * GiB, leafBytes: 1 * GiB, writeBytesPerSec: 100 * KiB, writeSetBytes: 2 * GiB }],
    });
    const [leafRef] = b.diskVdiRefs(vm);
    const takenMs = b.startMs - 6 * HOUR_MS;
    const snapshot = b.addVhd(sr, {
      parentUuid: merged.uuid,
      hidden: false,
      virtualSizeBytes: 50 * GiB,
      dataBytes: 0,
      meta: { nameLabel: 'app-02 system', isSnapshot: true, snapshotOfRef: leafRef, snapshotTimeMs: takenMs },
    });
    b.addSnapshotVm(vm, [snapshot], 'app-02 before upgrade', { 'xo:backup:datetime': toXoDateTime(takenMs) }, takenMs);
    // The merged base copy's children are the leaf and the snapshot: the leaf's record keeps the old parent.
    const leaf = b.ctx.vdis.get(leafRef);
    if (leaf) sr.staleParentOnRelink.add(leaf.node.uuid);
    return {
      expectations: [
        `Minutes after start the GC coalesces ${merged.uuid} into ${root.uuid}.`,
        `From then on XAPI's vhd-parent of app-02's disk names ${merged.uuid} (gone) while the scan shows ${root.uuid}.`,
      ],
    };
  },
};

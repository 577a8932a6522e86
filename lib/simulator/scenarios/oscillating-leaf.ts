import type { ScenarioDefinition } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';
import { dataBytesForLv } from '../world/vhd-sizes';

/**
 * The forum's "does the depth oscillate between 1,2,1,2?": build-01 writes a little faster than
 * the SR merges, so SMGC's snapshot-coalesce never gets its leaf small enough to merge live. Each
 * round the chain goes 2 → 3 → 2, and after its iteration limits SM gives up and marks the VDI
 * `leaf-coalesce = offline` until the next GC.
 */
export const oscillatingLeaf: ScenarioDefinition = {
  description: 'A VM writing faster than live leaf-coalesce can merge: the leaf oscillates and SMGC gives up.',
  build(b) {
    const ssd = b.addSr({
      nameLabel: 'Local SSD (build)',
      nameDescription: 'LVM on a single SATA SSD',
      type: 'lvm',
      host: b.host(1),
      physicalSizeBytes: 2 * TiB,
      coalesceBytesPerSec: 20 * MiB,
      speedJitter: 0,
    });
    const base = b.addVhd(ssd, { parentUuid: null, hidden: true, virtualSizeBytes: 300 * GiB, dataBytes: dataBytesForLv(100 * GiB) });
    const build = b.addVm({
      nameLabel: 'build-01',
      nameDescription: 'CI build server, compiles around the clock',
      host: b.host(1),
      memoryBytes: 32 * GiB,
      vcpus: 16,
      disks: [{ sr: ssd, parent: base, virtualSizeBytes: 300 * GiB, leafBytes: 10 * GiB, writeBytesPerSec: 21.2 * MiB, writeSetBytes: 200 * GiB }],
    });
    const quiet = b.addVm({
      nameLabel: 'wiki-01',
      host: b.host(1),
      disks: [{ sr: ssd, virtualSizeBytes: 30 * GiB, leafBytes: 9 * GiB, writeBytesPerSec: 20 * KiB, writeSetBytes: 1 * GiB }],
    });
    b.addJob({ name: 'Daily full', mode: 'full', schedule: { kind: 'daily', hour: 2, minute: 0 }, vmRefs: [build, quiet], snapshotRetention: 0, exportBytesPerSec: 250 * MiB });
    return {
      expectations: [
        'About an hour after start SMGC has snapshot-coalesced build-01 four times without progress and gives up ("No progress made for 3 iterations").',
        "build-01's chain length oscillates 2, 3, 2, 3 while SMGC iterates; its VDI is briefly marked leaf-coalesce = offline.",
        'After each daily full backup the iterations start over and end with "Max iterations (10) exceeded".',
        'Backups are not skipped: a leaf waiting for leaf-coalesce does not trip XO\'s chain protection.',
      ],
    };
  },
};

import type { ScenarioDefinition } from './scenario';
import { HOUR_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';

/**
 * The forum's "your SR can't keep up with the pace of your backup schedule": each night's base
 * copy of erp-01 takes about 42 h to coalesce at this SR's speed, so uncoalesced base copies
 * pile up until XO's chain protection skips the backup (on the 4th nightly run).
 */
export const slowSr: ScenarioDefinition = {
  description: 'An iSCSI SR coalescing at ~1 MiB/s behind daily delta backups: the backlog grows until a backup is skipped.',
  build(b) {
    const san = b.addSr({
      nameLabel: 'SAN-archive',
      nameDescription: 'EqualLogic PS6000, RAID 6, LVM over iSCSI',
      type: 'lvmoiscsi',
      physicalSizeBytes: 6 * TiB,
      coalesceBytesPerSec: 1.1 * MiB,
    });
    const erp = b.addVm({
      nameLabel: 'erp-01',
      nameDescription: 'ERP database, busy all day',
      host: b.host(0),
      memoryBytes: 32 * GiB,
      vcpus: 8,
      disks: [{ sr: san, virtualSizeBytes: 500 * GiB, leafBytes: 320 * GiB, writeBytesPerSec: 4 * MiB, writeSetBytes: 200 * GiB }],
    });
    const files = b.addVm({
      nameLabel: 'files-02',
      host: b.host(1),
      disks: [{ sr: san, virtualSizeBytes: 250 * GiB, leafBytes: 90 * GiB, writeBytesPerSec: 100 * KiB, writeSetBytes: 5 * GiB }],
    });
    const nightly = b.addJob({ name: 'Nightly delta', mode: 'delta', schedule: { kind: 'daily', hour: 1, minute: 0 }, vmRefs: [erp, files], snapshotRetention: 1 });
    for (const vm of [erp, files]) b.seedJobSnapshot(nightly, vm, 5 * HOUR_MS);
    return {
      expectations: [
        'Each nightly base copy of erp-01 (~160 GiB) takes ~42 h to coalesce: the GC falls further behind every day.',
        'The 4th nightly run skips erp-01 with "unhealthy VDI chain" (two uncoalesced base copies in a row).',
        "files-02 is skipped the same night: its small base copies wait behind erp-01's in the SR's single GC queue.",
      ],
    };
  },
};

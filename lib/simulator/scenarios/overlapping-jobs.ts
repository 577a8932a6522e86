import type { ScenarioDefinition } from './scenario';
import { HOUR_MS } from './scenario';
import { GiB, MiB, TiB } from '../world/vhd-sizes';

/**
 * The forum's "mixing jobs in various XO": two Xen Orchestra instances back up the same VMs
 * ten minutes apart, each blind to the other's snapshots. The DR job starts a minute or two after
 * the first job's base copies finish coalescing, so each night stacks two snapshots and two rounds
 * of coalesce.
 */
export const overlappingJobs: ScenarioDefinition = {
  description: 'Two XO instances back up the same VMs minutes apart, the second right after the first one’s coalesces finish.',
  hosts: 2,
  build(b) {
    const sr = b.addSr({ nameLabel: 'Local storage (prod)', nameDescription: 'LVM on RAID 5 SATA SSD', type: 'lvm', host: b.host(0), physicalSizeBytes: 3 * TiB, coalesceBytesPerSec: 35 * MiB });
    const crm = b.addVm({
      nameLabel: 'crm-01',
      host: b.host(0),
      disks: [{ sr, virtualSizeBytes: 120 * GiB, leafBytes: 60 * GiB, writeBytesPerSec: 600 * 1024, writeSetBytes: 12 * GiB }],
    });
    const erp = b.addVm({
      nameLabel: 'erp-02',
      host: b.host(0),
      memoryBytes: 16 * GiB,
      disks: [
        { sr, virtualSizeBytes: 80 * GiB, leafBytes: 30 * GiB, writeBytesPerSec: 300 * 1024, writeSetBytes: 6 * GiB },
        { sr, virtualSizeBytes: 400 * GiB, leafBytes: 250 * GiB, writeBytesPerSec: 1 * MiB, writeSetBytes: 20 * GiB },
      ],
    });
    const prod = b.addJob({ name: 'Delta to NAS', xoInstance: 'xo-prod', mode: 'delta', schedule: { kind: 'daily', hour: 1, minute: 0 }, vmRefs: [crm, erp], snapshotRetention: 1 });
    const dr = b.addJob({ name: 'CR to DR site', xoInstance: 'xo-dr', mode: 'delta', schedule: { kind: 'daily', hour: 1, minute: 10 }, vmRefs: [crm, erp], snapshotRetention: 1, exportBytesPerSec: 90 * MiB });
    for (const vm of [crm, erp]) {
      b.seedJobSnapshot(prod, vm, 5 * HOUR_MS);
      b.seedJobSnapshot(dr, vm, 4 * HOUR_MS + 50 * 60 * 1000);
    }
    return {
      expectations: [
        'Every VM carries one snapshot of each XO instance; both are named [XO Backup <job>] <vm>.',
        'Each night the two runs, ten minutes apart, each leave base copies to coalesce; the second starts right after the first one’s coalesces end.',
      ],
    };
  },
};

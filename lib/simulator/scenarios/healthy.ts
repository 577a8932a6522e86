import type { ScenarioDefinition } from './scenario';
import { HOUR_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';

/** A pool that keeps up: daily delta backups whose base copies coalesce within minutes. */
export const healthy: ScenarioDefinition = {
  description: 'Two SRs that coalesce each night’s base copy in minutes; daily delta backups never skipped.',
  build(b) {
    const local = b.addSr({ nameLabel: 'Local storage', nameDescription: 'LVM on RAID 10 SSD', type: 'lvm', host: b.host(0), physicalSizeBytes: 2 * TiB, coalesceBytesPerSec: 120 * MiB });
    const nfs = b.addSr({ nameLabel: 'NFS VM store', nameDescription: 'nas-01:/export/vms', type: 'nfs', physicalSizeBytes: 8 * TiB, coalesceBytesPerSec: 60 * MiB });
    const web = b.addVm({
      nameLabel: 'web-01',
      nameDescription: 'nginx front end',
      host: b.host(0),
      disks: [{ sr: local, virtualSizeBytes: 40 * GiB, leafBytes: 11 * GiB, writeBytesPerSec: 200 * KiB, writeSetBytes: 2 * GiB }],
    });
    const db = b.addVm({
      nameLabel: 'db-01',
      nameDescription: 'PostgreSQL 16',
      host: b.host(1),
      memoryBytes: 16 * GiB,
      vcpus: 8,
      disks: [
        { sr: nfs, virtualSizeBytes: 60 * GiB, leafBytes: 14 * GiB, writeBytesPerSec: 300 * KiB, writeSetBytes: 3 * GiB },
        { sr: nfs, virtualSizeBytes: 300 * GiB, leafBytes: 180 * GiB, writeBytesPerSec: 1 * MiB, writeSetBytes: 12 * GiB },
      ],
    });
    const mail = b.addVm({
      nameLabel: 'mail-01',
      host: b.host(1),
      disks: [{ sr: nfs, virtualSizeBytes: 80 * GiB, leafBytes: 35 * GiB, writeBytesPerSec: 150 * KiB, writeSetBytes: 4 * GiB }],
    });
    const archive = b.addVm({
      nameLabel: 'archive-01',
      nameDescription: 'Cold archive, powered off',
      host: b.host(0),
      running: false,
      disks: [{ sr: local, virtualSizeBytes: 200 * GiB, leafBytes: 150 * GiB }],
    });
    const daily = b.addJob({
      name: 'Daily delta',
      mode: 'delta',
      schedule: { kind: 'daily', hour: 1, minute: 0 },
      vmRefs: [web, db, mail],
      snapshotRetention: 1,
    });
    for (const vm of [web, db, mail]) b.seedJobSnapshot(daily, vm, 5 * HOUR_MS);
    b.addJob({
      name: 'Weekly full',
      mode: 'full',
      schedule: { kind: 'weekly', weekday: 0, hour: 3, minute: 0 },
      vmRefs: [archive],
      snapshotRetention: 0,
    });
    return {
      expectations: [
        'Every backup run of web-01, db-01 and mail-01 succeeds.',
        'Each night one base copy per disk coalesces within minutes of the run.',
      ],
    };
  },
};

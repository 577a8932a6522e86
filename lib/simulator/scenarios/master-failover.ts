import type { ScenarioDefinition } from './scenario';
import { HOUR_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';
import { designateMaster } from '../world/world';

/** When the pool master changes, after start. */
export const FAILOVER_AFTER_MS = 2 * HOUR_MS;

/**
 * The pool master moves to another host two hours in (`pool.designate_new_master`): the old
 * master answers HOST_IS_SLAVE, and the shared SR's GC and SMlog move to the new master.
 */
export const masterFailover: ScenarioDefinition = {
  description: 'The pool master changes to another host two hours after start; the shared SR’s GC moves with it.',
  hosts: 3,
  build(b) {
    const sr = b.addSr({ nameLabel: 'iSCSI shared', nameDescription: 'TrueNAS, LVM over iSCSI', type: 'lvmoiscsi', physicalSizeBytes: 5 * TiB, coalesceBytesPerSec: 50 * MiB });
    const vms = ['ad-01', 'ad-02', 'print-01'].map((nameLabel, i) =>
      b.addVm({
        nameLabel,
        host: b.host(i),
        disks: [{ sr, virtualSizeBytes: 60 * GiB, leafBytes: 20 * GiB, writeBytesPerSec: 120 * KiB, writeSetBytes: 2 * GiB }],
      }),
    );
    const job = b.addJob({ name: 'Hourly delta', mode: 'delta', schedule: { kind: 'every-hours', hours: 1, minute: 10 }, vmRefs: vms, snapshotRetention: 1 });
    for (const vm of vms) b.seedJobSnapshot(job, vm, 50 * 60 * 1000);
    const newMaster = b.host(1);
    b.at(b.startMs + FAILOVER_AFTER_MS, () => designateMaster(b.ctx, newMaster.ref));
    return {
      expectations: [
        `At start + 2 h the master moves from ${b.host(0).hostname} to ${newMaster.hostname} (${newMaster.address}).`,
        "From then on the shared SR's GC lines appear in the new master's SMlog.",
      ],
    };
  },
};

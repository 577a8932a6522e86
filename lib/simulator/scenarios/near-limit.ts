import type { ScenarioDefinition } from './scenario';
import { DAY_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';

/** Snapshots kept by a rolling job: one more base copy per run. */
const KEPT_SNAPSHOTS = 27;

/**
 * A rolling snapshot job that keeps 30 snapshots stacks one base copy per run on legacy-db: the
 * chain starts at 28 VHDs, and on the third nightly run SM refuses the snapshot
 * ("The snapshot chain is too long", chain of 30).
 */
export const nearLimit: ScenarioDefinition = {
  description: 'A chain at 28 VHDs that a rolling snapshot job pushes to the SM limit of 30.',
  build(b) {
    const sr = b.addSr({ nameLabel: 'NFS rolling', nameDescription: 'nas-02:/export/rolling', type: 'nfs', physicalSizeBytes: 4 * TiB, coalesceBytesPerSec: 70 * MiB });
    const vm = b.addVm({
      nameLabel: 'legacy-db',
      nameDescription: 'Nobody dares to touch it',
      host: b.host(0),
      memoryBytes: 8 * GiB,
      disks: [{ sr, virtualSizeBytes: 100 * GiB, leafBytes: 40 * GiB, writeBytesPerSec: 50 * KiB, writeSetBytes: 4 * GiB }],
    });
    const job = b.addJob({ name: 'Rolling snapshots', mode: 'full', schedule: { kind: 'daily', hour: 22, minute: 0 }, vmRefs: [vm], snapshotRetention: 30 });
    for (let age = KEPT_SNAPSHOTS; age >= 1; age--) b.seedJobSnapshot(job, vm, age * DAY_MS - 8 * 60 * 60 * 1000);
    return {
      expectations: [
        `legacy-db's chain starts at ${KEPT_SNAPSHOTS + 1} VHDs, every base copy pinned by a kept snapshot (nothing to coalesce).`,
        'The next two nightly runs succeed (chains of 29, then 30).',
        'The third nightly run fails: SR_BACKEND_FAILURE_109, "The snapshot chain is too long".',
      ],
    };
  },
};

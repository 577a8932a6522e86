import type { ScenarioDefinition } from './scenario';
import { MINUTE_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';

export const XAPI_FLAP_PERIOD_MS = 15 * MINUTE_MS;
export const XAPI_DOWN_MS = 2 * MINUTE_MS;

/** XAPI goes away for two minutes every quarter of an hour (a toolstack restarting in a loop). */
export const flappingXapi: ScenarioDefinition = {
  description: 'XAPI is unreachable for 2 minutes every 15 minutes.',
  build(b) {
    const sr = b.addSr({ nameLabel: 'Local storage (lab)', type: 'ext', host: b.host(0), physicalSizeBytes: 1 * TiB, coalesceBytesPerSec: 90 * MiB });
    const vm = b.addVm({ nameLabel: 'lab-01', host: b.host(0), disks: [{ sr, virtualSizeBytes: 32 * GiB, leafBytes: 8 * GiB, writeBytesPerSec: 80 * KiB, writeSetBytes: 1 * GiB }] });
    b.addJob({ name: 'Lab delta', mode: 'delta', schedule: { kind: 'every-hours', hours: 2, minute: 5 }, vmRefs: [vm], snapshotRetention: 1 });
    const first = b.startMs + 10 * MINUTE_MS;
    b.every(first, XAPI_FLAP_PERIOD_MS, () => {
      b.ctx.faults.xapiDown = true;
    });
    b.every(first + XAPI_DOWN_MS, XAPI_FLAP_PERIOD_MS, () => {
      b.ctx.faults.xapiDown = false;
    });
    return { expectations: ['faults.xapiDown is true from start + 10 min for 2 min, and again every 15 min.'] };
  },
};

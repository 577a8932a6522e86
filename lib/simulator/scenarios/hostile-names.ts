import type { ScenarioDefinition } from './scenario';
import { HOUR_MS } from './scenario';
import { GiB, KiB, MiB, TiB } from '../world/vhd-sizes';

/** Text that must reach every screen, CSV and log exactly as typed, and never run. */
export const HOSTILE_TEXTS = {
  script: '<script>alert(1)</script>',
  quotes: `O'Brien "the \`quoted\`" \\ backslash`,
  csvFormula: "=cmd|' /C calc'!A0",
  emoji: 'prod 🚀🔥 db 💾',
  rtl: 'invoice-\u202Egpj.exe',
  long: `very-long-${'x'.repeat(4096)}`,
  markup: '<img src=x onerror=alert(2)> & </td></tr> {{7*7}} ${7*7}',
  controls: 'tab\there, newline\nthere, nul\u0000end',
} as const;

/** Names and descriptions from a hostile or careless admin, on every kind of object. */
export const hostileNames: ScenarioDefinition = {
  description: 'SR, VM, VDI and job names full of HTML, quotes, CSV formulas, emoji, RTL marks and 4 KiB strings.',
  build(b) {
    const t = HOSTILE_TEXTS;
    const sr = b.addSr({ nameLabel: `SR ${t.script}`, nameDescription: t.markup, type: 'ext', host: b.host(0), physicalSizeBytes: 1 * TiB, coalesceBytesPerSec: 100 * MiB });
    const nfs = b.addSr({ nameLabel: `NFS ${t.quotes}`, nameDescription: t.long, type: 'nfs', physicalSizeBytes: 2 * TiB, coalesceBytesPerSec: 60 * MiB });
    const vms = [
      { nameLabel: t.script, nameDescription: t.controls, sr },
      { nameLabel: t.csvFormula, nameDescription: t.quotes, sr: nfs },
      { nameLabel: t.emoji, nameDescription: t.rtl, sr: nfs },
      { nameLabel: t.long, nameDescription: t.markup, sr },
      { nameLabel: t.rtl, nameDescription: t.csvFormula, sr },
    ].map(({ nameLabel, nameDescription, sr: target }, i) =>
      b.addVm({
        nameLabel,
        nameDescription,
        host: b.host(i % 2),
        disks: [
          {
            sr: target,
            nameLabel: `${nameLabel} disk`,
            nameDescription,
            virtualSizeBytes: 20 * GiB,
            leafBytes: 6 * GiB,
            writeBytesPerSec: 50 * KiB,
            writeSetBytes: 1 * GiB,
          },
        ],
      }),
    );
    const job = b.addJob({ name: `Nightly ${t.script} ${t.csvFormula}`, mode: 'delta', schedule: { kind: 'daily', hour: 3, minute: 30 }, vmRefs: vms, snapshotRetention: 1 });
    for (const vm of vms) b.seedJobSnapshot(job, vm, 3 * HOUR_MS);
    return { expectations: ['Every name and description reads back from XAPI, the scan, SMlog and the UI exactly as set, and nothing executes.'] };
  },
};

import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '.';
import { scenarioNames } from '../scenarios';
import { DAY_MS, TEST_START_MS } from './test-factory';
import { chainLength } from './vhd-tree';

/** What must hold at any instant, whatever the GC and the backups did. */
function violations(world: World): string[] {
  const out: string[] = [];
  const { srs, vdis } = world.context;
  const stale = new Set(world.scenarioInfo().filter((s) => s.name === 'stale-parent').flatMap((s) => s.srUuids));
  for (const sr of srs.values()) {
    const refs = new Set(world.record('SR', sr.ref)?.VDIs as string[]);
    for (const node of sr.vhds.values()) {
      const record = world.record('VDI', node.vdiRef);
      if (!record || !refs.has(node.vdiRef)) out.push(`${node.uuid}: no VDI record in its SR`);
      if (node.parentUuid !== null && !sr.vhds.has(node.parentUuid)) out.push(`${node.uuid}: parent ${node.parentUuid} missing`);
      if (node.dataBytes > node.virtualSizeBytes) out.push(`${node.uuid}: more data than its virtual size`);
      if (chainLength(sr, node.uuid) > 31) out.push(`${node.uuid}: chain over the SM limit`);
      if (record?.managed !== !node.hidden) out.push(`${node.uuid}: managed disagrees with hidden`);
      const xapiParent = (record?.sm_config as Record<string, string> | undefined)?.['vhd-parent'] ?? null;
      if (xapiParent !== node.parentUuid && !stale.has(sr.uuid)) out.push(`${node.uuid}: vhd-parent ${xapiParent}, scan ${node.parentUuid}`);
    }
    if (refs.size !== sr.vhds.size) out.push(`SR ${sr.uuid}: ${refs.size} VDI refs for ${sr.vhds.size} VHDs`);
  }
  for (const [ref, vbd] of world.allRecords('VBD')) {
    if (!vdis.has(String(vbd.VDI))) out.push(`VBD ${ref}: VDI ${String(vbd.VDI)} gone`);
    if (!world.record('VM', String(vbd.VM))) out.push(`VBD ${ref}: VM gone`);
  }
  for (const [ref, vm] of world.allRecords('VM')) {
    for (const snapshot of vm.snapshots as string[]) if (!world.record('VM', snapshot)) out.push(`VM ${ref}: snapshot ${snapshot} gone`);
  }
  return out;
}

describe('world invariants', () => {
  it.each([1, 2])('hold through three days of every scenario together (seed %i)', (seed) => {
    const world = createWorld({ scenarios: scenarioNames().filter((name) => name !== 'large'), seed, startMs: TEST_START_MS });
    for (let step = 0; step < 12; step++) {
      world.advance(DAY_MS / 4);
      expect(violations(world)).toEqual([]);
    }
    expect(world.backupRuns().length).toBeGreaterThan(100);
    expect(world.coalesceRuns().length).toBeGreaterThan(50);
  });
});

import { describe, expect, it } from 'vitest';
import { GiB, MiB, TiB, allocatedBytes } from './vhd-sizes';
import { HOUR_MS, MINUTE_MS, diskNode, settleStartup, smlogMessages, srOf, vmRefByName, worldWith } from './test-factory';
import { srUsedBytes } from './vdi-sync';
import type { World } from './world';

const SPEED = 50 * MiB;

/** A pool with one LVM SR coalescing at exactly 50 MiB/s and one VM on it. */
function gcWorld(vm: { running: boolean; writeBytesPerSec: number }): World {
  return worldWith((b) => {
    const sr = b.addSr({ nameLabel: 'gc-sr', type: 'lvm', host: b.host(0), physicalSizeBytes: 2 * TiB, coalesceBytesPerSec: SPEED, speedJitter: 0 });
    const app = b.addVm({
      nameLabel: 'app',
      running: vm.running,
      disks: [{ sr, virtualSizeBytes: 40 * GiB, leafBytes: 8 * GiB, writeBytesPerSec: vm.writeBytesPerSec, writeSetBytes: 30 * GiB }],
    });
    // A base copy whose only children are the two disks of a leftover snapshot: garbage once it goes.
    const orphan = b.addVhd(sr, { parentUuid: null, hidden: true, virtualSizeBytes: 10 * GiB, dataBytes: 3 * GiB });
    const leftovers = [0, 1].map(() => b.addVhd(sr, { parentUuid: orphan.uuid, hidden: false, virtualSizeBytes: 10 * GiB, dataBytes: 0, meta: { nameLabel: 'old clone' } }));
    b.addSnapshotVm(app, leftovers, 'leftover', {}, b.startMs - HOUR_MS);
  });
}

function snapshotRefsOf(world: World, vmRef: string): string[] {
  return world.record('VM', vmRef)?.snapshots as string[];
}

describe('SM garbage collector', () => {
  it('after a snapshot delete, removes garbage first, then coalesces the base copy in bytes / speed', () => {
    const world = gcWorld({ running: true, writeBytesPerSec: 1 * MiB });
    settleStartup(world);
    const sr = srOf(world, 'gc-sr');
    const app = vmRefByName(world, 'app');
    const [leftover] = snapshotRefsOf(world, app);
    const orphan = [...sr.vhds.values()].find((n) => n.hidden && n.parentUuid === null && n.virtualSizeBytes === 10 * GiB);
    const first = world.snapshotVm(app, { nameLabel: 'first', otherConfig: {} });
    world.advance(HOUR_MS);
    world.snapshotVm(app, { nameLabel: 'second', otherConfig: {} });
    const leaf = diskNode(world, app);
    const base = sr.vhds.get(leaf.parentUuid as string);
    const grandparent = base?.parentUuid;
    const usedBefore = world.record('SR', sr.ref)?.physical_utilisation as number;
    const sinceId = world.currentChangeId();

    if (!first.ok || !base || !orphan) throw new Error('setup failed');
    world.destroySnapshotVm(leftover);
    world.destroySnapshotVm(first.snapshotVmRef);
    world.advance(30 * MINUTE_MS);

    const messages = smlogMessages(world);
    const deleting = messages.findIndex((m) => m.startsWith(`Deleting unlinked VDI *${orphan.uuid.slice(0, 8)}`));
    const coalescing = messages.findIndex((m) => m.startsWith(`Coalescing *${base.uuid.slice(0, 8)}`));
    expect(deleting).toBeGreaterThan(0);
    expect(coalescing).toBeGreaterThan(deleting);
    expect(world.record('VDI', orphan.vdiRef)).toBeUndefined();
    expect(world.record('VDI', base.vdiRef)).toBeUndefined();

    const [run] = world.coalesceRuns().filter((r) => r.vdiUuid === base.uuid);
    expect(run.kind).toBe('coalesce');
    expect(run.bytes).toBe(allocatedBytes(base.dataBytes));
    expect(run.bytes).toBeGreaterThan(1 * GiB);
    expect(run.endMs - run.startMs).toBe(Math.round((run.bytes / SPEED) * 1000));
    expect(Number(world.speedLog(sr.uuid)?.trim())).toBeCloseTo(SPEED, -3);

    expect((world.record('VDI', leaf.vdiRef)?.sm_config as Record<string, string>)['vhd-parent']).toBe(grandparent);
    expect(world.record('SR', sr.ref)?.physical_utilisation as number).toBeLessThan(usedBefore);
    const tasks = world.changesSince(sinceId, ['task']).changes.filter((c) => c.snapshot?.name_label === 'Garbage Collection');
    expect(tasks.length).toBeGreaterThan(1);
    expect(tasks.every((c) => (c.snapshot?.other_config as Record<string, string>).applies_to === sr.ref)).toBe(true);
    expect(world.allRecords('task').size).toBe(0);
    expect(messages).toContain('GC active, about to go quiet');
    expect(messages.at(-2)).toBe('GC process exiting, no work left');
  });

  /** Kinds of coalesce SMGC runs to merge a halted VM's leaf of `leafBytes` once its only snapshot is deleted. */
  function leafCoalesceKinds(leafBytes: number, measuredBytesPerSec: number | null): string[] {
    const world = gcWorld({ running: false, writeBytesPerSec: 0 });
    settleStartup(world);
    const sr = srOf(world, 'gc-sr');
    const app = vmRefByName(world, 'app');
    const snapshot = world.snapshotVm(app, { nameLabel: 'manual', otherConfig: {} });
    if (!snapshot.ok) throw new Error(snapshot.reason);
    diskNode(world, app).dataBytes = leafBytes;
    sr.speedLog = measuredBytesPerSec === null ? null : [measuredBytesPerSec];
    const deletedAtMs = world.nowMs();
    world.destroySnapshotVm(snapshot.snapshotVmRef);
    world.advance(30 * MINUTE_MS);
    return world.coalesceRuns().filter((r) => r.startMs > deletedAtMs).map((r) => r.kind);
  }

  it('leaf-coalesces live only what merges in 5 s at the measured speed (20 MiB with no speed yet)', () => {
    expect(leafCoalesceKinds(16 * MiB, null)).toEqual(['live-leaf-coalesce']);
    expect(leafCoalesceKinds(64 * MiB, null)).toEqual(['snapshot-coalesce', 'live-leaf-coalesce']);
    expect(leafCoalesceKinds(200 * MiB, SPEED)).toEqual(['live-leaf-coalesce']);
    expect(leafCoalesceKinds(300 * MiB, SPEED)).toEqual(['snapshot-coalesce', 'live-leaf-coalesce']);
  });

  it('after a live leaf-coalesce the VDI keeps its ref and sits on the grandparent', () => {
    const world = gcWorld({ running: false, writeBytesPerSec: 0 });
    settleStartup(world);
    const app = vmRefByName(world, 'app');
    const leafRef = diskNode(world, app).vdiRef;
    const snapshot = world.snapshotVm(app, { nameLabel: 'manual', otherConfig: {} });
    if (!snapshot.ok) throw new Error(snapshot.reason);
    world.destroySnapshotVm(snapshot.snapshotVmRef);
    world.advance(30 * MINUTE_MS);
    const leaf = diskNode(world, app);
    expect(leaf.vdiRef).toBe(leafRef);
    expect(leaf.parentUuid).toBeNull();
    expect((world.record('VDI', leafRef)?.sm_config as Record<string, string>)['vhd-parent']).toBeUndefined();
    expect(smlogMessages(world).some((m) => m.startsWith('Removed leaf-coalesce from'))).toBe(true);
  });

  it('reports SM_GC_NO_SPACE and tags the VDI when the SR lacks room to coalesce', () => {
    const world = gcWorld({ running: true, writeBytesPerSec: 1 * MiB });
    settleStartup(world);
    const sr = srOf(world, 'gc-sr');
    const app = vmRefByName(world, 'app');
    const first = world.snapshotVm(app, { nameLabel: 'first', otherConfig: {} });
    world.advance(HOUR_MS);
    world.snapshotVm(app, { nameLabel: 'second', otherConfig: {} });
    const base = sr.vhds.get(diskNode(world, app).parentUuid as string);
    if (!first.ok || !base) throw new Error('setup failed');
    sr.physicalSizeBytes = srUsedBytes(sr, world.nowMs()) + 64 * MiB;
    world.destroySnapshotVm(first.snapshotVmRef);
    world.advance(30 * MINUTE_MS);

    expect(smlogMessages(world).some((m) => m.startsWith(`No space to coalesce *${base.uuid.slice(0, 8)}`))).toBe(true);
    const messages = [...world.allRecords('message').values()];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ name: 'SM_GC_NO_SPACE', cls: 'VDI', obj_uuid: base.uuid, priority: 3 });
    const [messageRef] = world.allRecords('message').keys();
    expect((world.record('VDI', base.vdiRef)?.sm_config as Record<string, string>).gc_no_space).toBe(messageRef);
    expect(world.coalesceRuns().filter((r) => r.vdiUuid === base.uuid)).toEqual([]);
  });
});

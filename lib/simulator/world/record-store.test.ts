import { describe, expect, it } from 'vitest';
import { RecordStore } from './record-store';

const vdi = (n: number) => ({ uuid: `u${n}`, name_label: `disk ${n}`, sm_config: { 'vhd-parent': 'p' }, VBDs: [] as string[] });

describe('RecordStore change log', () => {
  it('answers changes after a token, oldest first, filtered by class', () => {
    const store = new RecordStore(100);
    store.add('VDI', 'OpaqueRef:a', vdi(1));
    const token = store.currentChangeId();
    store.add('VM', 'OpaqueRef:vm', { uuid: 'vm' });
    store.patch('VDI', 'OpaqueRef:a', { name_label: 'renamed' });
    store.remove('VDI', 'OpaqueRef:a');
    const all = store.changesSince(token, []);
    expect(all.lost).toBe(false);
    expect(all.changes.map((c) => [c.class, c.operation])).toEqual([['VM', 'add'], ['VDI', 'mod'], ['VDI', 'del']]);
    expect(all.lastId).toBe(store.currentChangeId());
    const vdis = store.changesSince(token, ['VDI']);
    expect(vdis.changes.map((c) => c.operation)).toEqual(['mod', 'del']);
    expect(vdis.changes[0].snapshot?.name_label).toBe('renamed');
    expect(vdis.changes[1].snapshot).toBeNull();
    expect(store.changesSince(store.currentChangeId(), []).changes).toEqual([]);
  });

  it('keeps each change snapshot as it was, even after later changes', () => {
    const store = new RecordStore(100);
    store.add('VDI', 'OpaqueRef:a', vdi(1));
    store.patchMap('VDI', 'OpaqueRef:a', 'sm_config', { 'vhd-parent': 'q', paused: 'true' });
    store.patchMap('VDI', 'OpaqueRef:a', 'sm_config', { paused: null });
    store.addToSet('VDI', 'OpaqueRef:a', 'VBDs', 'OpaqueRef:vbd');
    const [added, paused, unpaused, plugged] = store.changesSince(0, []).changes.map((c) => c.snapshot);
    expect(added?.sm_config).toEqual({ 'vhd-parent': 'p' });
    expect(paused?.sm_config).toEqual({ 'vhd-parent': 'q', paused: 'true' });
    expect(unpaused?.sm_config).toEqual({ 'vhd-parent': 'q' });
    expect(plugged?.VBDs).toEqual(['OpaqueRef:vbd']);
    expect(added?.VBDs).toEqual([]);
  });

  it('says lost when the token is older than the kept window', () => {
    const store = new RecordStore(10);
    for (let n = 0; n < 40; n++) store.add('VDI', `OpaqueRef:${n}`, vdi(n));
    expect(store.changesSince(0, []).lost).toBe(true);
    expect(store.changesSince(0, []).changes).toEqual([]);
    const recent = store.changesSince(store.currentChangeId() - 10, []);
    expect(recent.lost).toBe(false);
    expect(recent.changes).toHaveLength(10);
  });

  it('injects a mod of the current record and tells listeners once per batch', () => {
    const store = new RecordStore(100);
    let calls = 0;
    const stop = store.onChange(() => calls++);
    store.add('SR', 'OpaqueRef:sr', { uuid: 'sr' });
    store.add('SR', 'OpaqueRef:sr2', { uuid: 'sr2' });
    store.flush();
    store.flush();
    expect(calls).toBe(1);
    const id = store.inject('SR', 'OpaqueRef:sr');
    expect(id).toBe(store.currentChangeId());
    expect(store.changesSince(id - 1, []).changes[0]).toMatchObject({ operation: 'mod', ref: 'OpaqueRef:sr' });
    stop();
    store.flush();
    expect(calls).toBe(1);
  });

  it('does not log while a world is being built', () => {
    const store = new RecordStore(100);
    store.setLogging(false);
    store.add('VDI', 'OpaqueRef:a', vdi(1));
    store.addToSet('VDI', 'OpaqueRef:a', 'VBDs', 'OpaqueRef:vbd');
    store.setLogging(true);
    expect(store.currentChangeId()).toBe(0);
    expect(store.get('VDI', 'OpaqueRef:a')?.VBDs).toEqual(['OpaqueRef:vbd']);
  });
});

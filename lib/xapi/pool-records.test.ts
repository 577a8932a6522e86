import { describe, expect, it } from 'vitest';
import { PoolRecords, emptyRecordMaps, taskSrRef, trimRecord } from './pool-records';

function records() {
  const maps = emptyRecordMaps();
  maps.pool.set('OpaqueRef:pool', { uuid: 'p', master: 'OpaqueRef:h1' });
  maps.host.set('OpaqueRef:h1', { uuid: 'h1', address: '127.0.0.1' });
  maps.SR.set('OpaqueRef:sr1', { uuid: 'sr1' });
  maps.SR.set('OpaqueRef:sr2', { uuid: 'sr2' });
  maps.VDI.set('OpaqueRef:v1', { uuid: 'v1', SR: 'OpaqueRef:sr1' });
  maps.VDI.set('OpaqueRef:v2', { uuid: 'v2', SR: 'OpaqueRef:sr2' });
  maps.VBD.set('OpaqueRef:b1', { VDI: 'OpaqueRef:v2', VM: 'OpaqueRef:vm1' });
  return new PoolRecords(maps);
}

describe('PoolRecords', () => {
  it('finds the master and indexes VDIs by SR', () => {
    const pool = records();
    expect(pool.master()).toEqual({ uuid: 'h1', address: '127.0.0.1' });
    expect([...pool.vdiRefsOf('OpaqueRef:sr1')]).toEqual(['OpaqueRef:v1']);
  });

  it('marks the SRs that VDI, VBD and SR events touch and keeps the index current', () => {
    const pool = records();
    const impact = pool.apply([
      { class: 'vdi', operation: 'add', ref: 'OpaqueRef:v3', snapshot: { uuid: 'v3', SR: 'OpaqueRef:sr1' } },
      { class: 'vbd', operation: 'del', ref: 'OpaqueRef:b1' },
      { class: 'vdi', operation: 'del', ref: 'OpaqueRef:v1' },
    ]);
    expect([...impact.srRefs].sort()).toEqual(['OpaqueRef:sr1', 'OpaqueRef:sr2']);
    expect(impact.events).toBe(3);
    expect([...pool.vdiRefsOf('OpaqueRef:sr1')]).toEqual(['OpaqueRef:v3']);
    expect(pool.maps.VBD.size).toBe(0);
  });

  it('ties GC tasks to their SR and flags host and VM changes', () => {
    const pool = records();
    const impact = pool.apply([
      {
        class: 'task',
        operation: 'add',
        ref: 'OpaqueRef:t',
        snapshot: { name_label: 'Garbage Collection', other_config: { applies_to: 'OpaqueRef:sr2' } },
      },
      { class: 'pool', operation: 'mod', ref: 'OpaqueRef:pool', snapshot: { uuid: 'p', master: 'OpaqueRef:h2' } },
      { class: 'vm', operation: 'mod', ref: 'OpaqueRef:vm1', snapshot: { uuid: 'vm1' } },
      { class: 'message', operation: 'add', ref: 'OpaqueRef:m', snapshot: {} },
    ]);
    expect([...impact.srRefs]).toEqual(['OpaqueRef:sr2']);
    expect(impact).toMatchObject({ hosts: true, vms: true, events: 3 });
    expect(pool.master()).toBeUndefined();
    expect(taskSrRef({ other_config: { applies_to: 'nope' } })).toBeNull();
  });
});

describe('trimRecord', () => {
  it('keeps the fields and map keys read, nothing else', () => {
    const vdi = trimRecord('VDI', {
      uuid: 'v',
      VBDs: ['OpaqueRef:b'],
      sm_config: { 'vhd-parent': 'p', 'vhd-blocks': 'eJzt', vdi_type: 'vhd' },
      other_config: { 'leaf-coalesce': 'false', 'content_id': 'x' },
    });
    expect(vdi).toEqual({ uuid: 'v', sm_config: { 'vhd-parent': 'p' }, other_config: { 'leaf-coalesce': 'false' } });
    const vm = trimRecord('VM', { uuid: 'm', other_config: { 'xo:backup:job': 'j', base_template_name: 't' }, VCPUs_max: 8 });
    expect(vm).toEqual({ uuid: 'm', other_config: { 'xo:backup:job': 'j' } });
    expect(trimRecord('SR', { sm_config: 'not a map' })).toEqual({ sm_config: 'not a map' });
    const sr = trimRecord('SR', {
      other_config: { gc: 'false', coalesce: 'true', 'leaf-coalesce': 'false', 'auto-scan': 'true' },
      sm_config: { gc_no_space: 'true', 'last-coalesce-error': 'x', allocation: 'thick' },
    });
    expect(sr).toEqual({
      other_config: { gc: 'false', coalesce: 'true', 'leaf-coalesce': 'false' },
      sm_config: { gc_no_space: 'true', 'last-coalesce-error': 'x' },
    });
    expect(trimRecord('task', { status: 'pending', other_config: { applies_to: 'OpaqueRef:s', other: 'y' } })).toEqual({
      status: 'pending',
      other_config: { applies_to: 'OpaqueRef:s' },
    });
  });

  it('keeps only own fields and keys, whatever their names', () => {
    const hostile = JSON.parse('{"uuid":"v","sm_config":{"__proto__":{"vhd-parent":"forged"}},"other_config":{"leaf-coalesce":"force"}}');
    expect(trimRecord('VDI', hostile)).toEqual({ uuid: 'v', sm_config: {}, other_config: { 'leaf-coalesce': 'force' } });
    const vm = trimRecord('VM', JSON.parse('{"other_config":{"xo:backup:__proto__":"j","__proto__":"x"}}'));
    expect(Object.keys(vm.other_config as object)).toEqual(['xo:backup:__proto__']);
    expect(Object.getPrototypeOf(vm.other_config)).toBe(Object.prototype);
  });
});

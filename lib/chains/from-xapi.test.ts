import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { type XapiVdiLike, reconcileWithScan, recordsFromXapi } from './from-xapi';
import { record } from './test-factory';

function vdi(uuid: string, overrides: Partial<XapiVdiLike> = {}): XapiVdiLike {
  return {
    uuid,
    name_label: `disk ${uuid}`,
    SR: 'OpaqueRef:sr1',
    type: 'user',
    managed: true,
    missing: false,
    is_a_snapshot: false,
    is_tools_iso: false,
    virtual_size: 21474836480,
    physical_utilisation: 1048576,
    sm_config: {},
    other_config: {},
    ...overrides,
  };
}

describe('recordsFromXapi', () => {
  it('reads the chain from sm_config vhd-parent and maps the fields', () => {
    const records = recordsFromXapi({
      vdis: {
        'OpaqueRef:base': vdi('base', { name_label: 'base copy', managed: false, sm_config: {} }),
        'OpaqueRef:leaf': vdi('leaf', {
          sm_config: { 'vhd-parent': 'base', 'vdi_type': 'vhd' },
          other_config: { 'leaf-coalesce': 'false' },
          virtual_size: '21474836480',
          physical_utilisation: '4096',
        }),
        'OpaqueRef:snap': vdi('snap', { is_a_snapshot: true, sm_config: { 'vhd-parent': 'base' } }),
      },
    });
    expect(records).toEqual([
      {
        id: 'base',
        name: 'base copy',
        parentId: null,
        hidden: true,
        managed: false,
        isSnapshot: false,
        sizeBytes: 1048576,
        virtualSizeBytes: 21474836480,
        srId: 'OpaqueRef:sr1',
      },
      {
        id: 'leaf',
        name: 'disk leaf',
        parentId: 'base',
        hidden: false,
        managed: true,
        isSnapshot: false,
        sizeBytes: 4096,
        virtualSizeBytes: 21474836480,
        srId: 'OpaqueRef:sr1',
        leafCoalesce: 'false',
      },
      expect.objectContaining({ id: 'snap', parentId: 'base', isSnapshot: true }),
    ]);
  });

  it('skips missing VDIs, tools ISOs and VDI types that are never VHDs', () => {
    const records = recordsFromXapi({
      vdis: {
        a: vdi('gone', { missing: true }),
        b: vdi('cbt', { type: 'cbt_metadata' }),
        c: vdi('ha', { type: 'ha_statefile' }),
        d: vdi('redo', { type: 'redo_log' }),
        e: vdi('tools', { is_tools_iso: true }),
        f: vdi('kept', { type: 'suspend' }),
      },
    });
    expect(records.map((r) => r.id)).toEqual(['kept']);
  });

  it('finds VMs through VBDs, without control domains or empty drives', () => {
    const records = recordsFromXapi({
      vdis: { 'OpaqueRef:d': vdi('d'), 'OpaqueRef:e': vdi('e') },
      vbds: {
        v1: { VM: 'OpaqueRef:vm2', VDI: 'OpaqueRef:d' },
        v2: { VM: 'OpaqueRef:vm1', VDI: 'OpaqueRef:d' },
        v3: { VM: 'OpaqueRef:dom0', VDI: 'OpaqueRef:d' },
        v4: { VM: 'OpaqueRef:vm1', VDI: 'OpaqueRef:NULL' },
        v5: { VM: 'OpaqueRef:vm1', VDI: 'OpaqueRef:d' },
        v6: { VM: 'OpaqueRef:dom0', VDI: 'OpaqueRef:e' },
      },
      vms: {
        'OpaqueRef:vm1': { uuid: 'vm-1', is_control_domain: false },
        'OpaqueRef:vm2': { uuid: 'vm-2', is_control_domain: false },
        'OpaqueRef:dom0': { uuid: 'dom0', is_control_domain: true },
      },
    });
    expect(records.find((r) => r.id === 'd')!.vmIds).toEqual(['vm-1', 'vm-2']);
    expect(records.find((r) => r.id === 'e')!.vmIds).toBeUndefined();
  });

  it('reads records given as Maps (a live pool) exactly as the same records given as objects (a dump)', () => {
    const vdis = { 'OpaqueRef:d': vdi('d', { sm_config: { 'vhd-parent': 'p' } }), 'OpaqueRef:p': vdi('p', { managed: false }) };
    const vbds = { v1: { VM: 'OpaqueRef:vm1', VDI: 'OpaqueRef:d' }, v2: { VM: 'OpaqueRef:dom0', VDI: 'OpaqueRef:p' } };
    const vms = { 'OpaqueRef:vm1': { uuid: 'vm-1' }, 'OpaqueRef:dom0': { uuid: 'dom0', is_control_domain: true } };
    const fromMaps = recordsFromXapi({ vdis: new Map(Object.entries(vdis)), vbds: new Map(Object.entries(vbds)), vms: new Map(Object.entries(vms)) });
    expect(fromMaps).toEqual(recordsFromXapi({ vdis, vbds, vms }));
    expect(fromMaps.find((r) => r.id === 'd')!.vmIds).toEqual(['vm-1']);
  });

  it('falls back to the VM ref when the VM record is not given', () => {
    const [r] = recordsFromXapi({ vdis: { d: vdi('d') }, vbds: { v: { VM: 'OpaqueRef:vm9', VDI: 'd' } } });
    expect(r.vmIds).toEqual(['OpaqueRef:vm9']);
  });

  it('reads unusable sizes as 0', () => {
    const [r] = recordsFromXapi({ vdis: { d: vdi('d', { physical_utilisation: 'n/a', virtual_size: -1 }) } });
    expect(r).toMatchObject({ sizeBytes: 0, virtualSizeBytes: 0 });
  });
});

describe('reconcileWithScan', () => {
  const xapi = [
    record('base', null, { hidden: true, srId: 'sr1' }),
    record('mid', 'base', { hidden: true, srId: 'sr1' }),
    record('leaf', 'stale', { srId: 'sr1' }),
    record('other', 'nowhere', { srId: 'sr2' }),
  ];
  const scan = [
    record('base', null, { hidden: true }),
    record('mid', 'base', { hidden: true }),
    record('leaf', 'mid'),
    record('lost', 'base', { hidden: true }),
  ];
  const reconciled = reconcileWithScan(xapi, scan);
  const byId = new Map(reconciled.map((r) => [r.id, r]));

  it('lets the scan win over a stale vhd-parent and says so', () => {
    expect(byId.get('leaf')).toMatchObject({ parentId: 'mid', parentUnconfirmed: true });
    expect(byId.get('leaf')!.parentNote).toMatch(/stale vhd-parent.*scan wins/);
  });

  it('leaves agreeing records confirmed', () => {
    expect(byId.get('mid')!.parentUnconfirmed).toBeUndefined();
    expect(byId.get('mid')!.parentId).toBe('base');
  });

  it('flags a vhd-parent naming no known VDI and never invents a chain', () => {
    expect(byId.get('other')).toMatchObject({ parentId: 'nowhere', parentUnconfirmed: true });
    expect(buildForest(reconciled).unknownParents).toEqual([{ childId: 'other', parentId: 'nowhere' }]);
  });

  it('adds VHDs only the scan knows, in the scanned SR', () => {
    expect(byId.get('lost')).toMatchObject({ parentId: 'base', srId: 'sr1' });
  });

  it('keeps XAPI managed while taking hidden from the VHD header', () => {
    const [r] = reconcileWithScan([record('x', null, { hidden: false, managed: true })], [record('x', null, { hidden: true })]);
    expect(r).toMatchObject({ hidden: true, managed: true });
  });

  it('carries an unconfirmed parent from the scan', () => {
    const scanned = record('x', 'p', { parentUnconfirmed: true, parentNote: 'not found in scan' });
    const [r] = reconcileWithScan([record('x', 'p')], [scanned]);
    expect(r).toMatchObject({ parentUnconfirmed: true, parentNote: 'not found in scan' });
  });

  it('only checks that parents exist when there is no scan', () => {
    const result = reconcileWithScan([record('a', null), record('b', 'a'), record('c', 'zz')], []);
    expect(result.map((r) => r.parentUnconfirmed ?? false)).toEqual([false, false, true]);
  });
});

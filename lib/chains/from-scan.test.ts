import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { idFromScanName, recordsFromScan } from './from-scan';
import { vhdNode } from './test-factory';

const A = '036594ed-6814-4afa-a063-c702d575316e';
const B = '0bf17661-b95f-4b5f-adf6-ef5b2ff0a039';
const C = '40df70e3-25b9-4875-a995-0f7497924afd';
const SR = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('idFromScanName', () => {
  it('takes the VDI uuid from LVM and file names', () => {
    expect(idFromScanName(`VHD-${A}`)).toBe(A);
    expect(idFromScanName(`${A}.vhd`)).toBe(A);
    expect(idFromScanName(`/var/run/sr-mount/${SR}/${A}.vhd`)).toBe(A);
    expect(idFromScanName(`VHD-${A.toUpperCase()}`)).toBe(A);
  });

  it('keeps a name without a whole uuid as is', () => {
    expect(idFromScanName('VHD-036594ed')).toBe('VHD-036594ed');
    expect(idFromScanName(`VHD-${A}-copy`)).toBe(`VHD-${A}-copy`);
  });
});

describe('recordsFromScan', () => {
  it('maps sizes, hidden flag and parent by uuid', () => {
    const [base, leaf] = recordsFromScan([
      vhdNode(`VHD-${A}`, { hidden: true, sizeBytes: 11580473344 }),
      vhdNode(`VHD-${B}`, { parentName: `VHD-${A}`, parentFrom: 'indent', sizeBytes: 8388608 }),
    ]);
    expect(base).toEqual({
      id: A,
      name: `VHD-${A}`,
      parentId: null,
      hidden: true,
      managed: false,
      isSnapshot: false,
      sizeBytes: 11580473344,
      virtualSizeBytes: 21474836480,
    });
    expect(leaf).toMatchObject({ id: B, parentId: A, hidden: false, managed: true, sizeBytes: 8388608 });
    expect(leaf.parentUnconfirmed).toBeUndefined();
  });

  it('keeps a VHD whose parent vhd-util did not find, as a root naming the missing parent', () => {
    // vhd-util -p prints `vhd=VHD-B ... parent=VHD-A (not found in scan)`: no line for A itself.
    const records = recordsFromScan([
      vhdNode(`VHD-${B}`, { hidden: true, parentName: `VHD-${A}`, parentFrom: 'field', notFoundInScan: true }),
      vhdNode(`VHD-${C}`, { parentName: `VHD-${B}`, parentFrom: 'indent', indentDepth: 1 }),
    ]);
    expect(records.map((r) => r.id)).toEqual([B, C]);
    expect(records[0]).toMatchObject({ id: B, parentId: A, hidden: true, parentUnconfirmed: true });
    expect(records[0].parentNote).toMatch(/not found in scan/);
    expect(records[1]).toMatchObject({ parentId: B });
    expect(records[1].parentUnconfirmed).toBeUndefined();
    const forest = buildForest(records);
    expect(forest.unknownParents).toEqual([{ childId: B, parentId: A }]);
    expect(forest.rootIds).toEqual([B]);
    expect(forest.nodes.get(C)).toMatchObject({ parentId: B, chainLength: 2 });
  });

  it('skips unreadable VHDs and says so on their children', () => {
    const records = recordsFromScan([
      vhdNode(`VHD-${A}`, { scanError: { code: -22, message: 'invalid footer' } }),
      vhdNode(`VHD-${C}`, { parentName: `VHD-${A}` }),
    ]);
    expect(records.map((r) => r.id)).toEqual([C]);
    expect(records[0].parentNote).toMatch(/scan error/);
  });

  it('reads missing numbers as 0 and a missing hidden flag as visible', () => {
    const [record] = recordsFromScan([vhdNode('odd-name', { hidden: null, sizeBytes: null, capacityBytes: null })]);
    expect(record).toMatchObject({ id: 'odd-name', hidden: false, sizeBytes: 0, virtualSizeBytes: 0 });
  });
});

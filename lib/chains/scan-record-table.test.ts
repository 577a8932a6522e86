import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScanTree, type ScanPrintNode } from '../vhd/scan-format';
import { parseScan } from '../vhd/scan-parser';
import { vhdNameForUuid } from '../vhd/vhd-name';
import { buildForest } from './forest';
import { recordsFromScan } from './from-scan';
import { forestFromScan, tableFromScan } from './scan-record-table';
import { summarizeForest } from './summary';
import type { Forest } from './types';

/** Everything a forest says, as plain data. */
function contents(forest: Forest) {
  const { columns } = forest;
  return {
    order: forest.order,
    records: forest.orderRecords,
    nodes: [...forest.nodes.entries()],
    parentAt: [...forest.parentAt],
    firstChildAt: [...forest.firstChildAt],
    depthAt: [...forest.depthAt],
    rootAt: [...forest.rootAt],
    heightAt: [...forest.heightAt],
    rootIds: forest.rootIds,
    leafIds: forest.leafIds,
    columns: Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, [...values]])),
    unknownParents: forest.unknownParents,
    cycles: forest.cycles,
    duplicateIds: forest.duplicateIds,
    summary: JSON.parse(JSON.stringify(summarizeForest(forest, { tolerance: 1, minPinningSnapshots: 1 }))),
  };
}

function expectSameForest(text: string): void {
  const scan = parseScan(text);
  expect(contents(forestFromScan(scan))).toEqual(contents(buildForest(recordsFromScan(scan.nodes))));
}

type ParentPick = { kind: 'none' } | { kind: 'earlier' | 'any'; pick: number } | { kind: 'missing' };

const specArb = fc.record({
  capacityBytes: fc.maxSafeNat(),
  sizeBytes: fc.nat({ max: 2 ** 40 }),
  hidden: fc.boolean(),
  parent: fc.oneof(
    { weight: 1, arbitrary: fc.constant<ParentPick>({ kind: 'none' }) },
    { weight: 1, arbitrary: fc.constant<ParentPick>({ kind: 'missing' }) },
    { weight: 6, arbitrary: fc.nat().map((pick): ParentPick => ({ kind: 'earlier', pick })) },
    { weight: 1, arbitrary: fc.nat().map((pick): ParentPick => ({ kind: 'any', pick })) },
  ),
});

/** VHDs named as vhd-util names them; parents earlier, anywhere (so cycles), none, or missing. */
const scanArb = fc
  .record({
    uuids: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 16 }),
    kind: fc.constantFrom<'lvm' | 'file'>('lvm', 'file'),
    specs: fc.array(specArb, { minLength: 16, maxLength: 16 }),
    missingUuid: fc.uuid(),
  })
  .filter(({ uuids, missingUuid }) => !uuids.includes(missingUuid))
  .map(({ uuids, kind, specs, missingUuid }): ScanPrintNode[] => {
    const names = uuids.map((uuid) => vhdNameForUuid(uuid, kind));
    return names.map((name, i) => {
      const { parent, ...fields } = specs[i];
      const parentName =
        parent.kind === 'none' || (parent.kind === 'earlier' && i === 0)
          ? null
          : parent.kind === 'missing'
            ? vhdNameForUuid(missingUuid, kind)
            : names[parent.kind === 'earlier' ? parent.pick % i : parent.pick % names.length];
      return { name, ...fields, parentName };
    });
  });

/** Plain `vhd-util scan` lines in the given order (any parent, cycles included, can be printed so). */
function flatLines(nodes: ScanPrintNode[]): string[] {
  return nodes.map(
    (n) => `vhd=${n.name} capacity=${n.capacityBytes} size=${n.sizeBytes} hidden=${n.hidden ? 1 : 0} parent=${n.parentName ?? 'none'}`,
  );
}

describe('forestFromScan', () => {
  it('reads a -p tree from the columns, as the records would give it', () => {
    fc.assert(
      fc.property(scanArb, (nodes) => {
        const treeable = nodes.map((n, i) => (nodes.findIndex((m) => m.name === n.parentName) >= i ? { ...n, parentName: null } : n));
        const text = formatScanTree(treeable);
        expect(tableFromScan(parseScan(text))).not.toBeNull();
        expectSameForest(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the records’ forest for flat output with cycles, forward parents, repeats and cut lines', () => {
    fc.assert(
      fc.property(scanArb, fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.nat({ max: 200 }), { maxLength: 16 }), (nodes, repeats, cuts) => {
        const lines = flatLines(nodes);
        for (const r of repeats) lines.push(lines[r % lines.length]);
        const cutLines = lines.map((line, i) => (i < cuts.length && cuts[i] > 20 ? line.slice(0, cuts[i]) : line));
        expectSameForest(cutLines.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves odd names to the records (capitals, directories, mixed kinds, scan errors) and still agrees', () => {
    const [a, b, c] = ['036594ed-6814-4afa-a063-c702d575316e', '0bf17661-b95f-4b5f-adf6-ef5b2ff0a039', '40df70e3-25b9-4875-a995-0f7497924afd'];
    const odd = [
      `vhd=VHD-${a} capacity=1 size=1 hidden=1 parent=none\nvhd=VHD-${b.toUpperCase()} capacity=1 size=1 hidden=0 parent=VHD-${a}`,
      `vhd=VHD-${a} capacity=1 size=1 hidden=1 parent=none\nvhd=${b}.vhd capacity=1 size=1 hidden=0 parent=VHD-${a}`,
      `vhd=/dev/VG/VHD-${a} capacity=1 size=1 hidden=1 parent=none\nvhd=/dev/VG/VHD-${b} capacity=1 size=1 hidden=0 parent=/dev/VG/VHD-${a}`,
      `vhd=VHD-${a} scan-error=-22 error-message='bad'\nvhd=VHD-${b} capacity=1 size=1 hidden=0 parent=VHD-${a}`,
      // A parent printed in capitals still names a VHD of this scan.
      `vhd=VHD-${a} capacity=1 size=1 hidden=1 parent=none\nvhd=VHD-${b} capacity=1 size=1 hidden=0 parent=VHD-${a.toUpperCase()}\nvhd=VHD-${c} capacity=1 size=1 hidden=0 parent=none`,
    ];
    for (const text of odd) {
      expect(tableFromScan(parseScan(text))).toBeNull();
      expectSameForest(text);
    }
  });

  it('finds VHDs by id and makes records only when asked', () => {
    const [a, b] = ['036594ed-6814-4afa-a063-c702d575316e', '0bf17661-b95f-4b5f-adf6-ef5b2ff0a039'];
    const text = `vhd=${a}.vhd capacity=10 size=4 hidden=1 parent=none\nvhd=${b}.vhd capacity=10 size=2 hidden=0 parent=${a}.vhd (not found in scan)`;
    const forest = forestFromScan(parseScan(text));
    expect(forest.positionOf(b)).toBe(1);
    expect(forest.positionOf(`${b}.vhd`)).toBe(-1);
    expect(forest.nodes.get(b)?.record).toMatchObject({ id: b, name: `${b}.vhd`, parentId: a, parentUnconfirmed: true });
  });
});

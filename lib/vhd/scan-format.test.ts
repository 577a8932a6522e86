import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printNode, snapshotChain, uuidFor } from '../../test/factories/vhd-scan';
import { formatScanFlat, formatScanTree, type ScanPrintNode } from './scan-format';
import { parseScan } from './scan-parser';

const FIXTURE = readFileSync(new URL('../../test/fixtures/forum-lvm-sr-tree.vhd-util-scan.txt', import.meta.url), 'utf8');
const FORUM_CUT_COLUMN = 145;

const lineOf = (node: ScanPrintNode, depth = 0): string =>
  `${' '.repeat(3 * depth)}vhd=${node.name} capacity=${node.capacityBytes} size=${node.sizeBytes} hidden=${node.hidden ? 1 : 0} parent=${node.parentName ?? 'none'}`;

function toPrintNodes(text: string): ScanPrintNode[] {
  return parseScan(text).nodes.map((node) => ({
    name: node.name,
    capacityBytes: node.capacityBytes ?? 0,
    sizeBytes: node.sizeBytes ?? 0,
    hidden: node.hidden ?? false,
    parentName: node.parentName,
  }));
}

describe('formatScanTree', () => {
  it('prints the fields in vhd-util order, 3 spaces per level, with a trailing newline', () => {
    const root = printNode(1, { hidden: true });
    const leaf = printNode(2, { parentName: root.name });
    expect(formatScanTree([leaf, root])).toBe(`${lineOf(root)}\n${lineOf(leaf, 1)}\n`);
  });

  it('prints nothing for no VHDs', () => {
    expect(formatScanTree([])).toBe('');
  });

  it('adds marker= and keyhash= before parent= with -M', () => {
    const keyhash = 'ab'.repeat(32);
    const out = formatScanTree([printNode(1, { marker: 1, keyhash }), printNode(2)], { markers: true });
    expect(out.split('\n')[0]).toMatch(new RegExp(` hidden=0 marker=1 keyhash=${keyhash} parent=none$`));
    expect(out.split('\n')[1]).toMatch(/ hidden=0 marker=0 keyhash= parent=none$/);
  });

  it('orders like vhd-util: hidden roots, other roots, and under each VHD non-hidden children first, each by name', () => {
    const hiddenRoot = printNode(9, { hidden: true });
    const plainRoot = printNode(1);
    const hiddenChild = printNode(2, { hidden: true, parentName: hiddenRoot.name });
    const leafB = printNode(8, { parentName: hiddenRoot.name });
    const leafA = printNode(7, { parentName: hiddenRoot.name });
    const out = formatScanTree([plainRoot, hiddenChild, leafB, hiddenRoot, leafA]);
    expect(out).toBe([lineOf(hiddenRoot), lineOf(leafA, 1), lineOf(leafB, 1), lineOf(hiddenChild, 1), lineOf(plainRoot)].join('\n') + '\n');
  });

  it('gives the same text whatever the input order', () => {
    const nodes = snapshotChain(6);
    const reversed = [...nodes].reverse();
    const interleaved = nodes.filter((_, i) => i % 2 === 0).concat(nodes.filter((_, i) => i % 2 === 1));
    expect(formatScanTree(reversed)).toBe(formatScanTree(nodes));
    expect(formatScanTree(interleaved)).toBe(formatScanTree(nodes));
  });

  it('reprints the forum fixture line for line, up to the forum cut', () => {
    const reprinted = formatScanTree(toPrintNodes(FIXTURE)).trimEnd().split('\n');
    expect(reprinted.map((line) => line.slice(0, FORUM_CUT_COLUMN))).toEqual(FIXTURE.trimEnd().split('\n'));
  });

  it('marks a parent missing from the scan, including one that failed to scan', () => {
    const orphan = printNode(1, { parentName: `VHD-${uuidFor(99)}` });
    const broken = printNode(2, { scanError: { code: -5, message: 'reading headers' } });
    const childOfBroken = printNode(3, { parentName: broken.name });
    const lines = formatScanTree([orphan, broken, childOfBroken]).trimEnd().split('\n');
    expect(lines).toEqual([
      `vhd=${broken.name} scan-error=-5 error-message='reading headers'`,
      `${lineOf(orphan)} (not found in scan)`,
      `${lineOf(childOfBroken)} (not found in scan)`,
    ]);
  });

  it('prints a repeated name once, the first one', () => {
    const first = printNode(1, { sizeBytes: 111 });
    const again = printNode(1, { sizeBytes: 222 });
    expect(formatScanTree([first, again])).toBe(`${lineOf(first)}\n`);
  });

  it('prints every VHD of a parent cycle once, and stops', () => {
    const a = printNode(1, { parentName: `VHD-${uuidFor(2)}` });
    const b = printNode(2, { parentName: a.name });
    const self = printNode(3, { parentName: `VHD-${uuidFor(3)}` });
    expect(formatScanTree([b, a, self])).toBe([lineOf(a), lineOf(b, 1), lineOf(self)].join('\n') + '\n');
  });

  it('prints a chain far deeper than the call stack allows', () => {
    const depth = 12_000;
    const nodes = Array.from({ length: depth }, (_, i) => printNode(i, { parentName: i === 0 ? null : `VHD-${uuidFor(i - 1)}` }));
    const lines = formatScanTree(nodes).trimEnd().split('\n');
    expect(lines).toHaveLength(depth);
    expect(lines[depth - 1].indexOf('vhd=')).toBe(3 * (depth - 1));
  });

  it('prints sizes as unsigned integers even when given junk', () => {
    const out = formatScanTree([printNode(1, { capacityBytes: -5, sizeBytes: 12.7 })]);
    expect(out).toContain(' capacity=0 size=12 ');
  });
});

describe('formatScanFlat', () => {
  it('prints one unindented line per VHD in the order given, without the -p suffix', () => {
    const root = printNode(5, { hidden: true });
    const orphan = printNode(1, { parentName: `VHD-${uuidFor(99)}` });
    const leaf = printNode(3, { parentName: root.name });
    const broken = printNode(4, { scanError: { code: -22, message: 'invalid footer' } });
    expect(formatScanFlat([leaf, broken, orphan, root])).toBe(
      [lineOf(leaf), `vhd=${broken.name} scan-error=-22 error-message='invalid footer'`, lineOf(orphan), lineOf(root)].join('\n') + '\n',
    );
  });
});

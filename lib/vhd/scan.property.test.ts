import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SR_UUID, scanName, type NameStyle } from '../../test/factories/vhd-scan';
import { formatScanTree, type ScanPrintNode } from './scan-format';
import { parseScan } from './scan-parser';
import type { ScanParseResult } from './types';

/** A forest: node i's parent is an earlier node (no cycles), none, or, if allowed, a VHD missing from the scan. */
function forestArb(opts: { orphans: boolean }): fc.Arbitrary<{ nodes: ScanPrintNode[]; markers: boolean }> {
  const style = fc.constantFrom<NameStyle>('lvm', 'file', 'lvm-path', 'file-path');
  const parentPick = fc.oneof(
    { weight: 1, arbitrary: fc.constant<'root' | 'orphan'>('root') },
    { weight: opts.orphans ? 1 : 0, arbitrary: fc.constant<'root' | 'orphan'>('orphan') },
    { weight: 6, arbitrary: fc.nat() },
  );
  const nodeArb = fc.record({
    capacityBytes: fc.maxSafeNat(),
    sizeBytes: fc.maxSafeNat(),
    hidden: fc.boolean(),
    parent: parentPick,
    marker: fc.option(fc.nat({ max: 255 }), { nil: undefined }),
  });
  return fc
    .record({
      // Shallow enough that a -v path name is never itself cut by the deepest indentation.
      uuids: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 12 }),
      style,
      markers: fc.boolean(),
      specs: fc.array(nodeArb, { minLength: 12, maxLength: 12 }),
      orphanUuid: fc.uuid(),
    })
    .filter(({ uuids, orphanUuid }) => !uuids.includes(orphanUuid))
    .map(({ uuids, style: nameStyle, markers, specs, orphanUuid }) => {
      const names = uuids.map((uuid) => scanName(uuid, nameStyle));
      const nodes = names.map((name, i): ScanPrintNode => {
        const { parent, ...fields } = specs[i];
        const parentName =
          parent === 'root' || i === 0 ? null : parent === 'orphan' ? scanName(orphanUuid, nameStyle) : names[parent % i];
        return { name, parentName, ...fields };
      });
      return { nodes, markers };
    });
}

const essentials = (nodes: { name: string; parentName: string | null; capacityBytes: number | null; sizeBytes: number | null; hidden: boolean | null }[]) =>
  nodes
    .map(({ name, parentName, capacityBytes, sizeBytes, hidden }) => ({ name, parentName, capacityBytes, sizeBytes, hidden }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));

function checkInvariants(text: string, result: ScanParseResult): void {
  const lineCount = text.split('\n').length;
  const inText = (line: number) => line >= 1 && line <= lineCount;
  expect({
    scanLinesFit: result.scanLines <= lineCount,
    nodesFit: result.nodes.length + result.malformedLines <= result.scanLines,
    truncatedFit: result.truncatedLines <= result.scanLines,
    diagnosticLinesInText: result.diagnostics.every((d) => inText(d.line)),
    nodeLinesInText: result.nodes.every((node) => inText(node.line)),
  }).toEqual({ scanLinesFit: true, nodesFit: true, truncatedFit: true, diagnosticLinesInText: true, nodeLinesInText: true });
}

/** Any UTF-16 text, lone surrogates included (fast-check's `binary` unit is slow to generate). */
const anyText = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 400 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 }).map((codes) => String.fromCharCode(...codes)),
);

const FRAGMENTS = [
  'vhd=', 'VHD-', '.vhd', ' capacity=', ' size=', ' hidden=', ' marker=', ' keyhash=', ' parent=', 'none',
  ' (not found in scan)', ' scan-error=', " error-message='", "'", '   ', '\t', '\n', '\r\n', '=', '-', '0', '1',
  '21474836480', '036594ed-6814-4afa-a063-c702d575316e', `/var/run/sr-mount/${SR_UUID}/`, '[10:22 rigel ~]# ', '\u00a0',
];

describe('parseScan on any input', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkInvariants(text, parseScan(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on text built from scan-line fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 120 }), (parts) => {
        const text = parts.join('');
        checkInvariants(text, parseScan(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('gets through inputs built to be slow for a backtracking reader', () => {
    const hostile = [
      'vhd='.repeat(200_000),
      `${' '.repeat(300_000)}vhd=x`,
      `vhd=x ${'capacity'.repeat(100_000)}`,
      `vhd=x parent=y ${'('.repeat(200_000)}`,
      `vhd=x error-message='${"'".repeat(200_000)}`,
      'xvhd='.repeat(200_000),
      `${'   vhd=a\n'.repeat(50_000)}`,
      // A real-sized scan: a reader that looks back over the text per line would never finish.
      `${`vhd=VHD-${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)} capacity=21474836480 size=8388608 hidden=1 parent=none\n`.repeat(100_000)}`,
    ];
    for (const text of hostile) checkInvariants(text, parseScan(text));
  });
});

describe('formatScanTree then parseScan', () => {
  it('gives back the same VHDs, parents, sizes and hidden flags', () => {
    fc.assert(
      fc.property(forestArb({ orphans: true }), fc.nat({ max: 8 }), fc.boolean(), ({ nodes, markers }, indent, crlf) => {
        const printed = formatScanTree(nodes, { markers });
        const pasted = printed
          .split('\n')
          .map((line) => (line === '' ? line : ' '.repeat(indent) + line))
          .join(crlf ? '\r\n' : '\n');
        const result = parseScan(pasted);
        expect(essentials(result.nodes)).toEqual(essentials(nodes));
        expect(result.truncatedLines + result.malformedLines).toBe(0);
        const missing = new Set(result.nodes.filter((n) => n.notFoundInScan).map((n) => n.name));
        expect(missing).toEqual(new Set(nodes.filter((n) => n.parentName !== null && !nodes.some((m) => m.name === n.parentName)).map((n) => n.name)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same with tabs or extra blanks between the fields', () => {
    fc.assert(
      fc.property(forestArb({ orphans: true }), fc.constantFrom('\t', '  ', ' \t'), ({ nodes, markers }, blank) => {
        const printed = formatScanTree(nodes, { markers });
        const respaced = printed.replace(/ (?=(capacity|size|hidden|marker|keyhash|parent)=)/g, blank);
        const strip = (result: ScanParseResult) => result.nodes.map(({ line: _line, ...node }) => node);
        expect(strip(parseScan(respaced))).toEqual(strip(parseScan(printed)));
      }),
      { numRuns: 200 },
    );
  });

  it('still gives back every parent when each line is cut anywhere after hidden=', () => {
    fc.assert(
      fc.property(forestArb({ orphans: false }), fc.infiniteStream(fc.nat({ max: 200 })), ({ nodes, markers }, extras) => {
        const printed = formatScanTree(nodes, { markers }).trimEnd().split('\n');
        const cut = printed.map((line) => line.slice(0, line.indexOf(' hidden=') + ' hidden=0'.length + extras.next().value)).join('\n');
        const result = parseScan(cut);
        expect(essentials(result.nodes)).toEqual(essentials(nodes));
        expect(result.malformedLines).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

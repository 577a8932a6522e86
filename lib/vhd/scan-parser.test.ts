import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROMPT, asPasted, cutLines, printNode, scanName, snapshotChain, uuidFor, type NameStyle } from '../../test/factories/vhd-scan';
import { formatScanFlat, formatScanTree } from './scan-format';
import { parseScan } from './scan-parser';
import type { ScanParseResult, VhdNode } from './types';

const fixturePath = (name: string) => new URL(`../../test/fixtures/${name}`, import.meta.url);
const FIXTURE = readFileSync(fixturePath('forum-lvm-sr-tree.vhd-util-scan.txt'), 'utf8');
const SMLOG = readFileSync(fixturePath('forum-smlog-excerpt.log'), 'utf8');
const FORUM_CUT_COLUMN = 145;
const ROOT = 'VHD-036594ed-6814-4afa-a063-c702d575316e';
const DEEPEST_LEAF = 'VHD-9ffc4f7c-c27a-4976-8c93-b1522822fab4';

const byName = (result: ScanParseResult) => new Map(result.nodes.map((node) => [node.name, node]));
const shape = (result: ScanParseResult) =>
  result.nodes.map(({ name, parentName, hidden, capacityBytes, sizeBytes }) => ({ name, parentName, hidden, capacityBytes, sizeBytes }));

function chainTo(nodes: Map<string, VhdNode>, leaf: string): string[] {
  const chain: string[] = [];
  for (let name: string | null = leaf; name !== null && chain.length <= nodes.size; name = nodes.get(name)?.parentName ?? null) chain.unshift(name);
  return chain;
}

describe('parseScan on the forum fixture', () => {
  const result = parseScan(FIXTURE);
  const nodes = byName(result);

  it('reads 31 VHDs, 15 hidden, 25 cut lines and nothing malformed', () => {
    expect(result.nodes).toHaveLength(31);
    expect(result.nodes.filter((node) => node.hidden)).toHaveLength(15);
    expect(result.truncatedLines).toBe(25);
    expect(result.diagnostics.filter((d) => d.kind === 'truncated')).toHaveLength(25);
    expect(result.malformedLines).toBe(0);
    expect(result.scanLines).toBe(31);
    expect(result.format).toBe('tree');
  });

  it('finds the 16-long chain from the root to the active leaf', () => {
    expect(nodes.get(ROOT)).toMatchObject({ parentName: null, parentFrom: 'none', indentDepth: 0, hidden: true });
    expect(nodes.get(DEEPEST_LEAF)).toMatchObject({ parentName: 'VHD-dedb2e9b-78e3-4067-92c9-42e3266c72cd', parentFrom: 'indent', sizeBytes: 21525168128 });
    const chain = chainTo(nodes, DEEPEST_LEAF);
    expect(chain).toHaveLength(16);
    expect(chain[0]).toBe(ROOT);
  });

  it('gives every VHD the parent its line names, whole or cut, one level up', () => {
    const lines = FIXTURE.split('\n');
    for (const node of result.nodes.filter((n) => n.parentName !== null)) {
      const printed = lines[node.line - 1].split('parent=')[1];
      const parent = nodes.get(node.parentName as string) as VhdNode;
      expect(parent.name.startsWith(printed)).toBe(true);
      expect(node.parentFrom).toBe(printed === parent.name ? 'field' : 'indent');
      expect(node.truncated).toBe(printed !== parent.name);
      expect(node.indentDepth).toBe((parent.indentDepth as number) + 1);
    }
  });

  it('reads each VHD uuid and sizes', () => {
    expect(result.nodes.every((node) => node.uuid !== null && node.name === `VHD-${node.uuid}`)).toBe(true);
    expect(result.nodes.every((node) => node.capacityBytes === 21474836480)).toBe(true);
  });

  it('reads the same tree when pasted with forum indentation, CRLF and a shell prompt', () => {
    const pasted = parseScan(asPasted(FIXTURE, { indent: '    ', crlf: true, prompt: PROMPT }));
    expect(shape(pasted)).toEqual(shape(result));
    expect(pasted.nodes.map((node) => node.line)).toEqual(result.nodes.map((node) => node.line + 1));
    expect(pasted.nodes.map((node) => node.indentDepth)).toEqual(result.nodes.map((node) => node.indentDepth));
    expect(pasted).toMatchObject({ truncatedLines: 25, malformedLines: 0, scanLines: 31 });
  });

  it('reads the same tree indented with a tab, or starting mid-line after the prompt text', () => {
    expect(shape(parseScan(asPasted(FIXTURE, { indent: '\t' })))).toEqual(shape(result));
    const afterProse = `Here is what I get:\n${PROMPT}\n${asPasted(FIXTURE, { indent: '  ' })}\n[10:23 rigel ~]#\n`;
    expect(shape(parseScan(afterProse))).toEqual(shape(result));
  });
});

describe('parseScan on constructed outputs', () => {
  // With -v paths (95 characters) a name itself is cut below depth 15: keep the tree shallower.
  it.each<[NameStyle, number]>([
    ['lvm', 25],
    ['file', 25],
    ['lvm-path', 14],
    ['file-path', 14],
  ])('recovers every parent of a %s tree %i deep cut at 145 columns', (style, depth) => {
    const nodes = snapshotChain(depth, style);
    const result = parseScan(cutLines(formatScanTree(nodes), FORUM_CUT_COLUMN));
    const parsed = byName(result);
    expect(result.nodes).toHaveLength(nodes.length);
    expect(result.malformedLines).toBe(0);
    expect(result.truncatedLines).toBeGreaterThan(0);
    for (const node of nodes) expect(parsed.get(node.name)?.parentName).toBe(node.parentName);
    expect(result.diagnostics.filter((d) => d.kind !== 'truncated')).toEqual([]);
  });

  it('reads plain (flat) output from the parent fields, with no depth', () => {
    const nodes = snapshotChain(3, 'file');
    const result = parseScan(formatScanFlat(nodes));
    expect(result.format).toBe('flat');
    expect(result.nodes.every((node) => node.indentDepth === null && !node.truncated)).toBe(true);
    expect(result.nodes.map((node) => [node.name, node.parentName, node.parentFrom])).toEqual(
      nodes.map((node) => [node.name, node.parentName, node.parentName === null ? 'none' : 'field']),
    );
  });

  it('reads -M markers and key hashes, an empty key hash as none', () => {
    const keyhash = 'c0ffee00'.repeat(8);
    const text = formatScanTree([printNode(1, { marker: 1, keyhash }), printNode(2)], { markers: true });
    const [keyed, plain] = parseScan(text).nodes;
    expect(keyed).toMatchObject({ marker: 1, keyhash, parentName: null, truncated: false });
    expect(plain).toMatchObject({ marker: 0, keyhash: null, truncated: false });
  });

  it('reads a scan error as a node with the error and a diagnostic', () => {
    const name = scanName(uuidFor(7), 'file-path');
    const result = parseScan(`vhd=${name} scan-error=-22 error-message='invalid footer: it's gone'\n`);
    expect(result.nodes[0]).toMatchObject({ name, uuid: uuidFor(7), scanError: { code: -22, message: "invalid footer: it's gone" }, hidden: null, truncated: false });
    expect(result.diagnostics).toEqual([{ line: 1, kind: 'scan-error', message: expect.stringContaining('-22') }]);
  });

  it('keeps what it can of a cut scan error', () => {
    const result = parseScan(`vhd=VHD-${uuidFor(7)} scan-error=-5 error-message='reading hea`);
    expect(result.nodes[0]).toMatchObject({ scanError: { code: -5, message: 'reading hea' }, truncated: true });
    expect(result.truncatedLines).toBe(1);
  });

  it('marks a parent vhd-util did not find, even with the suffix cut', () => {
    const orphan = printNode(1, { parentName: `VHD-${uuidFor(99)}` });
    const text = formatScanTree([orphan]);
    expect(text).toContain('(not found in scan)');
    const whole = parseScan(text);
    expect(whole.nodes[0]).toMatchObject({ parentName: orphan.parentName, parentFrom: 'field', notFoundInScan: true, truncated: false });
    expect(whole.diagnostics).toEqual([{ line: 1, kind: 'unknown-parent', message: expect.stringContaining('not found in scan') }]);
    const cut = parseScan(text.slice(0, text.indexOf('(not found') + 6));
    expect(cut.nodes[0]).toMatchObject({ parentName: orphan.parentName, notFoundInScan: true, truncated: true });
  });

  it('keeps whatever fields came before a cut, whichever field it falls in', () => {
    const line = formatScanFlat([printNode(1, { hidden: true, parentName: `VHD-${uuidFor(0)}` })]).trimEnd();
    const cutAfter = (text: string) => parseScan(line.slice(0, line.indexOf(text) + text.length)).nodes[0];
    expect(cutAfter('capacity=2147')).toMatchObject({ capacityBytes: null, sizeBytes: null, truncated: true });
    expect(cutAfter(' size=')).toMatchObject({ capacityBytes: 21474836480, sizeBytes: null, truncated: true });
    expect(cutAfter(' hid')).toMatchObject({ sizeBytes: 10485760, hidden: null, truncated: true });
    expect(cutAfter('hidden=1')).toMatchObject({ hidden: true, parentName: null, truncated: true });
    expect(cutAfter('VHD-5e0d')).toMatchObject({ name: 'VHD-5e0d', uuid: null, capacityBytes: null, truncated: true });
  });

  it('lets a whole parent field win over the indentation, and says so only when that parent is missing', () => {
    const [root, other, leaf] = [printNode(1, { hidden: true }), printNode(2), printNode(3)];
    const text = [
      `vhd=${root.name} capacity=1 size=1 hidden=1 parent=none`,
      `vhd=${other.name} capacity=1 size=1 hidden=0 parent=none`,
      `   vhd=${leaf.name} capacity=1 size=1 hidden=0 parent=${other.name}`,
      `   vhd=VHD-${uuidFor(4)} capacity=1 size=1 hidden=0 parent=VHD-${uuidFor(5)}`,
    ].join('\n');
    const result = parseScan(text);
    expect(result.nodes.map((node) => [node.parentName, node.parentFrom])).toEqual([
      [null, 'none'],
      [null, 'none'],
      [other.name, 'field'],
      [`VHD-${uuidFor(5)}`, 'field'],
    ]);
    expect(result.diagnostics).toEqual([{ line: 4, kind: 'unknown-parent', message: expect.stringContaining(uuidFor(5)) }]);
  });

  it('leaves a cut parent unknown when there is no indentation to recover it, and a cut none as a root', () => {
    const text = [`vhd=VHD-${uuidFor(1)} capacity=1 size=1 hidden=0 parent=VHD-5e0d00`, `vhd=VHD-${uuidFor(2)} capacity=1 size=1 hidden=1 parent=no`].join('\n');
    const result = parseScan(text);
    expect(result.nodes.map((node) => [node.parentName, node.truncated])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(result.diagnostics.filter((d) => d.kind === 'unknown-parent').map((d) => d.line)).toEqual([1]);
  });

  it('flags a cut parent that contradicts the indentation, and follows the indentation', () => {
    const [root, leaf] = [printNode(1, { hidden: true }), printNode(2)];
    const text = `vhd=${root.name} capacity=1 size=1 hidden=1 parent=none\n   vhd=${leaf.name} capacity=1 size=1 hidden=0 parent=VHD-ffff`;
    const result = parseScan(text);
    expect(result.nodes[1]).toMatchObject({ parentName: root.name, parentFrom: 'indent', truncated: true });
    expect(result.diagnostics.map((d) => d.kind)).toEqual(['truncated', 'unknown-parent']);
  });

  it('counts lines holding vhd= that make no sense as malformed, with their line numbers', () => {
    const text = [
      PROMPT,
      `[10:22 rigel ~]# vhd-util scan -p | grep vhd=`,
      `the line vhd=VHD-${uuidFor(1)} shows it`,
      `vhd=VHD-${uuidFor(2)} capacity=big size=1 hidden=0 parent=none`,
      `vhd=VHD-${uuidFor(3)} capacity=1 size=1 hidden=0 parent=none trailing words`,
      `vhd=VHD-${uuidFor(4)} capacity=1 size=1 hidden=0 parent=none`,
    ].join('\n');
    const result = parseScan(text);
    expect(result.malformedLines).toBe(4);
    expect(result.diagnostics.filter((d) => d.kind === 'malformed').map((d) => d.line)).toEqual([2, 3, 4, 5]);
    expect(result.nodes.map((node) => node.line)).toEqual([6]);
    expect(result.scanLines).toBe(5);
  });

  it('ignores SMlog, syslog and prompt lines without counting them', () => {
    const result = parseScan(`${SMLOG}\n${PROMPT}\n`);
    expect(result).toMatchObject({ nodes: [], diagnostics: [], scanLines: 0, malformedLines: 0, truncatedLines: 0, format: 'flat' });
  });

  it('keeps the first of a repeated name', () => {
    const node = printNode(1);
    const text = formatScanFlat([node, { ...node, sizeBytes: 1 }]);
    const result = parseScan(text);
    expect(result.nodes).toHaveLength(1);
    expect(result.nodes[0].sizeBytes).toBe(node.sizeBytes);
    expect(result.diagnostics).toEqual([{ line: 2, kind: 'duplicate', message: expect.stringContaining('line 1') }]);
  });

  it('keeps the tree across blank lines, and starts afresh after other text', () => {
    const nodes = snapshotChain(3);
    const lines = cutLines(formatScanTree(nodes), 120).trimEnd().split('\n');
    const withBlanks = lines.flatMap((line) => [line, '']).join('\n');
    expect(parseScan(withBlanks).nodes.map((node) => node.parentName)).toEqual(parseScan(lines.join('\n')).nodes.map((node) => node.parentName));
    const split = [...lines.slice(0, 3), 'some SMlog line', ...lines.slice(3)].join('\n');
    const orphaned = parseScan(split).nodes[3];
    expect(orphaned).toMatchObject({ parentName: null, truncated: true });
  });

  it('does not invent a parent for the children of a malformed line', () => {
    const [root, middle, leaf] = snapshotChain(1).concat(printNode(9));
    const text = [
      `vhd=${root.name} capacity=1 size=1 hidden=1 parent=none`,
      `   vhd=${middle.name} capacity=?? size=1 hidden=1 parent=${root.name}`,
      `      vhd=${leaf.name} capacity=1 size=1 hidden=0 parent=VHD-`,
    ].join('\n');
    expect(parseScan(text).nodes.map((node) => node.parentName)).toEqual([null, null]);
  });

  it('keeps the tree under a line whose parent line was removed from the paste', () => {
    const chain = [1, 2, 3, 4].map((seed) => printNode(seed, { hidden: seed < 4, parentName: seed === 1 ? null : `VHD-${uuidFor(seed - 1)}` }));
    const lines = cutLines(formatScanTree(chain), 100).trimEnd().split('\n');
    const result = byName(parseScan([lines[0], lines[2], lines[3]].join('\n')));
    expect(result.get(chain[2].name)).toMatchObject({ indentDepth: 2, parentName: null, truncated: true });
    expect(result.get(chain[3].name)).toMatchObject({ indentDepth: 3, parentName: chain[2].name, parentFrom: 'indent' });
  });

  it('reads capacities up to 2^64 and blank-separated fields', () => {
    const result = parseScan(`vhd=VHD-${uuidFor(1)}\tcapacity=18446744073709551615  size=0\thidden=0 parent=none\r\n`);
    expect(result.nodes[0]).toMatchObject({ capacityBytes: 2 ** 64 /* the printed 2^64 - 1, as a double */, sizeBytes: 0, hidden: false, truncated: false });
  });

  it('returns an empty result for empty or non-text input', () => {
    expect(parseScan('')).toMatchObject({ nodes: [], scanLines: 0 });
    expect(parseScan(undefined as unknown as string)).toMatchObject({ nodes: [], scanLines: 0 });
  });
});

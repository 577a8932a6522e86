/**
 * Reads `vhd-util scan` output (plain, `-p` tree, `-M`, `-v`) as people paste it: lines cut at the
 * right edge, forum indentation, CRLF, tabs, shell prompts and log lines around it. Never throws;
 * linear time: one pass finds the scan lines, one reads them.
 */
import type { ScanDiagnostic, ScanParseResult, VhdNode } from './types';
import { readScanLine, type ScanLineFields } from './scan-line';
import { isWholeVhdName, uuidFromName } from './vhd-name';

/** vhd-util -p indents each tree level by `depth * 3` spaces. */
const INDENT_STEP = 3;
const TAB_WIDTH = 8;
const HASHED_TAIL = 24;

function isBlankCode(code: number): boolean {
  return code === 32 || code === 9 || code === 160 || code === 11 || code === 12 || code === 13;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Next `vhd=` that starts a field (not the tail of a longer key such as `xvhd=`). */
function findVhdField(text: string, from: number): number {
  let at = text.indexOf('vhd=', from);
  while (at > 0 && isWordCode(text.charCodeAt(at - 1))) at = text.indexOf('vhd=', at + 1);
  return at;
}

/** Display column of `at`, tabs expanded as a terminal does. */
function columnOf(text: string, lineStart: number, at: number): number {
  let column = 0;
  for (let i = lineStart; i < at; i++) column = text.charCodeAt(i) === 9 ? column - (column % TAB_WIDTH) + TAB_WIDTH : column + 1;
  return column;
}

/**
 * Where the scan lines are. A block is a run of scan lines with only blank lines between them;
 * any other text (a prompt, a log line, prose) ends it. Forum indentation is the same for a whole
 * block, so depths are measured from the block's smallest indentation.
 */
interface ScanLineIndex {
  lineNos: number[];
  starts: number[];
  ends: number[];
  columns: number[];
  blocks: number[];
  blockMinColumns: number[];
}

function indexScanLines(text: string): ScanLineIndex {
  const index: ScanLineIndex = { lineNos: [], starts: [], ends: [], columns: [], blocks: [], blockMinColumns: [] };
  let nextField = findVhdField(text, 0);
  let inBlock = false;
  let lineNo = 0;
  for (let pos = 0; pos <= text.length; ) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline === -1 ? text.length : newline;
    lineNo++;
    let end = lineEnd;
    while (end > pos && isBlankCode(text.charCodeAt(end - 1))) end--;
    if (nextField !== -1 && nextField < end) {
      if (!inBlock) index.blockMinColumns.push(Number.POSITIVE_INFINITY);
      inBlock = true;
      const block = index.blockMinColumns.length - 1;
      const column = columnOf(text, pos, nextField);
      if (column < index.blockMinColumns[block]) index.blockMinColumns[block] = column;
      index.lineNos.push(lineNo);
      index.starts.push(nextField);
      index.ends.push(end);
      index.columns.push(column);
      index.blocks.push(block);
      nextField = findVhdField(text, lineEnd);
    } else if (end > pos) {
      inBlock = false;
    }
    pos = lineEnd + 1;
  }
  return index;
}

/** Nearest whole depth (a forum that ate or added a space still lands on the right level). */
function depthOf(relativeColumn: number): number {
  return Math.floor((relativeColumn + 1) / INDENT_STEP);
}

/** What the `parent=` field and the indentation say together about one line's parent. */
interface ParentVerdict {
  name: string | null;
  from: VhdNode['parentFrom'];
  /** The field was cut: the line is truncated even if every other field is whole. */
  cut: boolean;
  /** Why the parent could not be settled, for an `unknown-parent` diagnostic. */
  problem: string | null;
}

/**
 * The field wins when it holds a whole name; a cut value (a strict prefix of the indentation
 * parent, or not the shape of a whole name) gives way to the indentation, since vhd-util -p
 * prints each child one level under its parent.
 */
function settleParent(fields: ScanLineFields, indentParent: string | null, verdict: ParentVerdict): void {
  verdict.cut = false;
  verdict.problem = null;
  const value = fields.parent;
  if (value === 'none' || fields.isError) {
    verdict.name = null;
    verdict.from = 'none';
    return;
  }
  const valueIsWhole =
    value !== null &&
    (value === indentParent || !fields.parentAtEnd || (isWholeVhdName(value) && !(indentParent !== null && indentParent.startsWith(value))));
  if (valueIsWhole) {
    verdict.name = value;
    verdict.from = 'field';
    return;
  }
  verdict.cut = value !== null;
  if (indentParent !== null) {
    verdict.name = indentParent;
    verdict.from = 'indent';
    if (value !== null && !indentParent.startsWith(value)) {
      verdict.problem = `parent field cut to "${value}" does not match the indentation parent ${indentParent}; using the indentation`;
    }
    return;
  }
  verdict.name = null;
  verdict.from = 'none';
  if (value !== null && !'none'.startsWith(value)) {
    verdict.problem = `parent field cut to "${value}" and no indentation to recover it from: parent unknown`;
  }
}

/** FNV-1a over the last characters of a name: uuids differ most at their end. */
function hashOfName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = Math.max(0, name.length - HASHED_TAIL); i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Index of the first node of each name, by open addressing in a typed array: for 100,000 names a
 * Map costs more than the whole rest of the parse.
 */
class FirstNodeByName {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly nodes: VhdNode[],
    maxNames: number,
  ) {
    let size = 16;
    while (size < maxNames * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  private slotOf(name: string): number {
    let slot = hashOfName(name) & this.mask;
    while (this.slots[slot] !== -1 && this.nodes[this.slots[slot]].name !== name) slot = (slot + 1) & this.mask;
    return slot;
  }

  find(name: string): VhdNode | null {
    const index = this.slots[this.slotOf(name)];
    return index === -1 ? null : this.nodes[index];
  }

  /** Records `nodes[index]` unless its name is already known; returns the node that holds the name. */
  add(index: number): VhdNode {
    const slot = this.slotOf(this.nodes[index].name);
    if (this.slots[slot] === -1) this.slots[slot] = index;
    return this.nodes[this.slots[slot]];
  }
}

function mergeByLine(first: ScanDiagnostic[], second: ScanDiagnostic[]): ScanDiagnostic[] {
  if (second.length === 0) return first;
  const merged: ScanDiagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    if (j >= second.length || (i < first.length && first[i].line <= second[j].line)) merged.push(first[i++]);
    else merged.push(second[j++]);
  }
  return merged;
}

function toNode(fields: ScanLineFields, verdict: ParentVerdict, line: number, indentDepth: number | null, truncated: boolean): VhdNode {
  return {
    name: fields.name,
    uuid: uuidFromName(fields.name),
    capacityBytes: fields.capacityBytes,
    sizeBytes: fields.sizeBytes,
    hidden: fields.hidden,
    marker: fields.marker,
    keyhash: fields.keyhash,
    parentName: verdict.name,
    parentFrom: verdict.from,
    indentDepth,
    line,
    truncated,
    notFoundInScan: fields.notFoundInScan,
    scanError: fields.isError ? { code: fields.errorCode ?? 0, message: fields.errorMessage ?? '' } : null,
  };
}

/** A parent named by a whole field but absent from the scan cannot be placed: say so rather than guess. */
function missingParents(nodes: VhdNode[], byName: FirstNodeByName): ScanDiagnostic[] {
  const missing: ScanDiagnostic[] = [];
  for (const node of nodes) {
    if (node.parentFrom !== 'field' || node.parentName === null || byName.find(node.parentName) !== null) continue;
    const why = node.notFoundInScan ? 'vhd-util reports it not found in scan' : 'it is not in the scan';
    missing.push({ line: node.line, kind: 'unknown-parent', message: `parent ${node.parentName} of ${node.name} is unknown: ${why}` });
  }
  return missing;
}

/** Next position of `char` at or after `from`, or Infinity; `cursor` is the last answer (searches move forward only). */
function nextOf(text: string, char: string, from: number, cursor: number): number {
  if (cursor >= from) return cursor;
  const at = text.indexOf(char, from);
  return at === -1 ? Number.POSITIVE_INFINITY : at;
}

export function parseScan(text: string): ScanParseResult {
  const input = typeof text === 'string' ? text : '';
  const index = indexScanLines(input);
  const count = index.lineNos.length;
  let isTree = false;
  for (let i = 0; i < count && !isTree; i++) isTree = depthOf(index.columns[i] - index.blockMinColumns[index.blocks[i]]) > 0;

  const nodes: VhdNode[] = [];
  const byName = new FirstNodeByName(nodes, count);
  const diagnostics: ScanDiagnostic[] = [];
  const fields = {} as ScanLineFields;
  const verdict: ParentVerdict = { name: null, from: 'none', cut: false, problem: null };
  /** Name of the last line seen at each depth of the current block (holes after a malformed line). */
  const ancestors: (string | undefined)[] = [];
  let block = -1;
  let malformedLines = 0;
  let truncatedLines = 0;
  let nextTab = -1;
  let nextNoBreakSpace = -1;

  for (let i = 0; i < count; i++) {
    const line = index.lineNos[i];
    const depth = depthOf(index.columns[i] - index.blockMinColumns[index.blocks[i]]);
    if (index.blocks[i] !== block) {
      block = index.blocks[i];
      ancestors.length = 0;
    }
    const indentParent = depth > 0 ? (ancestors[depth - 1] ?? null) : null;
    if (ancestors.length > depth) ancestors.length = depth;
    const start = index.starts[i];
    const end = index.ends[i];
    nextTab = nextOf(input, '\t', start, nextTab);
    nextNoBreakSpace = nextOf(input, '\u00a0', start, nextNoBreakSpace);
    readScanLine(input, start, end, nextTab >= end && nextNoBreakSpace >= end, fields);
    if (fields.malformed !== null) {
      malformedLines++;
      diagnostics.push({ line, kind: 'malformed', message: fields.malformed });
      continue;
    }
    // vhd-util prints scan errors outside the tree, so they are nobody's indentation parent.
    if (!fields.isError) ancestors[depth] = fields.name;
    settleParent(fields, indentParent, verdict);
    const truncated = fields.cut || verdict.cut;
    if (truncated) {
      truncatedLines++;
      const recovery = verdict.from === 'indent' ? 'parent taken from the indentation' : 'fields after the cut are unknown';
      diagnostics.push({ line, kind: 'truncated', message: `line cut at the right edge: ${recovery}` });
    }
    if (verdict.problem !== null) diagnostics.push({ line, kind: 'unknown-parent', message: verdict.problem });
    const node = toNode(fields, verdict, line, isTree ? depth : null, truncated);
    nodes.push(node);
    const first = byName.add(nodes.length - 1);
    if (first !== node) {
      nodes.pop();
      diagnostics.push({ line, kind: 'duplicate', message: `${node.name} already appeared on line ${first.line}; the first one is kept` });
    } else if (node.scanError !== null) {
      diagnostics.push({ line, kind: 'scan-error', message: `vhd-util could not scan ${node.name}: error ${node.scanError.code} (${node.scanError.message})` });
    }
  }

  return {
    nodes,
    diagnostics: mergeByLine(diagnostics, missingParents(nodes, byName)),
    format: isTree ? 'tree' : 'flat',
    scanLines: count,
    malformedLines,
    truncatedLines,
  };
}

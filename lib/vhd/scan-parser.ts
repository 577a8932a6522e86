/**
 * Reads `vhd-util scan` output (plain, `-p` tree, `-M`, `-v`) as people paste it: lines cut at the
 * right edge, forum indentation, CRLF, tabs, shell prompts and log lines around it. Never throws;
 * linear time: one pass finds the scan lines (scan-lines.ts), one reads them (scan-line.ts) into
 * columns (scan-table.ts), names left in the text.
 */
import type { ScanDiagnostic, ScanParseResult, VhdNode } from './types';
import { sameRange } from './name-index';
import { readScanLine, type ScanLineFields } from './scan-line';
import { findScanLines, type ScanLines } from './scan-lines';
import { NOT_FOUND_IN_SCAN, PARENT_FIELD, PARENT_INDENT, PARENT_NONE, ScanTable, TRUNCATED } from './scan-table';
import { isWholeVhdName } from './vhd-name';

/** Text quoted in a diagnostic, kept short: a pasted "name" can be a whole paragraph. */
function excerpt(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}

/** What the `parent=` field and the indentation say together about one line's parent. */
interface ParentVerdict {
  kind: number;
  /** Where the parent's name is printed, and its row when known from the indentation. */
  from: number;
  to: number;
  row: number;
  /** The field was cut: the line is truncated even if every other field is whole. */
  cut: boolean;
  /** Why the parent could not be settled, for an `unknown-parent` diagnostic. */
  problem: string | null;
}

/** `text.slice(from, to)` is a prefix of the name at `[nameFrom, nameTo)`. */
function isPrefixOf(text: string, from: number, to: number, nameFrom: number, nameTo: number): boolean {
  return to - from <= nameTo - nameFrom && sameRange(text, from, to, text, nameFrom, nameFrom + (to - from));
}

/**
 * The field wins when it holds a whole name; a cut value (a strict prefix of the indentation
 * parent, or not the shape of a whole name) gives way to the indentation, since vhd-util -p
 * prints each child one level under its parent. `indentRow` is the indentation parent's row, or -1.
 */
function settleParent(table: ScanTable, fields: ScanLineFields, indentRow: number, verdict: ParentVerdict): void {
  const text = table.text;
  verdict.cut = false;
  verdict.problem = null;
  verdict.row = -1;
  const { hasParent, parentFrom: from, parentTo: to } = fields;
  if (fields.isError || (hasParent && to - from === 4 && text.startsWith('none', from))) {
    verdict.kind = PARENT_NONE;
    return;
  }
  const indentFrom = indentRow === -1 ? 0 : table.nameFrom[indentRow];
  const indentTo = indentRow === -1 ? 0 : table.nameTo[indentRow];
  verdict.from = from;
  verdict.to = to;
  // Compared where it sits in the text: most lines name their indentation parent or `none`.
  if (hasParent && indentRow !== -1 && sameRange(text, from, to, text, indentFrom, indentTo)) {
    verdict.kind = PARENT_FIELD;
    verdict.row = indentRow;
    return;
  }
  const valueIsWhole =
    hasParent && (!fields.parentAtEnd || (isWholeVhdName(text, from, to) && !(indentRow !== -1 && isPrefixOf(text, from, to, indentFrom, indentTo))));
  if (valueIsWhole) {
    verdict.kind = PARENT_FIELD;
    return;
  }
  verdict.cut = hasParent;
  if (indentRow !== -1) {
    verdict.kind = PARENT_INDENT;
    verdict.from = indentFrom;
    verdict.to = indentTo;
    verdict.row = indentRow;
    if (hasParent && !isPrefixOf(text, from, to, indentFrom, indentTo)) {
      verdict.problem = `parent field cut to "${excerpt(text.slice(from, to))}" does not match the indentation parent ${excerpt(table.nameAt(indentRow))}; using the indentation`;
    }
    return;
  }
  verdict.kind = PARENT_NONE;
  const value = hasParent ? text.slice(from, to) : null;
  if (value !== null && !'none'.startsWith(value)) {
    verdict.problem = `parent field cut to "${excerpt(value)}" and no indentation to recover it from: parent unknown`;
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

/** Stores one read line as row `table.count` (not yet counted). */
function storeRow(table: ScanTable, fields: ScanLineFields, verdict: ParentVerdict, line: number, depth: number, truncated: boolean): void {
  const row = table.count;
  table.lineNo[row] = line;
  table.nameFrom[row] = fields.nameFrom;
  table.nameTo[row] = fields.nameTo;
  table.parentKind[row] = verdict.kind;
  table.parentFrom[row] = verdict.from;
  table.parentTo[row] = verdict.to;
  table.parentRow[row] = verdict.row;
  table.indentDepth[row] = depth;
  table.capacityBytes[row] = fields.capacityBytes ?? Number.NaN;
  table.sizeBytes[row] = fields.sizeBytes ?? Number.NaN;
  table.hidden[row] = fields.hidden === null ? -1 : fields.hidden ? 1 : 0;
  table.flags[row] = (truncated ? TRUNCATED : 0) | (fields.notFoundInScan ? NOT_FOUND_IN_SCAN : 0);
  if (fields.marker !== null) table.marker.set(row, fields.marker);
  if (fields.keyhash !== null) table.keyhash.set(row, fields.keyhash);
  if (fields.isError) table.scanError.set(row, { code: fields.errorCode ?? 0, message: fields.errorMessage ?? '' });
}

/**
 * Rows whose parent a whole field names, other than the indentation parent: found by name once
 * every line is read (it may come later); one absent from the scan cannot be placed, so it is
 * reported rather than guessed.
 */
function placeNamedParents(table: ScanTable, rows: Int32Array, count: number): ScanDiagnostic[] {
  const missing: ScanDiagnostic[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows[i];
    const parent = table.byName.find(table.parentFrom[row], table.parentTo[row]);
    if (parent !== -1) {
      table.parentRow[row] = parent;
      continue;
    }
    const why = (table.flags[row] & NOT_FOUND_IN_SCAN) !== 0 ? 'vhd-util reports it not found in scan' : 'it is not in the scan';
    const name = table.nameAt(row);
    missing.push({ line: table.lineNo[row], kind: 'unknown-parent', message: `parent ${excerpt(table.parentNameAt(row)!)} of ${excerpt(name)} is unknown: ${why}` });
  }
  return missing;
}

/** What reading the lines found besides the rows. */
interface LinesRead {
  diagnostics: ScanDiagnostic[];
  /** Rows whose parent a whole field names, other than the indentation parent (`placeNamedParents`). */
  namedParentRows: Int32Array;
  namedParents: number;
  malformedLines: number;
  truncatedLines: number;
}

/** Reads every scan line into the table (one loop: see forest.ts on why it stands alone). */
function readLines(lines: ScanLines, table: ScanTable): LinesRead {
  const input = table.text;
  const count = lines.count;
  const namedParentRows = new Int32Array(count);
  let namedParents = 0;
  const diagnostics: ScanDiagnostic[] = [];
  const fields = {} as ScanLineFields;
  const verdict: ParentVerdict = { kind: PARENT_NONE, from: 0, to: 0, row: -1, cut: false, problem: null };
  /** Row of the last line seen at each depth of the current block (-1: unknown); entries from `validDepths` on are stale. */
  const ancestors: number[] = [];
  let validDepths = 0;
  let malformedLines = 0;
  let truncatedLines = 0;

  for (let i = 0; i < count; i++) {
    const line = lines.lineNos[i];
    const depth = lines.depths[i];
    if (lines.opensBlock[i] === 1) validDepths = 0;
    const indentRow = depth > 0 && depth <= validDepths ? ancestors[depth - 1] : -1;
    // Deeper entries belong to an earlier subtree; a malformed line leaves its own depth unknown.
    if (validDepths > depth) validDepths = depth;
    readScanLine(input, lines.starts[i], lines.ends[i], lines.spacesOnly[i] === 1, fields);
    if (fields.malformed !== null) {
      malformedLines++;
      diagnostics.push({ line, kind: 'malformed', message: fields.malformed });
      continue;
    }
    settleParent(table, fields, indentRow, verdict);
    const truncated = fields.cut || verdict.cut;
    if (truncated) {
      truncatedLines++;
      const recovery = verdict.kind === PARENT_INDENT ? 'parent taken from the indentation' : 'fields after the cut are unknown';
      diagnostics.push({ line, kind: 'truncated', message: `line cut at the right edge: ${recovery}` });
    }
    if (verdict.problem !== null) diagnostics.push({ line, kind: 'unknown-parent', message: verdict.problem });
    const row = table.count;
    const first = table.byName.add(fields.nameFrom, fields.nameTo, row);
    // vhd-util prints scan errors outside the tree, so they are nobody's indentation parent.
    if (!fields.isError) {
      // A line deeper than its predecessor allows (lines removed from the paste): the levels between are unknown.
      while (validDepths < depth) ancestors[validDepths++] = -1;
      ancestors[depth] = first;
      validDepths = depth + 1;
    }
    if (first !== row) {
      diagnostics.push({ line, kind: 'duplicate', message: `${excerpt(table.nameAt(first))} already appeared on line ${table.lineNo[first]}; the first one is kept` });
      continue;
    }
    storeRow(table, fields, verdict, line, depth, truncated);
    table.count++;
    if (fields.isError) {
      const { code, message } = table.scanError.get(row)!;
      diagnostics.push({ line, kind: 'scan-error', message: `vhd-util could not scan ${excerpt(table.nameAt(row))}: error ${code} (${excerpt(message)})` });
    }
    if (verdict.kind === PARENT_FIELD && verdict.row === -1) namedParentRows[namedParents++] = row;
  }
  return { diagnostics, namedParentRows, namedParents, malformedLines, truncatedLines };
}

export function parseScan(text: string): ScanParseResult {
  const input = typeof text === 'string' ? text : '';
  const lines = findScanLines(input);
  const table = new ScanTable(input, lines.count);
  table.isTree = lines.isTree;
  const read = readLines(lines, table);
  let nodes: VhdNode[] | null = null;
  return {
    table,
    get nodes() {
      nodes ??= table.nodes();
      return nodes;
    },
    diagnostics: mergeByLine(read.diagnostics, placeNamedParents(table, read.namedParentRows, read.namedParents)),
    format: lines.isTree ? 'tree' : 'flat',
    scanLines: lines.count,
    malformedLines: read.malformedLines,
    truncatedLines: read.truncatedLines,
  };
}

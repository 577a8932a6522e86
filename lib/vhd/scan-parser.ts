/**
 * Reads `vhd-util scan` output (plain, `-p` tree, `-M`, `-v`) as people paste it: lines cut at the
 * right edge, forum indentation, CRLF, tabs, shell prompts and log lines around it. Never throws;
 * linear time: one pass finds the scan lines (scan-lines.ts), one reads them (scan-line.ts).
 */
import type { ScanDiagnostic, ScanParseResult, VhdNode } from './types';
import { FirstByName } from './name-index';
import { readScanLine, type ScanLineFields } from './scan-line';
import { findScanLines } from './scan-lines';
import { isWholeVhdName, uuidFromName } from './vhd-name';

/** Text quoted in a diagnostic, kept short: a pasted "name" can be a whole paragraph. */
function excerpt(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}

/** What the `parent=` field and the indentation say together about one line's parent. */
interface ParentVerdict {
  name: string | null;
  from: VhdNode['parentFrom'];
  /** The field was cut: the line is truncated even if every other field is whole. */
  cut: boolean;
  /** The parent is the indentation parent, so it is known to be in the scan. */
  isIndentParent: boolean;
  /** Why the parent could not be settled, for an `unknown-parent` diagnostic. */
  problem: string | null;
}

/**
 * The field wins when it holds a whole name; a cut value (a strict prefix of the indentation
 * parent, or not the shape of a whole name) gives way to the indentation, since vhd-util -p
 * prints each child one level under its parent.
 */
function settleParent(text: string, fields: ScanLineFields, indentParent: string | null, verdict: ParentVerdict): void {
  verdict.cut = false;
  verdict.problem = null;
  verdict.isIndentParent = false;
  // Compared where it sits in the text: most lines name their indentation parent or `none`.
  const { hasParent, parentFrom: from, parentTo: to } = fields;
  if (fields.isError || (hasParent && to - from === 4 && text.startsWith('none', from))) {
    verdict.name = null;
    verdict.from = 'none';
    return;
  }
  if (hasParent && indentParent !== null && to - from === indentParent.length && text.startsWith(indentParent, from)) {
    // The parent's own name string, not a copy: one less string kept per node.
    verdict.name = indentParent;
    verdict.from = 'field';
    verdict.isIndentParent = true;
    return;
  }
  const value = hasParent ? text.slice(from, to) : null;
  const valueIsWhole =
    value !== null &&
    (!fields.parentAtEnd || (isWholeVhdName(text, fields.parentFrom, fields.parentTo) && !(indentParent !== null && indentParent.startsWith(value))));
  if (valueIsWhole) {
    verdict.name = value;
    verdict.from = 'field';
    return;
  }
  verdict.cut = value !== null;
  if (indentParent !== null) {
    verdict.name = indentParent;
    verdict.from = 'indent';
    verdict.isIndentParent = true;
    if (value !== null && !indentParent.startsWith(value)) {
      verdict.problem = `parent field cut to "${excerpt(value)}" does not match the indentation parent ${excerpt(indentParent)}; using the indentation`;
    }
    return;
  }
  verdict.name = null;
  verdict.from = 'none';
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

function toNode(text: string, fields: ScanLineFields, verdict: ParentVerdict, line: number, indentDepth: number | null, truncated: boolean): VhdNode {
  return {
    name: fields.name,
    uuid: uuidFromName(text, fields.nameFrom, fields.nameTo),
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

/**
 * Parents named by a whole field that differs from the indentation parent (which is known to be
 * in the scan), as node index and where the name sits in the text.
 */
interface ParentsToCheck {
  count: number;
  nodeIndexes: Int32Array;
  froms: Int32Array;
  tos: Int32Array;
}

/** A parent named by a field but absent from the scan cannot be placed: say so rather than guess. */
function missingParents(nodes: VhdNode[], byName: FirstByName, toCheck: ParentsToCheck): ScanDiagnostic[] {
  const missing: ScanDiagnostic[] = [];
  for (let i = 0; i < toCheck.count; i++) {
    const node = nodes[toCheck.nodeIndexes[i]];
    if (node.parentName === null || byName.find(node.parentName, toCheck.froms[i], toCheck.tos[i]) !== -1) continue;
    const why = node.notFoundInScan ? 'vhd-util reports it not found in scan' : 'it is not in the scan';
    missing.push({ line: node.line, kind: 'unknown-parent', message: `parent ${excerpt(node.parentName)} of ${excerpt(node.name)} is unknown: ${why}` });
  }
  return missing;
}

export function parseScan(text: string): ScanParseResult {
  const input = typeof text === 'string' ? text : '';
  const lines = findScanLines(input);
  const count = lines.count;
  const isTree = lines.isTree;

  const nodes: VhdNode[] = [];
  const byName = new FirstByName(input, count);
  const toCheck: ParentsToCheck = { count: 0, nodeIndexes: new Int32Array(count), froms: new Int32Array(count), tos: new Int32Array(count) };
  const diagnostics: ScanDiagnostic[] = [];
  const fields = {} as ScanLineFields;
  const verdict: ParentVerdict = { name: null, from: 'none', cut: false, isIndentParent: false, problem: null };
  /** Name of the last line seen at each depth of the current block; entries from `validDepths` on are stale. */
  const ancestors: (string | null)[] = [];
  let validDepths = 0;
  let malformedLines = 0;
  let truncatedLines = 0;

  for (let i = 0; i < count; i++) {
    const line = lines.lineNos[i];
    const depth = lines.depths[i];
    if (lines.opensBlock[i] === 1) validDepths = 0;
    const indentParent = depth > 0 && depth <= validDepths ? ancestors[depth - 1] : null;
    // Deeper entries belong to an earlier subtree; a malformed line leaves its own depth unknown.
    if (validDepths > depth) validDepths = depth;
    const start = lines.starts[i];
    const end = lines.ends[i];
    readScanLine(input, start, end, lines.spacesOnly[i] === 1, fields);
    if (fields.malformed !== null) {
      malformedLines++;
      diagnostics.push({ line, kind: 'malformed', message: fields.malformed });
      continue;
    }
    // vhd-util prints scan errors outside the tree, so they are nobody's indentation parent.
    if (!fields.isError) {
      // A line deeper than its predecessor allows (lines removed from the paste): the levels between are unknown.
      while (validDepths < depth) ancestors[validDepths++] = null;
      ancestors[depth] = fields.name;
      validDepths = depth + 1;
    }
    settleParent(input, fields, indentParent, verdict);
    const truncated = fields.cut || verdict.cut;
    if (truncated) {
      truncatedLines++;
      const recovery = verdict.from === 'indent' ? 'parent taken from the indentation' : 'fields after the cut are unknown';
      diagnostics.push({ line, kind: 'truncated', message: `line cut at the right edge: ${recovery}` });
    }
    if (verdict.problem !== null) diagnostics.push({ line, kind: 'unknown-parent', message: verdict.problem });
    const node = toNode(input, fields, verdict, line, isTree ? depth : null, truncated);
    nodes.push(node);
    const first = byName.add(node.name, fields.nameFrom, fields.nameTo, nodes.length - 1);
    if (first !== nodes.length - 1) {
      nodes.pop();
      diagnostics.push({ line, kind: 'duplicate', message: `${excerpt(node.name)} already appeared on line ${nodes[first].line}; the first one is kept` });
      continue;
    }
    if (node.scanError !== null) {
      const { code, message } = node.scanError;
      diagnostics.push({ line, kind: 'scan-error', message: `vhd-util could not scan ${excerpt(node.name)}: error ${code} (${excerpt(message)})` });
    }
    if (verdict.from === 'field' && !verdict.isIndentParent) {
      toCheck.nodeIndexes[toCheck.count] = nodes.length - 1;
      toCheck.froms[toCheck.count] = fields.parentFrom;
      toCheck.tos[toCheck.count++] = fields.parentTo;
    }
  }

  return {
    nodes,
    diagnostics: mergeByLine(diagnostics, missingParents(nodes, byName, toCheck)),
    format: isTree ? 'tree' : 'flat',
    scanLines: count,
    malformedLines,
    truncatedLines,
  };
}

/**
 * Finds the `vhd-util scan` lines in pasted text and their tree depths. A scan line is any line
 * holding a `vhd=` field. A block is a run of scan lines with only blank lines between them; any
 * other text (a prompt, a log line, prose) ends it. Forum indentation is the same for a whole
 * block, so depths are measured from the block's smallest indentation.
 */

/** vhd-util -p indents each tree level by `depth * 3` spaces. */
const INDENT_STEP = 3;
const TAB_WIDTH = 8;

export interface ScanLines {
  count: number;
  /** Per scan line (index < count): 1-based line number, its `vhd=` offset, its end (trailing blanks excluded). */
  lineNos: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Tree depth within its block (0 = least indented). */
  depths: Int32Array;
  /** 1 on the first scan line of each block. */
  opensBlock: Uint8Array;
  /** 1 when the line's only blanks are spaces (no tab, no no-break space): its tokens end at the next space. */
  spacesOnly: Uint8Array;
  /** Some line is indented deeper than its block: `-p` tree output. */
  isTree: boolean;
}

function isBlankCode(code: number): boolean {
  return code === 32 || code === 9 || code === 160 || code === 11 || code === 12 || code === 13;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Next `vhd=` that starts a field (not the tail of a longer key such as `xvhd=`), or -1. */
function findVhdField(text: string, from: number): number {
  let at = text.indexOf('vhd=', from);
  while (at > 0 && isWordCode(text.charCodeAt(at - 1))) at = text.indexOf('vhd=', at + 1);
  return at;
}

/** Display column of `at`, tabs expanded as a terminal does; `nextTab` is the first tab at or after `lineStart`. */
function columnOf(text: string, lineStart: number, at: number, nextTab: number): number {
  if (nextTab >= at) return at - lineStart;
  let column = 0;
  for (let i = lineStart; i < at; i++) column = text.charCodeAt(i) === 9 ? column - (column % TAB_WIDTH) + TAB_WIDTH : column + 1;
  return column;
}

/** Nearest whole depth (a forum that ate or added a space still lands on the right level). */
function depthOf(relativeColumn: number): number {
  return Math.floor((relativeColumn + 1) / INDENT_STEP);
}

/** First `char` at or after `from`, or Infinity; `cursor` is the previous answer (the search only moves forward). */
function nextOf(text: string, char: string, from: number, cursor: number): number {
  if (cursor >= from) return cursor;
  const at = text.indexOf(char, from);
  return at === -1 ? Number.POSITIVE_INFINITY : at;
}

function countVhdFields(text: string): number {
  let count = 0;
  for (let at = findVhdField(text, 0); at !== -1; at = findVhdField(text, at + 4)) count++;
  return count;
}

/** Typed arrays sized once from a count of `vhd=` (no growing arrays for the collector to copy). */
export function findScanLines(text: string): ScanLines {
  const capacity = countVhdFields(text);
  const lines: ScanLines = {
    count: 0,
    lineNos: new Int32Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    depths: new Int32Array(capacity),
    opensBlock: new Uint8Array(capacity),
    spacesOnly: new Uint8Array(capacity),
    isTree: false,
  };
  let blockFirst = -1;
  let blockMinColumn = 0;
  const closeBlock = (): void => {
    // Until now `depths` held columns: make them depths relative to the block.
    for (let i = blockFirst; i >= 0 && i < lines.count; i++) {
      lines.depths[i] = depthOf(lines.depths[i] - blockMinColumn);
      if (lines.depths[i] > 0) lines.isTree = true;
    }
    blockFirst = -1;
  };
  let nextField = findVhdField(text, 0);
  let nextTab = -1;
  let nextNoBreakSpace = -1;
  let lineNo = 0;
  for (let pos = 0; pos <= text.length && nextField !== -1; ) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline === -1 ? text.length : newline;
    lineNo++;
    let end = lineEnd;
    while (end > pos && isBlankCode(text.charCodeAt(end - 1))) end--;
    if (nextField < end) {
      const i = lines.count++;
      nextTab = nextOf(text, '\t', pos, nextTab);
      nextNoBreakSpace = nextOf(text, '\u00a0', nextField, nextNoBreakSpace);
      const column = columnOf(text, pos, nextField, nextTab);
      if (nextTab >= end && nextNoBreakSpace >= end) lines.spacesOnly[i] = 1;
      if (blockFirst === -1) {
        blockFirst = i;
        blockMinColumn = column;
        lines.opensBlock[i] = 1;
      } else if (column < blockMinColumn) blockMinColumn = column;
      lines.lineNos[i] = lineNo;
      lines.starts[i] = nextField;
      lines.ends[i] = end;
      lines.depths[i] = column;
      nextField = findVhdField(text, lineEnd);
    } else if (end > pos && blockFirst !== -1) {
      closeBlock();
    }
    pos = lineEnd + 1;
  }
  closeBlock();
  return lines;
}

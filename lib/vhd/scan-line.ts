/**
 * Reads the fields of one `vhd-util scan` line, from its `vhd=` to its end:
 * `vhd=<name> capacity=<n> size=<n> hidden=<h> [marker=<m> keyhash=<k>] parent=<name|none>[ (not found in scan)]`
 * or `vhd=<name> scan-error=<n> error-message='<text>'`. Scans char codes in place (no regex, no
 * split, no per-token strings) because the collector parses scans of 100,000 VHDs.
 */

/** vhd-util -p appends this to `parent=<name>` when no scanned VHD has that name. */
const NOT_FOUND_SUFFIX = '(not found in scan)';
const FIELD_KEYS = ['capacity', 'size', 'hidden', 'marker', 'keyhash', 'parent', 'scan-error', 'error-message'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
/** Longer than any uint64 in decimal: a value this long is not a number vhd-util printed. */
const MAX_DIGITS = 20;
/** Up to this many digits a running sum stays exact (below 2^53). */
const MAX_SAFE_DIGITS = 15;

/** What one line says. Reused from line to line: the parser copies what it keeps. */
export interface ScanLineFields {
  /** Where the name and the parent value sit in the text (checked in place: cheaper than on slices). */
  nameFrom: number;
  nameTo: number;
  parentFrom: number;
  parentTo: number;
  capacityBytes: number | null;
  sizeBytes: number | null;
  hidden: boolean | null;
  marker: number | null;
  keyhash: string | null;
  /** The line holds a `parent=` field, its raw value at `[parentFrom, parentTo)` (not copied: most lines name the indentation parent). */
  hasParent: boolean;
  /** Nothing follows the parent value, so the value itself may have been cut short. */
  parentAtEnd: boolean;
  notFoundInScan: boolean;
  isError: boolean;
  errorCode: number | null;
  errorMessage: string | null;
  /** The line ends before its fields do. */
  cut: boolean;
  /** Why the line cannot be read; null when it can. */
  malformed: string | null;
  /** Scratch: the last number read by the layout reader. */
  number: number;
}

function isBlankCode(code: number): boolean {
  return code === 32 || code === 9 || code === 160;
}

function skipBlanks(text: string, from: number, end: number): number {
  while (from < end && isBlankCode(text.charCodeAt(from))) from++;
  return from;
}

/** End of the token at `from`; on a line whose only blanks are spaces, the engine's own search finds it. */
function tokenEnd(text: string, from: number, end: number, spacesOnly: boolean): number {
  if (spacesOnly) {
    const space = text.indexOf(' ', from);
    return space === -1 || space > end ? end : space;
  }
  while (from < end && !isBlankCode(text.charCodeAt(from))) from++;
  return from;
}

function keyIs(key: FieldKey, text: string, from: number): FieldKey | null {
  return text.startsWith(key, from) ? key : null;
}

function keyAt(text: string, from: number, equals: number): FieldKey | null {
  switch (equals - from) {
    case 4:
      return keyIs('size', text, from);
    case 6: {
      const first = text.charCodeAt(from);
      return keyIs(first === 104 ? 'hidden' : first === 109 ? 'marker' : 'parent', text, from);
    }
    case 7:
      return keyIs('keyhash', text, from);
    case 8:
      return keyIs('capacity', text, from);
    case 10:
      return keyIs('scan-error', text, from);
    case 13:
      return keyIs('error-message', text, from);
    default:
      return null;
  }
}

/** Decimal integer in [from, to), optionally negative; NaN when it is not one. */
function readInteger(text: string, from: number, to: number): number {
  const negative = from < to && text.charCodeAt(from) === 45;
  const digitsFrom = negative ? from + 1 : from;
  if (digitsFrom >= to || to - digitsFrom > MAX_DIGITS) return Number.NaN;
  let value = 0;
  for (let i = digitsFrom; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  // Above 2^53 the running sum drifts; let the engine round the literal exactly.
  if (value > Number.MAX_SAFE_INTEGER) value = Number(text.slice(digitsFrom, to));
  return negative ? -value : value;
}

function reset(fields: ScanLineFields): void {
  fields.nameFrom = 0;
  fields.nameTo = 0;
  fields.parentFrom = 0;
  fields.parentTo = 0;
  fields.capacityBytes = null;
  fields.sizeBytes = null;
  fields.hidden = null;
  fields.marker = null;
  fields.keyhash = null;
  fields.hasParent = false;
  fields.parentAtEnd = false;
  fields.notFoundInScan = false;
  fields.isError = false;
  fields.errorCode = null;
  fields.errorMessage = null;
  fields.cut = false;
  fields.malformed = null;
  fields.number = 0;
}

function readParent(text: string, valueFrom: number, valueTo: number, end: number, fields: ScanLineFields): void {
  fields.hasParent = true;
  fields.parentFrom = valueFrom;
  fields.parentTo = valueTo;
  const rest = skipBlanks(text, valueTo, end);
  if (rest >= end) {
    fields.parentAtEnd = true;
    return;
  }
  const restLength = end - rest;
  if (restLength <= NOT_FOUND_SUFFIX.length && NOT_FOUND_SUFFIX.startsWith(text.slice(rest, end))) {
    fields.notFoundInScan = true;
    fields.cut = restLength < NOT_FOUND_SUFFIX.length;
    return;
  }
  fields.malformed = 'unexpected text after the parent field';
}

/** `error-message='<text>'` runs to the end of the line and may hold blanks and quotes. */
function readErrorMessage(text: string, from: number, end: number, fields: ScanLineFields): void {
  fields.isError = true;
  const quoted = from < end && text.charCodeAt(from) === 39;
  const closed = quoted && end - from >= 2 && text.charCodeAt(end - 1) === 39;
  fields.errorMessage = text.slice(quoted ? from + 1 : from, closed ? end - 1 : end);
  fields.cut = quoted && !closed;
}

/** A numeric field; its value may be cut when nothing follows it on the line. */
function readNumber(text: string, from: number, to: number, atLineEnd: boolean, fields: ScanLineFields): number | null {
  const value = readInteger(text, from, to);
  if (Number.isNaN(value)) {
    if (!(atLineEnd && from === to)) fields.malformed = `"${text.slice(from, Math.min(to, from + 40))}" is not a number`;
    return null;
  }
  return atLineEnd ? null : value;
}

function readField(key: FieldKey, text: string, from: number, to: number, atLineEnd: boolean, fields: ScanLineFields): void {
  switch (key) {
    case 'capacity':
      fields.capacityBytes = readNumber(text, from, to, atLineEnd, fields);
      return;
    case 'size':
      fields.sizeBytes = readNumber(text, from, to, atLineEnd, fields);
      return;
    case 'hidden': {
      // A single digit cannot be cut short, so it is kept even at the end of a cut line.
      const hidden = readNumber(text, from, to, atLineEnd && to - from !== 1, fields);
      fields.hidden = hidden === null ? null : hidden !== 0;
      return;
    }
    case 'marker':
      fields.marker = readNumber(text, from, to, atLineEnd, fields);
      return;
    case 'keyhash':
      // Empty when the VHD has no key; 64 hex digits (SHA-256) otherwise.
      fields.keyhash = to === from || (atLineEnd && to - from !== 64) ? null : text.slice(from, to);
      return;
    case 'scan-error':
      fields.isError = true;
      fields.errorCode = readNumber(text, from, to, atLineEnd, fields);
      return;
    default:
      return;
  }
}

/**
 * `<key><digits> ` at `at`: stores the number in `fields.number` and returns where the digits
 * end, or -1 when the text differs (no key, no digits, too many, no space after).
 */
function numberAfter(key: string, text: string, at: number, end: number, fields: ScanLineFields): number {
  if (!text.startsWith(key, at)) return -1;
  const from = at + key.length;
  let value = 0;
  let to = from;
  for (; to < end && to - from < MAX_SAFE_DIGITS; to++) {
    const digit = text.charCodeAt(to) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (to === from || to >= end || text.charCodeAt(to) !== 32) return -1;
  fields.number = value;
  return to;
}

/**
 * The plain layout vhd-util prints after the name, ` capacity=<n> size=<n> hidden=<h> parent=`,
 * read at known offsets instead of token by token. Returns false, having set no field, when the
 * line differs (cut, `-M`, extra blanks, a huge number): the general reader then takes it.
 */
function readPrintedLayout(text: string, at: number, end: number, fields: ScanLineFields): boolean {
  const capacityTo = numberAfter(' capacity=', text, at, end, fields);
  const capacityBytes = fields.number;
  const sizeTo = capacityTo === -1 ? -1 : numberAfter(' size=', text, capacityTo, end, fields);
  const sizeBytes = fields.number;
  const hiddenTo = sizeTo === -1 ? -1 : numberAfter(' hidden=', text, sizeTo, end, fields);
  if (hiddenTo === -1 || !text.startsWith(' parent=', hiddenTo)) return false;
  fields.capacityBytes = capacityBytes;
  fields.sizeBytes = sizeBytes;
  fields.hidden = fields.number !== 0;
  const valueFrom = hiddenTo + ' parent='.length;
  readParent(text, valueFrom, tokenEnd(text, valueFrom, end, true), end, fields);
  return true;
}

/**
 * Reads the line `[start, end)` where `start` is its `vhd=` and `end` excludes trailing blanks.
 * `spacesOnly`: the line holds no tab or no-break space, so tokens end at the next space.
 */
export function readScanLine(text: string, start: number, end: number, spacesOnly: boolean, fields: ScanLineFields): void {
  reset(fields);
  const nameFrom = start + 4;
  const nameTo = tokenEnd(text, nameFrom, end, spacesOnly);
  if (nameTo === nameFrom) {
    fields.malformed = 'no name after vhd=';
    return;
  }
  fields.nameFrom = nameFrom;
  fields.nameTo = nameTo;
  if (spacesOnly && readPrintedLayout(text, nameTo, end, fields)) return;
  for (let at = skipBlanks(text, nameTo, end); at < end; ) {
    const to = tokenEnd(text, at, end, spacesOnly);
    const next = skipBlanks(text, to, end);
    let equals = at;
    while (equals < to && text.charCodeAt(equals) !== 61) equals++;
    if (equals === to) {
      const partial = text.slice(at, Math.min(to, at + 40));
      if (next >= end && FIELD_KEYS.some((key) => key.startsWith(partial))) fields.cut = true;
      else fields.malformed = `unexpected text "${partial}"`;
      return;
    }
    const key = keyAt(text, at, equals);
    if (key === 'parent') return readParent(text, equals + 1, to, end, fields);
    if (key === 'error-message') return readErrorMessage(text, equals + 1, end, fields);
    // An unknown key=value (a newer vhd-util) is skipped rather than failing the line.
    if (key !== null) readField(key, text, equals + 1, to, next >= end, fields);
    if (fields.malformed !== null) return;
    at = next;
  }
  fields.cut = true;
}

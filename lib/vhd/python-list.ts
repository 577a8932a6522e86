/**
 * Python list-of-strings literals, the way SM logs a command (`util.SMlog(cmdlist)` prints
 * `str(list)`): `['/sbin/lvremove', '-f', "it's"]`. Read by scanning, never by evaluating.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};
/** `u''`, `b''`, `r''` and their pairs (`br''`, `rb''`...). */
const STRING_PREFIX_LETTERS = 'uUbBrR';
const HEX_ESCAPE_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The strings of a Python list literal (`u''`/`b''`/`r''` prefixes, both quotes, escapes); null for anything else. */
export function parsePythonStringList(text: string): string[] | null {
  let pos = skipSpaces(text, 0);
  if (text[pos] !== '[') return null;
  pos = skipSpaces(text, pos + 1);
  const items: string[] = [];
  if (text[pos] === ']') return skipSpaces(text, pos + 1) === text.length ? items : null;
  for (;;) {
    const item = readString(text, pos);
    if (!item) return null;
    items.push(item.value);
    pos = skipSpaces(text, item.end);
    if (text[pos] === ',') pos = skipSpaces(text, pos + 1);
    else if (text[pos] !== ']') return null;
    if (text[pos] === ']') return skipSpaces(text, pos + 1) === text.length ? items : null;
  }
}

function skipSpaces(text: string, pos: number): number {
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  return pos;
}

function readString(text: string, start: number): { value: string; end: number } | null {
  let pos = start;
  while (pos < start + 2 && STRING_PREFIX_LETTERS.includes(text[pos])) pos++;
  const raw = /r/i.test(text.slice(start, pos));
  const quote = text[pos];
  if (quote !== "'" && quote !== '"') return null;
  let value = '';
  for (let runStart = pos + 1; ; ) {
    const close = text.indexOf(quote, runStart);
    if (close === -1) return null;
    // Look for a backslash only up to the quote, so a long list is read in one pass.
    const run = text.slice(runStart, close);
    const backslashInRun = run.indexOf('\\');
    if (backslashInRun === -1) return { value: value + run, end: close + 1 };
    const backslash = runStart + backslashInRun;
    value += run.slice(0, backslashInRun);
    const escaped = raw ? null : readEscape(text, backslash);
    if (escaped === undefined) return null;
    // Raw strings and unknown escapes keep the backslash, as Python does.
    value += escaped === null ? text.slice(backslash, backslash + 2) : escaped.value;
    runStart = escaped === null ? backslash + 2 : escaped.end;
  }
}

/** The escape at `pos` (a backslash): its value, null to keep it literally, undefined when invalid. */
function readEscape(text: string, pos: number): { value: string; end: number } | null | undefined {
  const letter = text[pos + 1];
  if (letter === undefined) return undefined;
  if (letter in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[letter], end: pos + 2 };
  const octal = /^[0-7]{1,3}/.exec(text.slice(pos + 1, pos + 4));
  if (octal) return { value: String.fromCharCode(parseInt(octal[0], 8)), end: pos + 1 + octal[0].length };
  const digits = HEX_ESCAPE_DIGITS[letter];
  if (digits === undefined) return null;
  const hex = text.slice(pos + 2, pos + 2 + digits);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
  const codePoint = parseInt(hex, 16);
  return codePoint > 0x10ffff ? undefined : { value: String.fromCodePoint(codePoint), end: pos + 2 + digits };
}

/**
 * Prints a list of strings as Python 3's `str(list)` does: single quotes unless the string holds
 * a single quote and no double quote; `\\`, `\n`, `\r`, `\t` and `\xhh` escapes for control
 * characters (other non-printable Unicode is printed as is, where Python would escape it).
 */
export function formatPythonStringList(items: readonly string[]): string {
  return `[${items.map(pythonRepr).join(', ')}]`;
}

function pythonRepr(item: string): string {
  const quote = item.includes("'") && !item.includes('"') ? '"' : "'";
  let body = '';
  for (const char of item) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\' || char === quote) body += `\\${char}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) body += `\\u${code.toString(16).padStart(4, '0')}`;
    else body += char;
  }
  return `${quote}${body}${quote}`;
}

/**
 * VDI tokens as SM's cleanup.py prints a VDI (`VDI.__str__`, `LVHDVDI.__str__`):
 * `[*]<uuid[0:8]>[<type>](<virt>/<phys>[/<alloc>]/<lv>|<flags>)` on LVM SRs and
 * `[*]<uuid[0:8]>(<virt><slot><slot>)[<type>]` on file SRs, where a slot is `/<size>` or `?`
 * (unknown). Sizes use SM's `Util.num2str`.
 */
import type { VdiToken, VdiTokenFormat } from './types';

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

/** `Util.num2str`: units are powers of 1024, largest first, and the number must reach the unit. */
const NUM2STR_UNITS: readonly (readonly [string, number])[] = [
  ['G', GIB],
  ['M', MIB],
  ['K', KIB],
];

/** `num2str` output: a plain integer below 1 KiB, else a decimal and its unit. */
const SM_SIZE = /^(?:(-?\d{1,16})|(\d{1,16}(?:\.\d{1,16})?)([GMK]))$/;

/** A token without its printed text: what `formatVdiToken` needs. */
export type VdiTokenFields = Omit<VdiToken, 'raw'>;

/** Prints bytes as SM's `Util.num2str` does: `500.000G`, `152.000M`, `4.000K`, the plain integer below 1 KiB. */
export function formatSmSize(bytes: number): string {
  for (const [unit, unitBytes] of NUM2STR_UNITS) {
    if (bytes >= unitBytes) return `${(bytes / unitBytes).toFixed(3)}${unit}`;
  }
  return String(bytes);
}

/**
 * Reads a `num2str` size back into bytes (rounded). A value num2str printed in a smaller unit
 * because it stayed below the next one (`1024.000M` is at most 1 GiB - 1) is kept below it, so
 * formatting the result prints the same text again.
 */
export function parseSmSize(text: string): number | null {
  const match = SM_SIZE.exec(text);
  if (!match) return null;
  if (match[1] !== undefined) return Number(match[1]);
  const value = Number(match[2]);
  if (match[3] === 'G') return Math.round(value * GIB);
  if (match[3] === 'M') return Math.min(Math.round(value * MIB), GIB - 1);
  return Math.min(Math.round(value * KIB), MIB - 1);
}

const TOKEN_SOURCE = String.raw`(\*?)(OLD_[0-9a-f]{4}|[0-9a-f]{8})(?:\[(\w+)\])?\(([^()\s]*)\)(?:\[(\w+)\])?`;
const WHOLE_TOKEN = new RegExp(`^${TOKEN_SOURCE}$`);
/** Not glued to a preceding word or `*`, so `x*abcd1234(...)` and the tail of a longer hex run do not match. */
const TOKEN_IN_TEXT = new RegExp(String.raw`(?<![\w*])${TOKEN_SOURCE}`, 'g');

/** Parses one whole token (surrounding whitespace ignored); null when the text is not one SM could print. */
export function parseVdiToken(text: string): VdiToken | null {
  const trimmed = text.trim();
  const match = WHOLE_TOKEN.exec(trimmed);
  const token = match && tokenFromMatch(match, trimmed);
  return token && token.raw === trimmed ? token : null;
}

/** Every token in a message, in order of appearance. */
export function findVdiTokens(message: string): VdiToken[] {
  const tokens: VdiToken[] = [];
  for (const match of message.matchAll(TOKEN_IN_TEXT)) {
    const token = tokenFromMatch(match, match[0]);
    if (token) tokens.push(token);
  }
  return tokens;
}

/** Prints a token exactly as SM would for these values. */
export function formatVdiToken(token: VdiTokenFields): string {
  const star = token.hidden ? '*' : '';
  if (token.format === 'lvm-3' || token.format === 'lvm-4') {
    const sizes = [token.virtualSizeBytes, token.sizeBytes];
    if (token.format === 'lvm-4') sizes.push(token.allocatedBytes);
    sizes.push(token.lvSizeBytes);
    const printed = sizes.map((bytes) => (bytes === null ? '' : formatSmSize(bytes))).join('/');
    return `${star}${token.uuidPrefix}[${token.vdiType ?? 'VHD'}](${printed}|${token.flags ?? ''})`;
  }
  const virt = token.virtualSizeBytes === null ? '?' : formatSmSize(token.virtualSizeBytes);
  const slots = fileSlotOrder(token.format, token.vdiType)
    .map((field) => token[field])
    .map((bytes) => (bytes === null ? '?' : `/${formatSmSize(bytes)}`))
    .join('');
  const suffix = token.vdiType === null ? '' : `[${token.vdiType}]`;
  return `${star}${token.uuidPrefix}(${virt}${slots})${suffix}`;
}

type SlotField = 'sizeBytes' | 'allocatedBytes';

/** File SRs: a raw VDI has no VHD, so SM drops the physical-size slot (`strSizeVHD = ""`). */
function fileSlotOrder(format: VdiTokenFormat, vdiType: string | null): SlotField[] {
  const slots: SlotField[] = format === 'file-3' ? ['sizeBytes', 'allocatedBytes'] : ['sizeBytes'];
  return vdiType === 'RAW' ? slots.slice(1) : slots;
}

function tokenFromMatch(match: RegExpExecArray | RegExpMatchArray, text: string): VdiToken | null {
  const typeBefore = match[3];
  const inner = match[4];
  const typeAfter = match[5];
  const base = { hidden: match[1] === '*', uuidPrefix: match[2] };
  if (typeBefore !== undefined) {
    // LVM tokens carry the type before the sizes; a second bracket after them is other text.
    const raw = typeAfter === undefined ? text : text.slice(0, text.length - typeAfter.length - 2);
    const lvm = parseLvmSizes(inner);
    return lvm && { raw, ...base, vdiType: typeBefore, ...lvm };
  }
  const file = parseFileSizes(inner, typeAfter ?? null);
  return file && { raw: text, ...base, vdiType: typeAfter ?? null, ...file };
}

type SizeFields = Omit<VdiToken, 'raw' | 'hidden' | 'uuidPrefix' | 'vdiType'>;

function parseLvmSizes(inner: string): SizeFields | null {
  const bar = inner.lastIndexOf('|');
  const flags = inner.slice(bar + 1);
  if (bar === -1 || !/^[a-z]*$/.test(flags)) return null;
  const sizes: (number | null)[] = [];
  for (let start = 0; start <= bar; ) {
    const slash = inner.indexOf('/', start);
    const end = slash === -1 || slash > bar ? bar : slash;
    const bytes = end === start ? null : parseSmSize(inner.slice(start, end));
    if (bytes === null && end !== start) return null;
    sizes.push(bytes);
    start = end + 1;
  }
  if (sizes.length !== 3 && sizes.length !== 4) return null;
  const lvm4 = sizes.length === 4;
  return {
    format: lvm4 ? 'lvm-4' : 'lvm-3',
    virtualSizeBytes: sizes[0],
    sizeBytes: sizes[1],
    allocatedBytes: lvm4 ? sizes[2] : null,
    lvSizeBytes: sizes[sizes.length - 1],
    flags,
  };
}

/** `<virt|?>` then slots `/<size>` or `?`; their count and the raw type tell which SM printed it. */
function parseFileSizes(inner: string, vdiType: string | null): SizeFields | null {
  const parts = inner.match(/\?|\/[^/?]*|^[^/?]+/g);
  if (!parts || parts.join('') !== inner || parts[0].startsWith('/')) return null;
  const values: (number | null)[] = [];
  for (const part of parts) {
    if (part === '?') {
      values.push(null);
      continue;
    }
    const bytes = parseSmSize(part.startsWith('/') ? part.slice(1) : part);
    if (bytes === null) return null;
    values.push(bytes);
  }
  const [virt, ...slots] = values;
  const format: VdiTokenFormat | null =
    slots.length === fileSlotOrder('file-2', vdiType).length
      ? 'file-2'
      : slots.length === fileSlotOrder('file-3', vdiType).length
        ? 'file-3'
        : null;
  if (format === null) return null;
  const fields: SizeFields = {
    format,
    virtualSizeBytes: virt,
    sizeBytes: null,
    allocatedBytes: null,
    lvSizeBytes: null,
    flags: null,
  };
  fileSlotOrder(format, vdiType).forEach((field, i) => {
    fields[field] = slots[i];
  });
  return fields;
}

/**
 * Names of VHDs as `vhd-util scan` prints them: `VHD-<uuid>` (a logical volume on an LVM SR),
 * `<uuid>.vhd` (a file on an ext/NFS SR), or either behind a directory with `-v`
 * (`/var/run/sr-mount/<sr>/<uuid>.vhd`, `/dev/VG_XenStorage-<sr>/VHD-<uuid>`).
 */

export const UUID_LENGTH = 36;
export const LVM_PREFIX = 'VHD-';
const FILE_SUFFIX = '.vhd';

const LOWER_HEX = 1;
const UPPER_HEX = 2;
/** Per char code: LOWER_HEX for 0-9 a-f, UPPER_HEX for A-F, 0 otherwise. */
const HEX_KIND = new Uint8Array(128);
for (const digit of '0123456789abcdef') HEX_KIND[digit.charCodeAt(0)] = LOWER_HEX;
for (const digit of 'ABCDEF') HEX_KIND[digit.charCodeAt(0)] = UPPER_HEX;
/** Per offset in a canonical uuid (8-4-4-4-12): 1 where a dash goes. */
const DASH_AT = new Uint8Array(UUID_LENGTH);
for (const offset of [8, 13, 18, 23]) DASH_AT[offset] = 1;

/** 0 when `text` holds no canonical uuid at `start`; else the HEX_KIND bits of its digits. */
function uuidKindAt(text: string, start: number): number {
  if (start < 0 || start + UUID_LENGTH > text.length) return 0;
  let kinds = LOWER_HEX;
  // One flat pass: every scanned name is checked, so this runs 100,000 times for a big SR.
  for (let i = 0; i < UUID_LENGTH; i++) {
    const code = text.charCodeAt(start + i);
    if (DASH_AT[i] === 1) {
      if (code !== 45) return 0;
      continue;
    }
    const kind = code < 128 ? HEX_KIND[code] : 0;
    if (kind === 0) return 0;
    kinds |= kind;
  }
  return kinds;
}

/** True when `text` holds a canonical uuid starting at `start`. */
export function isUuidAt(text: string, start: number): boolean {
  return uuidKindAt(text, start) !== 0;
}

/** The part after the last `/` (vhd-util prints basenames unless `-v` is given). */
export function baseName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}

/** Both shapes of a whole name are this long after any directory: `VHD-<uuid>`, `<uuid>.vhd`. */
const BASENAME_LENGTH = UUID_LENGTH + 4;

/**
 * Where the uuid of the whole scan name `text.slice(from, to)` starts, or -1. Works on a range,
 * at fixed offsets from its end, so a parser can check names in place without copying them.
 */
function uuidStartIn(text: string, from: number, to: number): number {
  const base = to - BASENAME_LENGTH;
  if (base < from || (base > from && text.charCodeAt(base - 1) !== 47)) return -1;
  if (text.startsWith(LVM_PREFIX, base)) return base + LVM_PREFIX.length;
  return text.startsWith(FILE_SUFFIX, to - FILE_SUFFIX.length) ? base : -1;
}

/**
 * The VDI uuid held by the scan name `name.slice(from, to)` (lower case), or null when it does not
 * hold a whole one: SM names each VHD after its VDI, so only `VHD-<uuid>` and `<uuid>.vhd` qualify.
 */
export function uuidFromName(name: string, from = 0, to = name.length): string | null {
  const start = uuidStartIn(name, from, to);
  const kinds = start === -1 ? 0 : uuidKindAt(name, start);
  if (kinds === 0) return null;
  const uuid = name.slice(start, start + UUID_LENGTH);
  return (kinds & UPPER_HEX) === 0 ? uuid : uuid.toLowerCase();
}

/** `value.slice(from, to)` has the shape of a whole scan name (so a `parent=` holding it was not cut short). */
export function isWholeVhdName(value: string, from = 0, to = value.length): boolean {
  const start = uuidStartIn(value, from, to);
  return start !== -1 && uuidKindAt(value, start) !== 0;
}

/** The name vhd-util prints for a VDI: `VHD-<uuid>` on LVM SRs, `<uuid>.vhd` on file SRs. */
export function vhdNameForUuid(uuid: string, srKind: 'lvm' | 'file'): string {
  return srKind === 'lvm' ? `${LVM_PREFIX}${uuid}` : `${uuid}${FILE_SUFFIX}`;
}

/** `canonicalNameKind`: a name that is exactly `VHD-<uuid>` / `<uuid>.vhd`, uuid in lower case. */
export const LVM_NAME = 1;
export const FILE_NAME = 2;

/**
 * LVM_NAME or FILE_NAME when `text.slice(from, to)` is a basename as vhd-util prints it, its uuid
 * in lower case (so the uuid alone gives back the name); 0 otherwise.
 */
export function canonicalNameKind(text: string, from: number, to: number): number {
  if (to - from !== BASENAME_LENGTH) return 0;
  const start = uuidStartIn(text, from, to);
  if (start === -1 || uuidKindAt(text, start) !== LOWER_HEX) return 0;
  return start === from ? FILE_NAME : LVM_NAME;
}

/**
 * Names of VHDs as `vhd-util scan` prints them: `VHD-<uuid>` (a logical volume on an LVM SR),
 * `<uuid>.vhd` (a file on an ext/NFS SR), or either behind a directory with `-v`
 * (`/var/run/sr-mount/<sr>/<uuid>.vhd`, `/dev/VG_XenStorage-<sr>/VHD-<uuid>`).
 */

const UUID_LENGTH = 36;
const LVM_PREFIX = 'VHD-';
const FILE_SUFFIX = '.vhd';

/** Where the dashes of a canonical 8-4-4-4-12 uuid sit. */
function isDashAt(offset: number): boolean {
  return offset === 8 || offset === 13 || offset === 18 || offset === 23;
}

function isHexCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** True when `text` holds a canonical uuid starting at `start`. */
export function isUuidAt(text: string, start: number): boolean {
  if (start < 0 || start + UUID_LENGTH > text.length) return false;
  for (let offset = 0; offset < UUID_LENGTH; offset++) {
    const code = text.charCodeAt(start + offset);
    if (isDashAt(offset) ? code !== 45 : !isHexCode(code)) return false;
  }
  return true;
}

/** The part after the last `/` (vhd-util prints basenames unless `-v` is given). */
export function baseName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}

/** Where the uuid of a whole scan name starts (`VHD-<uuid>` or `<uuid>.vhd` after any directory), or -1. */
function uuidStartIn(name: string): number {
  const base = name.lastIndexOf('/') + 1;
  const baseLength = name.length - base;
  let uuidStart = -1;
  if (baseLength === LVM_PREFIX.length + UUID_LENGTH && name.startsWith(LVM_PREFIX, base)) {
    uuidStart = base + LVM_PREFIX.length;
  } else if (baseLength === UUID_LENGTH + FILE_SUFFIX.length && name.endsWith(FILE_SUFFIX)) {
    uuidStart = base;
  }
  return uuidStart !== -1 && isUuidAt(name, uuidStart) ? uuidStart : -1;
}

/**
 * The VDI uuid held by a scan name (lower case), or null when the name does not hold a whole
 * one: SM names each VHD after its VDI, so only `VHD-<uuid>` and `<uuid>.vhd` qualify.
 */
export function uuidFromName(name: string): string | null {
  const start = uuidStartIn(name);
  if (start === -1) return null;
  const uuid = name.slice(start, start + UUID_LENGTH);
  for (let i = start; i < start + UUID_LENGTH; i++) {
    const code = name.charCodeAt(i);
    if (code >= 65 && code <= 70) return uuid.toLowerCase();
  }
  return uuid;
}

/** A value with the shape of a whole scan name (so a `parent=` holding it was not cut short). */
export function isWholeVhdName(value: string): boolean {
  return uuidStartIn(value) !== -1;
}

/** The name vhd-util prints for a VDI: `VHD-<uuid>` on LVM SRs, `<uuid>.vhd` on file SRs. */
export function vhdNameForUuid(uuid: string, srKind: 'lvm' | 'file'): string {
  return srKind === 'lvm' ? `${LVM_PREFIX}${uuid}` : `${uuid}${FILE_SUFFIX}`;
}

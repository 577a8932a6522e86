/**
 * `vhd-util scan` nodes → VHD records.
 *
 * A scan shows the VHD headers themselves, so its parent links are the truth of the SR at
 * that moment. What it cannot tell: which VDI is a snapshot (XAPI knows), and anything about
 * a VHD it could not read (`scan-error`). `vhd-util scan -p` prints no line for a parent it did
 * not find: it appends `(not found in scan)` to the child's own line, so that child is a real
 * VHD whose parent is missing; it is kept, names its missing parent, and becomes a root.
 */
import { uuidFromName } from '../vhd/vhd-name';
import type { VhdNode } from '../vhd/types';
import type { VhdRecord } from './types';

const NONE = -1;
/** Ancestors of the previous record tried as the parent before the name is read again. */
const NEARBY_STEPS = 4;

/**
 * The id a scan name stands for: the VDI uuid it holds (`VHD-<uuid>`, `<uuid>.vhd`, also
 * behind a directory), else the name itself — the same reading the scan parser uses.
 */
export function idFromScanName(name: string): string {
  return uuidFromName(name) ?? name;
}

/** Ids of the VHDs vhd-util could not read; null when there are none (the usual case). */
function unreadableIds(nodes: VhdNode[]): Set<string> | null {
  let unreadable: Set<string> | null = null;
  for (const node of nodes) {
    if (node.scanError !== null) (unreadable ??= new Set()).add(node.uuid ?? idFromScanName(node.name));
  }
  return unreadable;
}

/** Why a scanned VHD's parent link cannot be trusted, or null when it can. */
export function parentNote(parentName: string, notFoundInScan: boolean, parentUnreadable: boolean): string | null {
  if (notFoundInScan) {
    return `vhd-util printed its parent ${parentName} as "not found in scan": the parent VHD is missing from the SR, so the chain above this VHD is unknown and it is shown as a root.`;
  }
  if (parentUnreadable) {
    return `Its parent ${parentName} could not be read (scan error), so the chain above it is unknown.`;
  }
  return null;
}

export function recordsFromScan(nodes: VhdNode[]): VhdRecord[] {
  const unreadable = unreadableIds(nodes);
  const records: VhdRecord[] = [];
  /** Record number of each record's parent when it was found nearby, else NONE. */
  const parentOf = new Int32Array(nodes.length);
  for (const node of nodes) {
    if (node.scanError !== null) continue;
    const parentName = node.parentName;
    let parentId: string | null = null;
    let parent = NONE;
    if (parentName !== null) {
      // `-p` output lists each tree depth first, and the parser hands a child the parent's own
      // name string: the parent is usually the previous record or one of its ancestors, whose
      // id is then shared rather than read again from the name.
      for (let j = records.length - 1, steps = 0; j !== NONE && steps < NEARBY_STEPS; j = parentOf[j], steps++) {
        if (records[j].name === parentName) {
          parent = j;
          break;
        }
      }
      parentId = parent === NONE ? idFromScanName(parentName) : records[parent].id;
    }
    parentOf[records.length] = parent;
    const hidden = node.hidden === true;
    const record: VhdRecord = {
      id: node.uuid ?? idFromScanName(node.name),
      name: node.name,
      parentId,
      hidden,
      managed: !hidden,
      isSnapshot: false,
      sizeBytes: node.sizeBytes ?? 0,
      virtualSizeBytes: node.capacityBytes ?? 0,
    };
    const note = parentId === null ? null : parentNote(parentName!, node.notFoundInScan, unreadable !== null && unreadable.has(parentId));
    if (note !== null) {
      record.parentUnconfirmed = true;
      record.parentNote = note;
    }
    records.push(record);
  }
  return records;
}

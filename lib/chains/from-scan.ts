/**
 * `vhd-util scan` nodes → VHD records.
 *
 * A scan shows the VHD headers themselves, so its parent links are the truth of the SR at
 * that moment. What it cannot tell: which VDI is a snapshot (XAPI knows), and anything about
 * a VHD it could not read (`scan-error`) or a parent it printed as `(not found in scan)`.
 */
import { uuidFromName } from '../vhd/vhd-name';
import type { VhdNode } from '../vhd/types';
import type { VhdRecord } from './types';

/**
 * The id a scan name stands for: the VDI uuid it holds (`VHD-<uuid>`, `<uuid>.vhd`, also
 * behind a directory), else the name itself — the same reading the scan parser uses.
 */
export function idFromScanName(name: string): string {
  return uuidFromName(name) ?? name;
}

function idOf(node: VhdNode): string {
  return node.uuid ?? idFromScanName(node.name);
}

function parentNote(parentId: string, parentName: string, placeholders: Set<string>, unreadable: Set<string>): string | null {
  if (placeholders.has(parentId)) {
    return `vhd-util printed its parent ${parentName} as "not found in scan": the parent VHD is missing from the SR.`;
  }
  if (unreadable.has(parentId)) {
    return `Its parent ${parentName} could not be read (scan error), so the chain above it is unknown.`;
  }
  return null;
}

export function recordsFromScan(nodes: VhdNode[]): VhdRecord[] {
  const placeholders = new Set<string>();
  const unreadable = new Set<string>();
  for (const node of nodes) {
    if (node.notFoundInScan) placeholders.add(idOf(node));
    else if (node.scanError !== null) unreadable.add(idOf(node));
  }

  const records: VhdRecord[] = [];
  for (const node of nodes) {
    if (node.notFoundInScan || node.scanError !== null) continue;
    const hidden = node.hidden === true;
    const record: VhdRecord = {
      id: idOf(node),
      name: node.name,
      parentId: node.parentName === null ? null : idFromScanName(node.parentName),
      hidden,
      managed: !hidden,
      isSnapshot: false,
      sizeBytes: node.sizeBytes ?? 0,
      virtualSizeBytes: node.capacityBytes ?? 0,
    };
    const note = record.parentId === null ? null : parentNote(record.parentId, node.parentName!, placeholders, unreadable);
    if (note !== null) {
      record.parentUnconfirmed = true;
      record.parentNote = note;
    }
    records.push(record);
  }
  return records;
}

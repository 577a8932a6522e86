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
    if (record.parentId !== null && placeholders.has(record.parentId)) {
      record.parentUnconfirmed = true;
      record.parentNote = `vhd-util printed its parent ${node.parentName} as "not found in scan": the parent VHD is missing from the SR.`;
    } else if (record.parentId !== null && unreadable.has(record.parentId)) {
      record.parentUnconfirmed = true;
      record.parentNote = `Its parent ${node.parentName} could not be read (scan error), so the chain above it is unknown.`;
    }
    records.push(record);
  }
  return records;
}

/**
 * A parsed scan as the record table a forest is built from, read straight from the scan's
 * columns: no VhdNode or VhdRecord objects, ids and records made only for the VHDs an analysis
 * names. It gives what `tableFromRecords(recordsFromScan(scan.nodes))` gives (tests compare
 * the two), for the scans vhd-util prints: every name `VHD-<uuid>`, or every name `<uuid>.vhd`,
 * and no scan error. Anything else (names with directories or capitals, mixed kinds, unreadable
 * VHDs) takes that slower road, whose rules for odd names it does not repeat.
 */
import type { ScanParseResult } from '../vhd/types';
import { NOT_FOUND_IN_SCAN, PARENT_NONE, type ScanTable } from '../vhd/scan-table';
import { canonicalNameKind, LVM_NAME, LVM_PREFIX, UUID_LENGTH, vhdNameForUuid } from '../vhd/vhd-name';
import { buildForest, forestFromTable } from './forest';
import { idFromScanName, parentNote, recordsFromScan } from './from-scan';
import { NONE } from './parent-cycles';
import type { RecordTable } from './record-table';
import type { Forest, VhdRecord } from './types';


/** The kind every name of the scan shares (LVM_NAME or FILE_NAME), or 0. */
function sharedNameKind(table: ScanTable): number {
  if (table.count === 0 || table.scanError.size > 0) return 0;
  const kind = canonicalNameKind(table.text, table.nameFrom[0], table.nameTo[0]);
  for (let row = 1; row < table.count && kind !== 0; row++) {
    if (canonicalNameKind(table.text, table.nameFrom[row], table.nameTo[row]) !== kind) return 0;
  }
  return kind;
}

function copyColumns(table: ScanTable, hidden: Uint8Array, managed: Uint8Array, sizeBytes: Float64Array): void {
  for (let row = 0; row < table.count; row++) {
    hidden[row] = table.hidden[row] === 1 ? 1 : 0;
    managed[row] = 1 - hidden[row];
    const size = table.sizeBytes[row];
    sizeBytes[row] = Number.isNaN(size) ? 0 : size;
  }
}

/** The first row from `row` on that names a parent the scan does not hold, or `table.count`. */
function firstMissingParent(table: ScanTable, row: number): number {
  while (row < table.count && (table.parentRow[row] !== NONE || table.parentKind[row] === PARENT_NONE)) row++;
  return row;
}

/** The scan as a record table, or null when it needs `recordsFromScan` (see above). */
export function tableFromScan(scan: ScanParseResult): RecordTable | null {
  const table = scan.table;
  const kind = sharedNameKind(table);
  if (kind === 0) return null;
  const { text, count } = table;
  const uuidOffset = kind === LVM_NAME ? LVM_PREFIX.length : 0;
  const idAt = (row: number): string => text.slice(table.nameFrom[row] + uuidOffset, table.nameFrom[row] + uuidOffset + UUID_LENGTH);
  const srKind = kind === LVM_NAME ? 'lvm' : 'file';
  const find = (id: string): number => table.findName(vhdNameForUuid(id, srKind));

  const parent = table.parentRow.subarray(0, count);
  const hidden = new Uint8Array(count);
  const managed = new Uint8Array(count);
  const sizeBytes = new Float64Array(count);
  copyColumns(table, hidden, managed, sizeBytes);
  const parentMissing = new Uint8Array(count);
  const unknownParents: Forest['unknownParents'] = [];
  for (let row = firstMissingParent(table, 0); row < count; row = firstMissingParent(table, row + 1)) {
    const parentId = idFromScanName(table.parentNameAt(row)!);
    // A parent printed unlike the names (capitals, a directory) that still means a VHD here: the slow road links it.
    if (find(parentId) !== NONE) return null;
    unknownParents.push({ childId: idAt(row), parentId });
    parentMissing[row] = 1;
  }

  // Made once each, on first use: asking twice gives the same object.
  let records: (VhdRecord | undefined)[] | null = null;
  const recordAt = (row: number): VhdRecord => ((records ??= new Array<VhdRecord | undefined>(count))[row] ??= scanRecord(table, row, idAt, parent));
  const compare = (a: number, b: number): number => {
    const aFrom = table.nameFrom[a] + uuidOffset;
    const bFrom = table.nameFrom[b] + uuidOffset;
    for (let i = 0; i < UUID_LENGTH; i++) {
      const d = text.charCodeAt(aFrom + i) - text.charCodeAt(bFrom + i);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return 0;
  };
  return {
    count,
    parent,
    hidden,
    managed,
    isSnapshot: new Uint8Array(count),
    leafCoalesceOff: new Uint8Array(count),
    parentMissing,
    sizeBytes,
    idAt,
    nameAt: (row) => table.nameAt(row),
    recordAt,
    find,
    compare,
    unknownParents,
    duplicateIds: [],
  };
}

/** The record `recordsFromScan` makes of a row. */
function scanRecord(table: ScanTable, row: number, idAt: (row: number) => string, parent: Int32Array): VhdRecord {
  const parentName = table.parentNameAt(row);
  const parentId = parentName === null ? null : parent[row] !== NONE ? idAt(parent[row]) : idFromScanName(parentName);
  const hidden = table.hidden[row] === 1;
  const size = table.sizeBytes[row];
  const capacity = table.capacityBytes[row];
  const record: VhdRecord = {
    id: idAt(row),
    name: table.nameAt(row),
    parentId,
    hidden,
    managed: !hidden,
    isSnapshot: false,
    sizeBytes: Number.isNaN(size) ? 0 : size,
    virtualSizeBytes: Number.isNaN(capacity) ? 0 : capacity,
  };
  if (parentId !== null && (table.flags[row] & NOT_FOUND_IN_SCAN) !== 0) {
    record.parentUnconfirmed = true;
    record.parentNote = parentNote(parentName!, true, false)!;
  }
  return record;
}

/** The forest of a parsed scan: read from its columns when it can, else from its records. */
export function forestFromScan(scan: ScanParseResult): Forest {
  const table = tableFromScan(scan);
  return table === null ? buildForest(recordsFromScan(scan.nodes)) : forestFromTable(table);
}

/**
 * The records a forest is built from, numbered and laid out as columns. A forest reads only
 * these arrays, and asks for an id, a name or a whole record when it has something to say
 * about that VHD: for a scan of 100,000 VHDs, making every record and id string up front
 * costs more than the whole analysis. Two sources fill it: VhdRecord objects (XAPI, tests,
 * any scan) here, and a parsed scan directly (scan-record-table.ts).
 */
import { IdIndex } from './id-index';
import { compareIds, NONE } from './parent-cycles';
import type { Forest, VhdRecord } from './types';

export interface RecordTable {
  /** Records kept (a repeated id keeps its first record), numbered 0.. in input order. */
  readonly count: number;
  /** Number of each record's parent; NONE for a root or a parent that is not among the records. Read only. */
  readonly parent: Int32Array;
  readonly hidden: Uint8Array;
  readonly managed: Uint8Array;
  readonly isSnapshot: Uint8Array;
  /** 1 where the VDI's `other_config['leaf-coalesce']` is `false`. */
  readonly leafCoalesceOff: Uint8Array;
  /** 1 where the record names a parent that is not among the records (listed in `unknownParents`). */
  readonly parentMissing: Uint8Array;
  readonly sizeBytes: Float64Array;
  idAt(i: number): string;
  /** `recordAt(i).name`, without making the record. */
  nameAt(i: number): string;
  recordAt(i: number): VhdRecord;
  /** Number of the record with this id, or NONE. */
  find(id: string): number;
  /** Orders records as `compareIds` orders their ids. */
  compare(a: number, b: number): number;
  readonly unknownParents: Forest['unknownParents'];
  readonly duplicateIds: string[];
}

/** Ancestors of the previous record tried as the parent before the index is asked. */
const NEARBY_STEPS = 4;

/** Number of each record's parent, NONE for a root or a parent that is not there (reported). */
function parentsOf(kept: VhdRecord[], index: IdIndex, unknownParents: Forest['unknownParents'], parentMissing: Uint8Array): Int32Array {
  const ids = index.ids;
  const parent = new Int32Array(kept.length).fill(NONE);
  for (let i = 0; i < kept.length; i++) {
    const parentId = kept[i].parentId;
    if (parentId === null) continue;
    // Records listed as a tree (`vhd-util scan -p`, a depth-first walk) name the previous record
    // or one of its ancestors: a few comparisons of strings often shared with the parent's id.
    let p = NONE;
    for (let j = i - 1, steps = 0; j !== NONE && steps < NEARBY_STEPS; j = parent[j], steps++) {
      if (ids[j] === parentId) {
        p = j;
        break;
      }
    }
    if (p === NONE) p = index.find(parentId);
    if (p !== NONE) parent[i] = p;
    else {
      unknownParents.push({ childId: ids[i], parentId });
      parentMissing[i] = 1;
    }
  }
  return parent;
}

export function tableFromRecords(records: VhdRecord[]): RecordTable {
  const index = new IdIndex(records.length);
  const kept: VhdRecord[] = [];
  const duplicateIds: string[] = [];
  for (const record of records) {
    if (index.add(record.id) === kept.length) kept.push(record);
    else duplicateIds.push(record.id);
  }
  const n = kept.length;
  const hidden = new Uint8Array(n);
  const managed = new Uint8Array(n);
  const isSnapshot = new Uint8Array(n);
  const leafCoalesceOff = new Uint8Array(n);
  const sizeBytes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const record = kept[i];
    hidden[i] = record.hidden ? 1 : 0;
    managed[i] = record.managed ? 1 : 0;
    isSnapshot[i] = record.isSnapshot ? 1 : 0;
    leafCoalesceOff[i] = record.leafCoalesce === 'false' ? 1 : 0;
    sizeBytes[i] = record.sizeBytes;
  }
  const unknownParents: Forest['unknownParents'] = [];
  const parentMissing = new Uint8Array(n);
  const parent = parentsOf(kept, index, unknownParents, parentMissing);
  const ids = index.ids;
  return {
    count: n,
    parent,
    hidden,
    managed,
    isSnapshot,
    leafCoalesceOff,
    parentMissing,
    sizeBytes,
    idAt: (i) => ids[i],
    nameAt: (i) => kept[i].name,
    recordAt: (i) => kept[i],
    find: (id) => index.find(id),
    compare: (a, b) => compareIds(ids[a], ids[b]),
    unknownParents,
    duplicateIds,
  };
}

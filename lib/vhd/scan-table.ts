/**
 * What `parseScan` read, one column per field and one row per kept VHD line, with names left
 * where they sit in the text. A scan of 100,000 VHDs is read into a few typed arrays; a VhdNode
 * object (and its name strings) is made only for a row someone asks for.
 */
import { FirstByName } from './name-index';
import type { VhdNode } from './types';
import { uuidFromName } from './vhd-name';

/** Where a row's parent name came from (VhdNode.parentFrom). */
export const PARENT_NONE = 0;
export const PARENT_FIELD = 1;
export const PARENT_INDENT = 2;
const PARENT_FROM: VhdNode['parentFrom'][] = ['none', 'field', 'indent'];

/** Row flags. */
export const TRUNCATED = 1;
export const NOT_FOUND_IN_SCAN = 2;

export class ScanTable {
  count = 0;
  /** 1-based line number. */
  readonly lineNo: Int32Array;
  /** The name: `text.slice(nameFrom[i], nameTo[i])`. */
  readonly nameFrom: Int32Array;
  readonly nameTo: Int32Array;
  /** The parent's name as printed (in the `parent=` field, or the indentation parent's own line). */
  readonly parentFrom: Int32Array;
  readonly parentTo: Int32Array;
  /** Row of the parent, -1 for a root or a parent not in the scan. */
  readonly parentRow: Int32Array;
  readonly parentKind: Uint8Array;
  /** Tree depth of `-p` output; unused in flat output. */
  readonly indentDepth: Int32Array;
  /** NaN where the line did not say (or was cut before saying). */
  readonly capacityBytes: Float64Array;
  readonly sizeBytes: Float64Array;
  /** 1, 0, or -1 where unknown. */
  readonly hidden: Int8Array;
  readonly flags: Uint8Array;
  /** Rare fields (`-M`, scan errors), by row. */
  readonly marker = new Map<number, number>();
  readonly keyhash = new Map<number, string>();
  readonly scanError = new Map<number, { code: number; message: string }>();
  /** Rows by name (the first line of each name). */
  readonly byName: FirstByName;
  isTree = false;

  constructor(
    readonly text: string,
    capacity: number,
  ) {
    this.lineNo = new Int32Array(capacity);
    this.nameFrom = new Int32Array(capacity);
    this.nameTo = new Int32Array(capacity);
    this.parentFrom = new Int32Array(capacity);
    this.parentTo = new Int32Array(capacity);
    this.parentRow = new Int32Array(capacity);
    this.parentKind = new Uint8Array(capacity);
    this.indentDepth = new Int32Array(capacity);
    this.capacityBytes = new Float64Array(capacity);
    this.sizeBytes = new Float64Array(capacity);
    this.hidden = new Int8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.byName = new FirstByName(text, capacity, this.nameFrom, this.nameTo);
  }

  nameAt(row: number): string {
    return this.text.slice(this.nameFrom[row], this.nameTo[row]);
  }

  /** The parent name, null for a root. */
  parentNameAt(row: number): string | null {
    return this.parentKind[row] === PARENT_NONE ? null : this.text.slice(this.parentFrom[row], this.parentTo[row]);
  }

  /** The row with this name, or -1. */
  findName(name: string): number {
    return this.byName.find(0, name.length, name);
  }

  nodeAt(row: number): VhdNode {
    const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value);
    const hidden = this.hidden[row];
    return {
      name: this.nameAt(row),
      uuid: uuidFromName(this.text, this.nameFrom[row], this.nameTo[row]),
      capacityBytes: nullable(this.capacityBytes[row]),
      sizeBytes: nullable(this.sizeBytes[row]),
      hidden: hidden === -1 ? null : hidden === 1,
      marker: this.marker.get(row) ?? null,
      keyhash: this.keyhash.get(row) ?? null,
      parentName: this.parentNameAt(row),
      parentFrom: PARENT_FROM[this.parentKind[row]],
      indentDepth: this.isTree ? this.indentDepth[row] : null,
      line: this.lineNo[row],
      truncated: (this.flags[row] & TRUNCATED) !== 0,
      notFoundInScan: (this.flags[row] & NOT_FOUND_IN_SCAN) !== 0,
      scanError: this.scanError.get(row) ?? null,
    };
  }

  nodes(): VhdNode[] {
    return Array.from({ length: this.count }, (_, row) => this.nodeAt(row));
  }
}

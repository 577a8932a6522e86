/** The chain model: one shape for VHD trees, whether they came from a scan or from XAPI. */

/** One VHD, normalised from a `vhd-util scan` line or a XAPI VDI record. */
export interface VhdRecord {
  /** VDI uuid when known, else the scan name. Unique within one forest. */
  id: string;
  /** Display name: the scan name or the VDI name_label (untrusted text: never render as HTML). */
  name: string;
  /** id of the parent VHD, null for a root. */
  parentId: string | null;
  /** Base copy: scan `hidden=1`, or XAPI `managed=false`. */
  hidden: boolean;
  /** XAPI `managed`; from a scan, `!hidden`. */
  managed: boolean;
  /** XAPI `is_a_snapshot`; a scan cannot tell (false). */
  isSnapshot: boolean;
  /** Allocated bytes (scan `size`, XAPI `physical_utilisation`). */
  sizeBytes: number;
  /** Virtual size (scan `capacity`, XAPI `virtual_size`). */
  virtualSizeBytes: number;
  srId?: string;
  /** VMs the VDI is attached to (through VBDs). */
  vmIds?: string[];
  /** The parent link could not be trusted (stale `vhd-parent`, `(not found in scan)`). */
  parentUnconfirmed?: boolean;
  /** Why the parent link is unconfirmed, in plain words. */
  parentNote?: string;
  /** VDI `other_config['leaf-coalesce']` (`false` | `force` | `offline`), when set. */
  leafCoalesce?: string;
}

export type GcRole = 'garbage' | 'coalesceable' | 'leaf-coalesceable' | 'none';

export interface ForestNode {
  record: VhdRecord;
  /** Position in `Forest.order`. */
  index: number;
  /** Parent in this forest: null for a root, including a record whose parent is unknown or whose cycle was broken here. */
  parentId: string | null;
  /** ids of the children, non-hidden first, then by id. */
  childIds: string[];
  /** 0 for a root. */
  depth: number;
  /** id of the root of this node's tree. */
  rootId: string;
  /** VHDs from the root to this node, inclusive (= depth + 1). For a leaf, its chain length. */
  chainLength: number;
  /** Height of the subtree under this node (0 for a leaf). */
  height: number;
}

/**
 * Record fields the analyses read for every node, copied per position in `Forest.order`:
 * the nodes lie all over memory, so a pass over these arrays is many times cheaper than
 * one through the records.
 */
export interface ForestColumns {
  hidden: Uint8Array;
  managed: Uint8Array;
  isSnapshot: Uint8Array;
  /** 1 where the VDI's `other_config['leaf-coalesce']` is `false`. */
  leafCoalesceOff: Uint8Array;
  /** 1 where the record names a parent that is not in the forest (it is a root here). */
  parentMissing: Uint8Array;
  childCount: Int32Array;
  sizeBytes: Float64Array;
}

/**
 * VHD trees, worked on by position: positions run parents before their children (breadth first
 * from the roots), and every per-VHD fact is an array indexed by position. Ids, records and
 * nodes are made when asked for: the array-valued ones below on first use, so analyses that
 * run over every VHD read the typed arrays and `idAt`/`recordAt` the few they name.
 */
export interface Forest {
  /** By id, in input order. Read-only: each node is made when first asked for. */
  nodes: Map<string, ForestNode>;
  /** Number of VHDs. */
  size: number;
  /** The id / record at a position. */
  idAt(k: number): string;
  /** `recordAt(k).name` (display name), without making the record. */
  nameAt(k: number): string;
  recordAt(k: number): VhdRecord;
  /** Position of an id, or -1 when the forest has no such VHD. */
  positionOf(id: string): number;
  /** Every id by position (made on first use). */
  readonly order: string[];
  /** The records of `order`, position for position (made on first use). */
  readonly orderRecords: VhdRecord[];
  /** The nodes of `order`, position for position; made on first use (prefer the arrays). */
  readonly orderNodes: ForestNode[];
  /** Position of each node's parent, -1 for a root. */
  parentAt: Int32Array;
  /** Position of each node's first child, -1 for a leaf; the others follow it, in `childIds` order. */
  firstChildAt: Int32Array;
  /** Per position: `ForestNode.depth`, the position of its root, `ForestNode.height`. */
  depthAt: Int32Array;
  rootAt: Int32Array;
  heightAt: Int32Array;
  /** Root positions, tallest tree first (ties in input order). */
  rootAtList: Int32Array;
  /** Tree roots, tallest tree first (ties in input order); made on first use. */
  readonly rootIds: string[];
  /** Leaves (no children), deepest first (ties in tree order, as `childIds`); made on first use. */
  readonly leafIds: string[];
  /** `leafIds` as positions. */
  leafAt: Int32Array;
  columns: ForestColumns;
  /** Parent ids named by some record but not present: the child is treated as a root. */
  unknownParents: { childId: string; parentId: string }[];
  /** Records whose parent links form a cycle: broken at the cycle and reported. */
  cycles: string[][];
  /** Records dropped because their id repeated an earlier record. */
  duplicateIds: string[];
}

/** One leaf's chain, root → leaf. */
export interface Chain {
  leafId: string;
  leafName: string;
  rootId: string;
  /** VHDs root → leaf inclusive. */
  length: number;
  /** Hidden VHDs in the chain. */
  hidden: number;
  /** Allocated bytes of every VHD of the chain. */
  sizeBytes: number;
  /** ids root → leaf. */
  pathIds: string[];
}

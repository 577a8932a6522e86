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
  childCount: Int32Array;
  sizeBytes: Float64Array;
}

export interface Forest {
  /** By id, in input order. Read-only: each node is made when first asked for (the analyses read the arrays below). */
  nodes: Map<string, ForestNode>;
  /** Every id, parents before their children (breadth first from the roots): one pass over it computes any per-chain sum. */
  order: string[];
  /** The records of `order`, position for position. */
  orderRecords: VhdRecord[];
  /** The nodes of `order`, position for position; made on first use (prefer `orderRecords` and the arrays). */
  readonly orderNodes: ForestNode[];
  /** Position in `order` of each node's parent, -1 for a root. */
  parentAt: Int32Array;
  /** Position in `order` of each node's first child, -1 for a leaf; the others follow it, in `childIds` order. */
  firstChildAt: Int32Array;
  /** Per position: `ForestNode.depth`, the position of its root, `ForestNode.height`. */
  depthAt: Int32Array;
  rootAt: Int32Array;
  heightAt: Int32Array;
  /** Tree roots, tallest tree first (ties in input order). */
  rootIds: string[];
  /** Leaves (no children), deepest first (ties in tree order, as `childIds`). */
  leafIds: string[];
  /** `leafIds` as positions in `order`. */
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

/**
 * Chains the GC cannot shorten because snapshots hang off their base copies.
 *
 * The GC only merges a base copy into its parent when that parent has exactly one child
 * (cleanup.py `isCoalesceable`). A snapshot leaf beside the next base copy gives the parent
 * two children, so each such snapshot holds one link of the chain in place until it is
 * deleted — by hand, or by the backup job's snapshot retention.
 *
 * Which leaf is the snapshot: XAPI says (`is_a_snapshot`). A scan cannot tell, so there the
 * leaf beside a base copy that goes on, or the smaller of two leaves, is taken as the
 * snapshot (a fresh snapshot VHD is nearly empty: 8 MiB on LVM).
 */
import type { Forest } from './types';

/** One retained snapshot is normal (delta backups keep the last one); from two on, the chain grows. */
export const MIN_PINNING_SNAPSHOTS = 2;

export interface PinnedChain {
  leafId: string;
  leafName: string;
  length: number;
  /** Hidden VHDs above the leaf. */
  baseCopies: number;
  /** Of those, the ones that also hold a snapshot leaf. */
  pinnedBaseCopies: number;
  /** The pinning snapshot leaves, oldest (nearest the root) first. */
  snapshotIds: string[];
  snapshotNames: string[];
  /** VHDs of this chain the GC can still merge away (their parent has a single child). */
  collapsible: number;
  sentence: string;
}

/** Which nodes are snapshot leaves, and how many each node holds, indexed like `forest.order`. */
function snapshotLeaves(forest: Forest): { snapshots: Uint8Array; snapshotChildren: Int32Array } {
  const { firstChildAt } = forest;
  const { hidden, isSnapshot, childCount, sizeBytes } = forest.columns;
  const n = childCount.length;
  const snapshots = new Uint8Array(n);
  const snapshotChildren = new Int32Array(n);
  const knowsSnapshots = isSnapshot.includes(1);
  for (let k = 0; k < n; k++) {
    if (childCount[k] < 2) continue;
    const first = firstChildAt[k];
    const end = first + childCount[k];
    let goesOn = false;
    let biggest = -1;
    for (let c = first; c < end; c++) {
      if (childCount[c] > 0) goesOn = true;
      else if (hidden[c] === 0 && (biggest === -1 || sizeBytes[c] > sizeBytes[biggest])) biggest = c;
    }
    for (let c = first; c < end; c++) {
      if (childCount[c] > 0 || hidden[c] === 1) continue;
      if (knowsSnapshots ? isSnapshot[c] === 1 : goesOn || c !== biggest) {
        snapshots[c] = 1;
        snapshotChildren[k]++;
      }
    }
  }
  return { snapshots, snapshotChildren };
}

type ChainFacts = Pick<PinnedChain, 'leafName' | 'length' | 'baseCopies' | 'pinnedBaseCopies' | 'collapsible'>;

function sentenceFor(chain: ChainFacts, count: number): string {
  const holders =
    chain.pinnedBaseCopies === chain.baseCopies
      ? `each of its ${chain.baseCopies} base copies also holds a snapshot leaf`
      : `${chain.pinnedBaseCopies} of its ${chain.baseCopies} base copies also hold a snapshot leaf`;
  const outcome =
    chain.collapsible === 0
      ? 'so the GC cannot shorten it'
      : `so the GC can shorten it by ${chain.collapsible} VHD${chain.collapsible === 1 ? '' : 's'} at most`;
  return `${count} snapshots pin the chain of ${chain.leafName} (${chain.length} VHDs): ${holders}, ${outcome}.`;
}

/** Snapshot leaves held beside the chain at node `k`, other than `below` (the chain's own child). */
function heldAt(forest: Forest, k: number, below: number, snapshots: Uint8Array): number {
  const first = forest.firstChildAt[k];
  let held = 0;
  for (let c = first; c < first + forest.columns.childCount[k]; c++) if (c !== below && snapshots[c] === 1) held++;
  return held;
}

function describeChain(forest: Forest, leafAt: number, snapshots: Uint8Array): PinnedChain {
  const { parentAt, firstChildAt } = forest;
  const { hidden, childCount } = forest.columns;
  let baseCopies = 0;
  let pinnedBaseCopies = 0;
  let collapsible = 0;
  let heldCount = 0;
  for (let below = leafAt, k = parentAt[leafAt]; k !== -1; below = k, k = parentAt[k]) {
    const held = heldAt(forest, k, below, snapshots);
    if (hidden[k] === 1) baseCopies++;
    if (childCount[k] === 1) collapsible++;
    if (held > 0 && hidden[k] === 1) pinnedBaseCopies++;
    heldCount += held;
  }
  // Nearest the root first, in child order within a level: fill each level's run from the end.
  const snapshotAt = new Int32Array(heldCount);
  for (let below = leafAt, k = parentAt[leafAt], end = heldCount; k !== -1; below = k, k = parentAt[k]) {
    let at = end - heldAt(forest, k, below, snapshots);
    end = at;
    for (let c = firstChildAt[k]; c < firstChildAt[k] + childCount[k]; c++) {
      if (c !== below && snapshots[c] === 1) snapshotAt[at++] = c;
    }
  }
  const facts: ChainFacts = { leafName: forest.nameAt(leafAt), length: forest.depthAt[leafAt] + 1, baseCopies, pinnedBaseCopies, collapsible };
  // The snapshots' ids and names (a dozen per chain, thousands of chains on a big SR) are made when read.
  let snapshotIds: string[] | null = null;
  let snapshotNames: string[] | null = null;
  return {
    leafId: forest.idAt(leafAt),
    ...facts,
    get snapshotIds(): string[] {
      snapshotIds ??= Array.from(snapshotAt, (c) => forest.idAt(c));
      return snapshotIds;
    },
    get snapshotNames(): string[] {
      snapshotNames ??= Array.from(snapshotAt, (c) => forest.nameAt(c));
      return snapshotNames;
    },
    sentence: sentenceFor(facts, heldCount),
  };
}

/** Snapshots held beside each node's chain, summed parents-first so the pass stays linear. */
function heldAboveOf(parentAt: Int32Array, snapshots: Uint8Array, snapshotChildren: Int32Array): Int32Array {
  const heldAbove = new Int32Array(parentAt.length);
  for (let k = 0; k < parentAt.length; k++) {
    const p = parentAt[k];
    if (p !== -1) heldAbove[k] = heldAbove[p] + snapshotChildren[p] - snapshots[k];
  }
  return heldAbove;
}

/** Chains held by at least `minSnapshots` snapshot leaves, deepest first. */
export function pinnedChains(forest: Forest, minSnapshots: number = MIN_PINNING_SNAPSHOTS): PinnedChain[] {
  const { snapshots, snapshotChildren } = snapshotLeaves(forest);
  const heldAbove = heldAboveOf(forest.parentAt, snapshots, snapshotChildren);
  const pinned: PinnedChain[] = [];
  for (const k of forest.leafAt) {
    if (forest.columns.hidden[k] === 1 || snapshots[k] === 1 || heldAbove[k] < minSnapshots) continue;
    pinned.push(describeChain(forest, k, snapshots));
  }
  return pinned;
}

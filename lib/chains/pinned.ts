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

/** Which nodes are snapshot leaves, indexed like `forest.order`. */
function snapshotLeaves(forest: Forest): Uint8Array {
  const { orderNodes, firstChildAt } = forest;
  const snapshots = new Uint8Array(orderNodes.length);
  const knowsSnapshots = orderNodes.some((node) => node.record.isSnapshot);
  for (let k = 0; k < orderNodes.length; k++) {
    const childCount = orderNodes[k].childIds.length;
    if (childCount < 2) continue;
    const first = firstChildAt[k];
    let goesOn = false;
    let biggest = -1;
    for (let c = first; c < first + childCount; c++) {
      const child = orderNodes[c];
      if (child.childIds.length > 0) goesOn = true;
      else if (!child.record.hidden && (biggest === -1 || child.record.sizeBytes > orderNodes[biggest].record.sizeBytes)) biggest = c;
    }
    for (let c = first; c < first + childCount; c++) {
      const child = orderNodes[c];
      if (child.childIds.length > 0 || child.record.hidden) continue;
      snapshots[c] = (knowsSnapshots ? child.record.isSnapshot : goesOn || c !== biggest) ? 1 : 0;
    }
  }
  return snapshots;
}

function sentenceFor(chain: Omit<PinnedChain, 'sentence'>): string {
  const count = chain.snapshotIds.length;
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

function describeChain(forest: Forest, leafAt: number, snapshots: Uint8Array): PinnedChain {
  const { orderNodes, parentAt, firstChildAt } = forest;
  const heldPerLevel: string[][] = [];
  let baseCopies = 0;
  let pinnedBaseCopies = 0;
  let collapsible = 0;
  for (let below = leafAt, k = parentAt[leafAt]; k !== -1; below = k, k = parentAt[k]) {
    const node = orderNodes[k];
    if (node.record.hidden) baseCopies++;
    if (node.childIds.length === 1) collapsible++;
    const held: string[] = [];
    for (let c = firstChildAt[k]; c < firstChildAt[k] + node.childIds.length; c++) {
      if (c !== below && snapshots[c] === 1) held.push(forest.order[c]);
    }
    if (held.length > 0 && node.record.hidden) pinnedBaseCopies++;
    heldPerLevel.push(held);
  }
  const snapshotIds = heldPerLevel.reverse().flat();
  const leaf = orderNodes[leafAt];
  const chain = {
    leafId: leaf.record.id,
    leafName: leaf.record.name,
    length: leaf.chainLength,
    baseCopies,
    pinnedBaseCopies,
    snapshotIds,
    snapshotNames: snapshotIds.map((id) => forest.nodes.get(id)!.record.name),
    collapsible,
  };
  return { ...chain, sentence: sentenceFor(chain) };
}

/** Chains held by at least `minSnapshots` snapshot leaves, deepest first. */
export function pinnedChains(forest: Forest, minSnapshots: number = MIN_PINNING_SNAPSHOTS): PinnedChain[] {
  const { orderNodes, parentAt } = forest;
  const n = orderNodes.length;
  const snapshots = snapshotLeaves(forest);
  const snapshotChildren = new Int32Array(n);
  for (let k = 0; k < n; k++) if (snapshots[k] === 1) snapshotChildren[parentAt[k]]++;
  // Snapshots held beside each node's chain, summed parents-first so the pass stays linear.
  const heldAbove = new Int32Array(n);
  const candidates: number[] = [];
  for (let k = 0; k < n; k++) {
    const p = parentAt[k];
    if (p === -1) continue;
    heldAbove[k] = heldAbove[p] + snapshotChildren[p] - snapshots[k];
    const node = orderNodes[k];
    if (node.childIds.length === 0 && !node.record.hidden && snapshots[k] === 0 && heldAbove[k] >= minSnapshots) candidates.push(k);
  }
  candidates.sort((a, b) => orderNodes[b].depth - orderNodes[a].depth || (forest.order[a] < forest.order[b] ? -1 : 1));
  return candidates.map((k) => describeChain(forest, k, snapshots));
}

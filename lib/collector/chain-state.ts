/**
 * The coalesce state of one chain, the value whose changes the history keeps:
 * - unknown-parent: some link of the chain cannot be trusted (a `vhd-parent` naming a VHD that
 *   is not there, or one the scan contradicts): we say so instead of inventing a chain;
 * - garbage: the leaf is a hidden VHD with no children, which the GC deletes first;
 * - coalescing: the GC has work on this chain and nothing stops it;
 * - blocked: the GC has work here but cannot do it (switched off on the SR, no space, or
 *   leaf-coalesce set to `false`/`offline` on the leaf, as SM does after giving up on a
 *   live leaf-coalesce);
 * - clean: nothing for the GC to do.
 * Work follows SM's `cleanup.py`: a hidden VHD whose parent has exactly one child can be
 * coalesced; a visible leaf whose parent has exactly one child can be leaf-coalesced.
 */
import type { Forest, GcRole } from '../chains/types';

export type ChainState = 'clean' | 'coalescing' | 'blocked' | 'unknown-parent' | 'garbage';

/** The SR switches that decide whether the GC can act (SR other_config / sm_config). */
export interface SrGcSwitches {
  gcEnabled: boolean;
  coalesceEnabled: boolean;
  leafCoalesceEnabled: boolean;
  gcNoSpace: boolean;
}

export const GC_ALLOWED: SrGcSwitches = { gcEnabled: true, coalesceEnabled: true, leafCoalesceEnabled: true, gcNoSpace: false };

/** VDI `other_config['leaf-coalesce']` values that stop a leaf-coalesce. */
const LEAF_COALESCE_STOPPED = new Set(['false', 'offline']);

/** The state of the chain ending at position `leaf`; `roles` by position (gcRolesByPosition). */
export function chainState(forest: Forest, roles: readonly GcRole[], leaf: number, sr: SrGcSwitches): ChainState {
  if (forest.recordAt(forest.rootAt[leaf]).parentId != null) return 'unknown-parent';
  let coalesceWork = false;
  for (let at = leaf; at !== -1; at = forest.parentAt[at]) {
    if (forest.recordAt(at).parentUnconfirmed) return 'unknown-parent';
    if (roles[at] === 'coalesceable') coalesceWork = true;
  }
  if (roles[leaf] === 'garbage') return 'garbage';
  const leafRecord = forest.recordAt(leaf);
  const parent = forest.parentAt[leaf];
  const leafWork = !leafRecord.hidden && parent !== -1 && forest.columns.childCount[parent] === 1;
  if (!coalesceWork && !leafWork) return 'clean';
  const gcCanRun = sr.gcEnabled && !sr.gcNoSpace;
  const canCoalesce = gcCanRun && sr.coalesceEnabled;
  const canLeafCoalesce =
    gcCanRun && sr.leafCoalesceEnabled && !LEAF_COALESCE_STOPPED.has(leafRecord.leafCoalesce ?? '');
  return (coalesceWork && canCoalesce) || (leafWork && canLeafCoalesce) ? 'coalescing' : 'blocked';
}

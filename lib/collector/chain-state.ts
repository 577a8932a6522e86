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
import type { Chain, Forest, GcRole } from '../chains/types';

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

export function chainState(forest: Forest, roles: Map<string, GcRole>, chain: Chain, sr: SrGcSwitches): ChainState {
  const rootRecord = forest.nodes.get(chain.rootId)?.record;
  if (rootRecord?.parentId != null) return 'unknown-parent';
  let coalesceWork = false;
  for (const id of chain.pathIds) {
    const node = forest.nodes.get(id);
    if (node === undefined || node.record.parentUnconfirmed) return 'unknown-parent';
    if (roles.get(id) === 'coalesceable') coalesceWork = true;
  }
  const leaf = forest.nodes.get(chain.leafId)!;
  if (roles.get(chain.leafId) === 'garbage') return 'garbage';
  const parent = leaf.parentId === null ? undefined : forest.nodes.get(leaf.parentId);
  const leafWork = !leaf.record.hidden && parent !== undefined && parent.childIds.length === 1;
  if (!coalesceWork && !leafWork) return 'clean';
  const gcCanRun = sr.gcEnabled && !sr.gcNoSpace;
  const canCoalesce = gcCanRun && sr.coalesceEnabled;
  const canLeafCoalesce =
    gcCanRun && sr.leafCoalesceEnabled && !LEAF_COALESCE_STOPPED.has(leaf.record.leafCoalesce ?? '');
  return (coalesceWork && canCoalesce) || (leafWork && canLeafCoalesce) ? 'coalescing' : 'blocked';
}

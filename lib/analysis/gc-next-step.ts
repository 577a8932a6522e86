/**
 * Which merge the SM GC picks next, the way `cleanup.py` searches: `findCoalesceable` (the
 * tallest tree first), then `findLeafCoalesceable`; and the merge SMlog shows under way.
 */
import type { GcStepKind, SimTree } from './gc-sim-tree';
import { uuidPrefixOf } from './smlog-coalesce';

/** The merge the GC is doing now, from SMlog (`openMerges`). */
export interface CurrentMerge {
  kind: 'coalesce' | 'leaf-coalesce';
  uuidPrefix: string;
  startMs: number;
}

export interface Candidate {
  kind: GcStepKind;
  vhdId: string;
  /** Part of the next candidate's work: takes no time of its own. */
  within?: boolean;
}

/** `findCoalesceable`: a hidden VHD with children whose parent has only it; the tallest tree first, then SM's order. */
export function nextCoalesce(tree: SimTree): Candidate | null {
  let best: { id: string; height: number; rank: number } | null = null;
  for (const r of tree.nodes.values()) {
    if (!r.hidden || tree.kids(r.id).length === 0 || !r.parentId || tree.kids(r.parentId).length !== 1) continue;
    const height = tree.height(tree.rootOf(r.id));
    const rank = tree.rank.get(r.id) ?? 0;
    if (!best || height > best.height || (height === best.height && rank < best.rank)) best = { id: r.id, height, rank };
  }
  return best ? { kind: 'coalesce', vhdId: best.id } : null;
}

/**
 * `findLeafCoalesceable`: the first visible leaf alone under its parent, not switched off. A
 * blocked leaf still gets its rounds of snapshot-coalesce, once per GC process, before SM gives up.
 */
export function nextLeafCoalesce(tree: SimTree, blocked: ReadonlySet<string>, tried: Set<string>, stuck: Set<string>): Candidate | null {
  let best: { candidate: Candidate; rank: number } | null = null;
  for (const r of tree.nodes.values()) {
    if (r.hidden || tree.kids(r.id).length > 0 || !r.parentId || tree.kids(r.parentId).length !== 1) continue;
    if (r.leafCoalesce === 'false') continue;
    if (blocked.has(r.id)) stuck.add(r.id);
    if (tried.has(r.id)) continue;
    const rank = tree.rank.get(r.id) ?? 0;
    const kind = blocked.has(r.id) ? 'give-up' : 'leaf-coalesce';
    if (!best || rank < best.rank) best = { candidate: { kind, vhdId: r.id }, rank };
  }
  return best?.candidate ?? null;
}

/** The GC's current merge, if it names a VHD that is still a candidate of that kind. */
export function currentCandidate(tree: SimTree, current: CurrentMerge | null | undefined, blocked: ReadonlySet<string>): Candidate | null {
  if (!current) return null;
  for (const r of tree.nodes.values()) {
    if (uuidPrefixOf(r.id) !== current.uuidPrefix || !r.parentId || tree.kids(r.parentId).length !== 1) continue;
    const kids = tree.kids(r.id).length;
    if (current.kind === 'coalesce' && r.hidden && kids > 0) return { kind: 'coalesce', vhdId: r.id };
    if (current.kind === 'leaf-coalesce' && !r.hidden && kids === 0) return { kind: blocked.has(r.id) ? 'give-up' : 'leaf-coalesce', vhdId: r.id };
  }
  return null;
}

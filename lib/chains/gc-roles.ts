/**
 * What the SM garbage collector (`drivers/cleanup.py`) will do with each VHD, decided the way
 * it decides:
 * - garbage (`getAllPrunable`): a hidden VHD with no children, or a VHD all of whose
 *   children are garbage; the GC deletes these first.
 * - coalesceable (`isCoalesceable`): hidden, has a parent, has children, and its parent has
 *   exactly one child (itself); the GC merges it into its parent.
 * - leaf-coalesceable (`isLeafCoalesceable` + `findLeafCoalesceable`): not hidden, no
 *   children, its parent has exactly one child, and VDI `other_config['leaf-coalesce']` is
 *   not `false`.
 * SR-wide switches (SR `other_config` `gc`/`coalesce`/`leaf-coalesce` = `false`) and
 * reset-on-boot VDIs are not in the records; callers that know them decide on top of this.
 */
import type { Forest, GcRole } from './types';

export interface GcCounts {
  garbage: number;
  coalesceable: number;
  leafCoalesceable: number;
}

/** Role codes, indexes into ROLES: a byte per VHD rather than a string. */
const ROLES: GcRole[] = ['none', 'garbage', 'coalesceable', 'leaf-coalesceable'];
const GARBAGE = 1;
const COALESCEABLE = 2;
const LEAF_COALESCEABLE = 3;

/** 1 for garbage: children come after their parents, so one backward pass. */
function garbageFlags(forest: Forest): Uint8Array {
  const { firstChildAt } = forest;
  const { hidden, childCount } = forest.columns;
  const garbage = new Uint8Array(forest.size);
  for (let k = garbage.length - 1; k >= 0; k--) {
    if (childCount[k] === 0) {
      garbage[k] = hidden[k];
      continue;
    }
    let all = 1;
    for (let c = firstChildAt[k]; c < firstChildAt[k] + childCount[k] && all === 1; c++) all = garbage[c];
    garbage[k] = all;
  }
  return garbage;
}

function roleCodes(forest: Forest): Uint8Array {
  const { parentAt, columns } = forest;
  const { hidden, childCount, leafCoalesceOff } = columns;
  const n = forest.size;
  const garbage = garbageFlags(forest);
  const codes = garbage;
  for (let k = 0; k < n; k++) {
    // Both kinds of coalesce need a parent whose only child is this VHD.
    const p = parentAt[k];
    if (garbage[k] === 1 || p === -1 || childCount[p] !== 1) continue;
    if (hidden[k] === 1 && childCount[k] > 0) codes[k] = COALESCEABLE;
    else if (hidden[k] === 0 && childCount[k] === 0 && leafCoalesceOff[k] === 0) codes[k] = LEAF_COALESCEABLE;
  }
  return codes;
}

/** The GC role of every VHD, indexed like `forest.order`. */
export function gcRolesByPosition(forest: Forest): GcRole[] {
  return Array.from(roleCodes(forest), (code) => ROLES[code]);
}

/** The GC role of every VHD of the forest, by id. */
export function gcRoles(forest: Forest): Map<string, GcRole> {
  const roles = gcRolesByPosition(forest);
  return new Map(forest.order.map((id, k) => [id, roles[k]]));
}

export function gcCounts(forest: Forest): GcCounts {
  const counts: GcCounts = { garbage: 0, coalesceable: 0, leafCoalesceable: 0 };
  for (const code of roleCodes(forest)) {
    if (code === GARBAGE) counts.garbage++;
    else if (code === COALESCEABLE) counts.coalesceable++;
    else if (code === LEAF_COALESCEABLE) counts.leafCoalesceable++;
  }
  return counts;
}

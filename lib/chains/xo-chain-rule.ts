/**
 * Xen Orchestra's "VDI chain protection", as in @xen-orchestra/xapi `vm.mjs`
 * (`assertHealthyVdiChains` / `_assertHealthyVdiChain`):
 * before it snapshots a VM, XO walks from each VDI attached to it up through
 * `sm_config['vhd-parent']`. Every VDI on the way (the starting one included) that is
 * unmanaged (a base copy) and whose children in the SR are exactly one, itself unmanaged,
 * spends one unit of tolerance; when a VDI's walk needs more than the tolerance
 * (`maxUncoalescedVdis`, default 1), XO throws `unhealthy VDI chain` and the backup is
 * skipped ("Job canceled to protect the VDI chain"). Each VDI gets the full tolerance, and
 * a parent XO cannot find ends the walk quietly.
 *
 * To predict exactly what XO will do, build the forest from XAPI's own `vhd-parent` links
 * (not reconciled with a scan): XO sees those, stale or not.
 */
import type { Forest } from './types';

export const XO_DEFAULT_TOLERANCE = 1;
/** XO's health view puts an alarm on an SR from this many "VDIs to coalesce". */
export const XO_VDIS_TO_COALESCE_ALARM = 10;

export interface XoVdiCheck {
  vdiId: string;
  name: string;
  /** False when the VDI is not in the forest: XO logs a warning and lets the backup run. */
  found: boolean;
  uncoalesced: number;
  /** The base copies that each spent one unit of tolerance, nearest first. */
  uncoalescedIds: string[];
  healthy: boolean;
}

export interface XoChainVerdict {
  healthy: boolean;
  /** The highest count among the VDIs. */
  uncoalesced: number;
  tolerance: number;
  perVdi: XoVdiCheck[];
  reason: string;
}

/** An unmanaged VDI whose only child is unmanaged too: one unit of XO's tolerance. */
function isUncoalescedAt(forest: Forest, k: number): boolean {
  const { managed, childCount } = forest.columns;
  return managed[k] === 0 && childCount[k] === 1 && managed[forest.firstChildAt[k]] === 0;
}

/** For every VHD, what XO's walk from it would count (itself and its ancestors), indexed like `forest.order`. */
export function xoUncoalescedByPosition(forest: Forest): Int32Array {
  const { parentAt } = forest;
  const counts = new Int32Array(parentAt.length);
  for (let k = 0; k < parentAt.length; k++) {
    counts[k] = (parentAt[k] === -1 ? 0 : counts[parentAt[k]]) + (isUncoalescedAt(forest, k) ? 1 : 0);
  }
  return counts;
}

function checkVdi(forest: Forest, vdiId: string, tolerance: number): XoVdiCheck {
  const start = forest.positionOf(vdiId);
  if (start === -1) {
    return { vdiId, name: vdiId, found: false, uncoalesced: 0, uncoalescedIds: [], healthy: true };
  }
  const uncoalescedIds: string[] = [];
  for (let k = start; k !== -1; k = forest.parentAt[k]) {
    if (isUncoalescedAt(forest, k)) uncoalescedIds.push(forest.idAt(k));
  }
  const uncoalesced = uncoalescedIds.length;
  // XO spends tolerance with `tolerance-- <= 0`: the first count beyond max(tolerance, 0) throws.
  const healthy = uncoalesced === 0 || uncoalesced <= tolerance;
  return { vdiId, name: forest.nameAt(start), found: true, uncoalesced, uncoalescedIds, healthy };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function reasonFor(perVdi: XoVdiCheck[], tolerance: number): string {
  const checked = perVdi.filter((check) => check.found);
  if (checked.length === 0) return 'No VDI of this VM is known here: XO finds nothing to check and runs the backup.';
  const failing = checked.find((check) => !check.healthy);
  const worst = failing ?? checked.reduce((a, b) => (b.uncoalesced > a.uncoalesced ? b : a));
  const counted = `${plural(worst.uncoalesced, 'uncoalesced base copy', 'uncoalesced base copies')} above ${worst.name}`;
  const verdict = failing
    ? 'backup skipped (Job canceled to protect the VDI chain)'
    : 'the backup goes ahead';
  return `${counted}; XO tolerates ${tolerance} → ${verdict}`;
}

export function xoChainVerdict(
  forest: Forest,
  vdiIds: string[],
  tolerance: number = XO_DEFAULT_TOLERANCE,
): XoChainVerdict {
  const perVdi = [...new Set(vdiIds)].map((id) => checkVdi(forest, id, tolerance));
  return {
    healthy: perVdi.every((check) => check.healthy),
    uncoalesced: perVdi.reduce((max, check) => Math.max(max, check.uncoalesced), 0),
    tolerance,
    perVdi,
    reason: reasonFor(perVdi, tolerance),
  };
}

export interface XoVdiToCoalesce {
  id: string;
  name: string;
  /** VDIs from this one up to its root (itself included) that have exactly one child. */
  length: number;
}

export interface XoVdisToCoalesce {
  /** How many VDIs XO lists under "VDIs to coalesce" for the SR (the number it alarms on). */
  count: number;
  vdis: XoVdiToCoalesce[];
  /** Distinct VDIs with exactly one child on those chains (xo-server's `nUnhealthyVdis`). */
  distinctSingleChildAncestors: number;
  /** Managed VDIs whose chain stops at a parent that is not there (XO: "VDIs with invalid VHD parent"). */
  unknownParentVdis: { id: string; parentId: string }[];
  alarm: boolean;
}

/** Per position: the VDIs from it up to its root (itself included) that have exactly one child. */
function singleChildrenAbove(forest: Forest): Int32Array {
  const { parentAt } = forest;
  const { childCount } = forest.columns;
  const above = new Int32Array(forest.size);
  for (let k = 0; k < above.length; k++) {
    const p = parentAt[k];
    above[k] = (p === -1 ? 0 : above[p]) + (childCount[k] === 1 ? 1 : 0);
  }
  return above;
}

/** The number XO shows and alarms on: `xoVdisToCoalesce(forest).count`, without listing them. */
export function xoVdisToCoalesceCount(forest: Forest): number {
  const { managed, isSnapshot } = forest.columns;
  const above = singleChildrenAbove(forest);
  let count = 0;
  for (let k = 0; k < above.length; k++) if (managed[k] === 1 && isSnapshot[k] === 0 && above[k] > 0) count++;
  return count;
}

/**
 * XO's SR "VDIs to coalesce" (xo-server `getVdiChainsInfo`): every managed, non-snapshot
 * VDI whose chain holds at least one VDI with exactly one child, managed or not, is listed
 * once, with that count as its length.
 */
export function xoVdisToCoalesce(forest: Forest): XoVdisToCoalesce {
  const { parentAt, rootAt } = forest;
  const { managed, isSnapshot, childCount, parentMissing } = forest.columns;
  const n = forest.size;
  const singleChildAbove = singleChildrenAbove(forest);
  const vdis: XoVdiToCoalesce[] = [];
  const unknownParentVdis: XoVdisToCoalesce['unknownParentVdis'] = [];
  const onCheckedChain = new Uint8Array(n);
  let distinctSingleChildAncestors = 0;
  for (let k = 0; k < n; k++) {
    if (managed[k] === 0 || isSnapshot[k] === 1) continue;
    if (singleChildAbove[k] > 0) vdis.push({ id: forest.idAt(k), name: forest.nameAt(k), length: singleChildAbove[k] });
    for (let c = k; c !== -1 && onCheckedChain[c] === 0; c = parentAt[c]) {
      onCheckedChain[c] = 1;
      if (childCount[c] === 1) distinctSingleChildAncestors++;
    }
    if (parentMissing[rootAt[k]] === 1) unknownParentVdis.push({ id: forest.idAt(k), parentId: forest.recordAt(rootAt[k]).parentId! });
  }
  vdis.sort((a, b) => b.length - a.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    count: vdis.length,
    vdis,
    distinctSingleChildAncestors,
    unknownParentVdis,
    alarm: vdis.length >= XO_VDIS_TO_COALESCE_ALARM,
  };
}

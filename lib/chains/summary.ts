/**
 * The analysis of one forest that the CLI prints and the collector stores (plain JSON), and
 * the findings a person can act on.
 */
import { gcCounts, type GcCounts } from './gc-roles';
import { MAX_CHAIN_SIZE, NEAR_LIMIT_MARGIN, nearLimit, type ChainLimit } from './limits';
import { MIN_PINNING_SNAPSHOTS, pinnedChains, type PinnedChain } from './pinned';
import type { Forest } from './types';
import {
  XO_DEFAULT_TOLERANCE,
  XO_VDIS_TO_COALESCE_ALARM,
  xoChainVerdict,
  xoUncoalescedByPosition,
  xoVdisToCoalesceCount,
} from './xo-chain-rule';

export interface SummaryOptions {
  /** XO's `maxUncoalescedVdis`. */
  tolerance?: number;
  /** Warn when this many snapshots or fewer are left before SM's limit. */
  nearLimitMargin?: number;
  minPinningSnapshots?: number;
}

export interface ChainRow {
  leafId: string;
  /** Leaf name. */
  leaf: string;
  length: number;
  /** Hidden VHDs in the chain. */
  hidden: number;
  sizeBytes: number;
}

/** A disk whose next backup XO would skip. */
export interface XoSkip {
  leafId: string;
  leaf: string;
  uncoalesced: number;
  reason: string;
}

export interface ForestSummary {
  nodes: number;
  hiddenNodes: number;
  trees: number;
  maxChainLength: number;
  /** Names of the leaves whose chain is the longest. */
  deepestLeaves: string[];
  /** One per leaf, deepest first. */
  chains: ChainRow[];
  gc: GcCounts;
  /** What XO's SR health view lists under "VDIs to coalesce". */
  xoVdisToCoalesce: number;
  xoTolerance: number;
  xoSkips: XoSkip[];
  nearLimit: ChainLimit[];
  pinned: PinnedChain[];
  unknownParents: Forest['unknownParents'];
  cycles: string[][];
  duplicateIds: string[];
}

/** Hidden VHDs and bytes from the root down to every position, and the hidden count. */
function chainSums(forest: Forest): { hiddenAbove: Int32Array; bytesAbove: Float64Array; hiddenNodes: number } {
  const { parentAt } = forest;
  const { hidden, sizeBytes } = forest.columns;
  const n = forest.size;
  const hiddenAbove = new Int32Array(n);
  const bytesAbove = new Float64Array(n);
  let hiddenNodes = 0;
  for (let k = 0; k < n; k++) {
    const p = parentAt[k];
    hiddenNodes += hidden[k];
    hiddenAbove[k] = (p === -1 ? 0 : hiddenAbove[p]) + hidden[k];
    bytesAbove[k] = (p === -1 ? 0 : bytesAbove[p]) + sizeBytes[k];
  }
  return { hiddenAbove, bytesAbove, hiddenNodes };
}

function xoSkips(forest: Forest, tolerance: number): XoSkip[] {
  const counts = xoUncoalescedByPosition(forest);
  const skips: XoSkip[] = [];
  const { managed, isSnapshot } = forest.columns;
  for (const k of forest.leafAt) {
    const uncoalesced = counts[k];
    if (managed[k] === 0 || isSnapshot[k] === 1 || uncoalesced === 0 || uncoalesced <= tolerance) continue;
    const leafId = forest.idAt(k);
    const { reason } = xoChainVerdict(forest, [leafId], tolerance);
    skips.push({ leafId, leaf: forest.nameAt(k), uncoalesced, reason });
  }
  return skips;
}

/**
 * Everything is computed here; only `chains`, one row per leaf (tens of thousands on a big SR),
 * is turned into objects when first read (JSON.stringify reads it like any property).
 */
export function summarizeForest(forest: Forest, opts: SummaryOptions = {}): ForestSummary {
  const tolerance = opts.tolerance ?? XO_DEFAULT_TOLERANCE;
  const { leafAt, depthAt } = forest;
  const { hiddenAbove, bytesAbove, hiddenNodes } = chainSums(forest);
  const maxChainLength = leafAt.length === 0 ? 0 : depthAt[leafAt[0]] + 1;
  const deepestLeaves: string[] = [];
  for (let j = 0; j < leafAt.length && depthAt[leafAt[j]] + 1 === maxChainLength; j++) deepestLeaves.push(forest.nameAt(leafAt[j]));
  let chains: ChainRow[] | null = null;
  return {
    nodes: forest.size,
    hiddenNodes,
    trees: forest.rootAtList.length,
    maxChainLength,
    deepestLeaves,
    get chains(): ChainRow[] {
      chains ??= Array.from(leafAt, (k) => ({
        leafId: forest.idAt(k),
        leaf: forest.nameAt(k),
        length: depthAt[k] + 1,
        hidden: hiddenAbove[k],
        sizeBytes: bytesAbove[k],
      }));
      return chains;
    },
    gc: gcCounts(forest),
    xoVdisToCoalesce: xoVdisToCoalesceCount(forest),
    xoTolerance: tolerance,
    xoSkips: xoSkips(forest, tolerance),
    nearLimit: nearLimit(forest, opts.nearLimitMargin ?? NEAR_LIMIT_MARGIN),
    pinned: pinnedChains(forest, opts.minPinningSnapshots ?? MIN_PINNING_SNAPSHOTS),
    unknownParents: forest.unknownParents,
    cycles: forest.cycles,
    duplicateIds: forest.duplicateIds,
  };
}

export interface Finding {
  severity: 'info' | 'warning' | 'critical';
  code: string;
  message: string;
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1, info: 2 };
const LISTED = 5;

function listOf(items: string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function chainFindings(s: ForestSummary): Finding[] {
  const findings: Finding[] = [];
  const atLimit = s.nearLimit.filter((l) => l.snapshotsLeft === 0);
  const near = s.nearLimit.filter((l) => l.snapshotsLeft > 0);
  if (atLimit.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'chain-at-limit',
      message: `${listOf(atLimit.map((l) => `${l.leafName} (${l.length} VHDs)`))}: snapshots fail now (SnapshotChainTooLong at ${MAX_CHAIN_SIZE}), and so does every backup that needs one. Delete the snapshots of these disks you no longer need so the GC can coalesce their chains.`,
    });
  }
  if (near.length > 0) {
    findings.push({
      severity: 'warning',
      code: 'chain-near-limit',
      message: `${listOf(near.map((l) => `${l.leafName} (${l.length} VHDs, ${plural(l.snapshotsLeft, 'snapshot', 'snapshots')} left)`))}: snapshots will fail at ${MAX_CHAIN_SIZE}. Delete old snapshots or let the GC catch up before then.`,
    });
  }
  if (s.xoSkips.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'xo-backup-skip',
      message: `XO will skip the next backup of ${plural(s.xoSkips.length, 'disk', 'disks')}: ${s.xoSkips[0].reason}. Let the GC coalesce first (check SMlog for SMGC errors or "No space to coalesce"), or space the backups out.`,
    });
  }
  for (const chain of s.pinned.slice(0, LISTED)) {
    findings.push({
      severity: 'warning',
      code: 'pinned-chain',
      message: `${chain.sentence} Delete the snapshots you no longer need (${listOf(chain.snapshotNames)}), or wait for the backup retention to remove them; the GC then coalesces the chain.`,
    });
  }
  if (s.pinned.length > LISTED) {
    findings.push({ severity: 'warning', code: 'pinned-chain', message: `${s.pinned.length - LISTED} more chains are pinned by snapshots the same way.` });
  }
  return findings;
}

function gcFindings(s: ForestSummary): Finding[] {
  const findings: Finding[] = [];
  if (s.xoVdisToCoalesce >= XO_VDIS_TO_COALESCE_ALARM) {
    findings.push({
      severity: 'warning',
      code: 'xo-vdis-to-coalesce',
      message: `XO will list ${s.xoVdisToCoalesce} VDIs to coalesce on this SR (its health view alarms from ${XO_VDIS_TO_COALESCE_ALARM}): the GC is behind the backups. Check SMlog for SMGC errors or lack of space, and space the backups out.`,
    });
  }
  if (s.gc.coalesceable > 0) {
    findings.push({
      severity: 'info',
      code: 'coalesce-backlog',
      message: `${plural(s.gc.coalesceable, 'base copy is', 'base copies are')} waiting to be coalesced: the GC merges one at a time, tallest tree first, and each merge shortens a chain by one.`,
    });
  }
  if (s.gc.leafCoalesceable > 0) {
    findings.push({
      severity: 'info',
      code: 'leaf-coalesce-pending',
      message: `${plural(s.gc.leafCoalesceable, 'disk', 'disks')} can be leaf-coalesced into a single base copy: the GC does it live when the data fits a short VM pause, otherwise it snapshots and tries again.`,
    });
  }
  if (s.gc.garbage > 0) {
    findings.push({
      severity: 'info',
      code: 'garbage',
      message: `${plural(s.gc.garbage, 'hidden VHD has', 'hidden VHDs have')} nothing left that uses them: the GC deletes them on its next run.`,
    });
  }
  return findings;
}

function dataFindings(s: ForestSummary): Finding[] {
  const findings: Finding[] = [];
  if (s.cycles.length > 0) {
    findings.push({
      severity: 'critical',
      code: 'parent-cycle',
      message: `${plural(s.cycles.length, 'parent cycle', 'parent cycles')} found (${s.cycles[0].join(' → ')} → back): these VHDs name each other as parents, which a sound SR never shows. Check them with vhd-util check before any snapshot, delete or coalesce; the tree here is cut at ${s.cycles[0][0]}.`,
    });
  }
  if (s.unknownParents.length > 0) {
    const first = s.unknownParents[0];
    findings.push({
      severity: 'warning',
      code: 'unknown-parent',
      message: `${plural(s.unknownParents.length, 'VHD names a parent', 'VHDs name a parent')} that is not here (${first.childId} → ${first.parentId}): their chains are counted from there down, so the real chains may be longer. Rescan the SR and compare vhd-util scan with XAPI before deleting anything.`,
    });
  }
  if (s.duplicateIds.length > 0) {
    findings.push({
      severity: 'warning',
      code: 'duplicate-vhd',
      message: `${plural(s.duplicateIds.length, 'VHD appears', 'VHDs appear')} more than once (${listOf(s.duplicateIds)}): only the first of each was used. Check that the input holds one scan of one SR.`,
    });
  }
  return findings;
}

export function diagnose(summary: ForestSummary): Finding[] {
  const findings = [...chainFindings(summary), ...dataFindings(summary), ...gcFindings(summary)];
  if (!findings.some((f) => f.severity !== 'info')) {
    findings.push({
      severity: 'info',
      code: 'healthy',
      message: `No chain problem: ${plural(summary.nodes, 'VHD', 'VHDs')} in ${plural(summary.trees, 'tree', 'trees')}, longest chain ${summary.maxChainLength} (SM's limit is ${MAX_CHAIN_SIZE}).`,
    });
  }
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

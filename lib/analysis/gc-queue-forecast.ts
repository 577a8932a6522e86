/**
 * What the SM garbage collector will do next on one SR, and when, played forward the way
 * `cleanup.py` works: after a 5-minute quiet period the GC loops, one step at a time,
 * rescanning between steps: delete garbage first, else coalesce one pair picked from the
 * tallest tree, else leaf-coalesce one leaf; until nothing is left that it may do.
 * Durations come from the measured coalesce speed; without one, the order is known but
 * not the times, and the ETAs say "unknown" instead of guessing.
 */
import type { VhdRecord } from '../chains/types';
import { formatBytes, formatDuration, formatRate, formatUtc, plural } from './format';
import { type GcStep, type GcStepKind, SimTree } from './gc-sim-tree';

export type { GcStep, GcStepKind };

export interface GcQueueInput {
  srId: string;
  records: readonly VhdRecord[];
  bytesPerSec: number | null;
  /** When the SR's GC process started, null when none runs now. */
  gcRunningSinceMs: number | null;
  /** Leaves live leaf-coalesce will not merge (the GC gave up: oscillating, `leaf-coalesce = offline`). */
  blockedLeafIds?: ReadonlySet<string>;
  /** Leaves of running VMs: their leaf-coalesce must fit in 5 s of VM pause, or go through snapshot-coalesce. */
  liveLeafIds?: ReadonlySet<string>;
  /** SR `other_config` `gc` / `coalesce` / `leaf-coalesce`; false disables. */
  switches?: { gc?: boolean; coalesce?: boolean; leafCoalesce?: boolean };
}

export interface GcQueueOptions {
  /** `GCPAUSE_DEFAULT_SLEEP`: the GC goes quiet this long before its first step (default 5 min). */
  quietMs?: number;
  /** Rescan and bookkeeping between steps (default 10 s). */
  stepOverheadMs?: number;
}

export type ChainEtaStatus = 'clean' | 'will-clean' | 'blocked' | 'unknown';

export interface ChainEta {
  leafId: string;
  status: ChainEtaStatus;
  /** When the last merge that shortens this chain ends; now when clean; null when blocked or unknown. */
  cleanAtMs: number | null;
  pendingSteps: number;
  pendingBytes: number;
  reason: string;
}

export interface GcQueueForecast {
  srId: string;
  bytesPerSec: number | null;
  /** When the GC's first step starts (after its quiet period); null with nothing to do. */
  startsAtMs: number | null;
  steps: GcStep[];
  chains: ChainEta[];
  status: 'clear' | 'will-clear' | 'blocked' | 'unknown';
  /** When the backlog is gone; null when it never goes (blocked) or the speed is unknown. */
  backlogClearAtMs: number | null;
  backlogBytes: number;
  blocked: { vhdId: string; reason: string }[];
  summary: string;
}

/** Live leaf-coalesce pauses the VM; SM allows it only if it fits in this long. */
export const LIVE_LEAF_COALESCE_MAX_MS = 5_000;
/** Snapshot-coalesce: the extra snapshot, relink and final live merge of each attempt. */
const SNAPSHOT_COALESCE_OVERHEAD_MS = 30_000;

interface Candidate {
  kind: GcStepKind;
  vhdId: string;
}

/** `findCoalesceable`: a hidden VHD with children whose parent has only it; the tallest tree first. */
function nextCoalesce(tree: SimTree): Candidate | null {
  let best: { id: string; height: number; depth: number } | null = null;
  for (const r of tree.nodes.values()) {
    if (!r.hidden || tree.kids(r.id).length === 0 || !r.parentId || tree.kids(r.parentId).length !== 1) continue;
    const height = tree.height(tree.rootOf(r.id));
    const depth = tree.depth(r.id);
    if (!best || height > best.height || (height === best.height && (depth < best.depth || (depth === best.depth && r.id < best.id)))) {
      best = { id: r.id, height, depth };
    }
  }
  return best ? { kind: 'coalesce', vhdId: best.id } : null;
}

/** `findLeafCoalesceable`: a visible leaf alone under its parent, not switched off, not given up on. */
function nextLeafCoalesce(tree: SimTree, skip: ReadonlySet<string>, blocked: Set<string>): Candidate | null {
  let best: { id: string; height: number } | null = null;
  for (const r of tree.nodes.values()) {
    if (r.hidden || tree.kids(r.id).length > 0 || !r.parentId || tree.kids(r.parentId).length !== 1) continue;
    if (r.leafCoalesce === 'false') continue;
    if (skip.has(r.id)) {
      blocked.add(r.id);
      continue;
    }
    const height = tree.height(tree.rootOf(r.id));
    if (!best || height > best.height || (height === best.height && r.id < best.id)) best = { id: r.id, height };
  }
  return best ? { kind: 'leaf-coalesce', vhdId: best.id } : null;
}

function durationMs(candidate: Candidate, bytes: number, input: GcQueueInput): number | null {
  if (candidate.kind === 'garbage') return 0;
  if (input.bytesPerSec === null || input.bytesPerSec <= 0) return null;
  const mergeMs = (bytes / input.bytesPerSec) * 1000;
  const live = candidate.kind === 'leaf-coalesce' && (input.liveLeafIds?.has(candidate.vhdId) ?? false);
  return live && mergeMs > LIVE_LEAF_COALESCE_MAX_MS ? mergeMs + SNAPSHOT_COALESCE_OVERHEAD_MS : mergeMs;
}

/** Plays the GC forward from `nowMs` until it has nothing left it may do. */
export function forecastGcQueue(input: GcQueueInput, nowMs: number, options: GcQueueOptions = {}): GcQueueForecast {
  const quietMs = options.quietMs ?? 5 * 60_000;
  const overheadMs = options.stepOverheadMs ?? 10_000;
  const sw = input.switches ?? {};
  const tree = new SimTree(input.records);
  const blocked = new Set<string>();
  const skip = input.blockedLeafIds ?? new Set<string>();
  const steps: GcStep[] = [];
  const startsAtMs = input.gcRunningSinceMs === null ? nowMs + quietMs : Math.max(nowMs, input.gcRunningSinceMs + quietMs);
  let t: number | null = startsAtMs;

  // Every step removes a VHD, so this ends; the bound only guards against a bug.
  while (sw.gc !== false && steps.length <= input.records.length) {
    const garbage = tree.garbage();
    const candidates: Candidate[] = garbage.length > 0 ? garbage.map((vhdId) => ({ kind: 'garbage', vhdId })) : [];
    if (candidates.length === 0) {
      const next = (sw.coalesce !== false ? nextCoalesce(tree) : null) ?? (sw.leafCoalesce !== false ? nextLeafCoalesce(tree, skip, blocked) : null);
      if (!next) break;
      candidates.push(next);
    }
    for (const c of candidates) {
      const node = tree.nodes.get(c.vhdId)!;
      const leafIds = c.kind === 'garbage' ? [] : tree.leavesUnder(c.vhdId);
      const d = durationMs(c, node.sizeBytes, input);
      const endMs: number | null = t === null || d === null ? null : t + d;
      steps.push({ kind: c.kind, vhdId: c.vhdId, parentId: node.parentId, startMs: t, endMs, bytes: c.kind === 'garbage' ? 0 : node.sizeBytes, leafIds });
      tree.apply(c);
      t = endMs;
    }
    t = t === null ? null : t + overheadMs;
  }
  if (sw.coalesce === false) for (const r of tree.nodes.values()) if (nextCoalesceBlocked(tree, r.id)) blocked.add(r.id);

  return summarize(input, nowMs, steps, blocked, steps.length > 0 ? startsAtMs : null, sw);
}

function nextCoalesceBlocked(tree: SimTree, id: string): boolean {
  const r = tree.nodes.get(id)!;
  return r.hidden && tree.kids(id).length > 0 && r.parentId !== null && tree.kids(r.parentId).length === 1;
}

function summarize(
  input: GcQueueInput,
  nowMs: number,
  steps: GcStep[],
  blocked: Set<string>,
  startsAtMs: number | null,
  sw: NonNullable<GcQueueInput['switches']>,
): GcQueueForecast {
  const merges = steps.filter((s) => s.kind !== 'garbage');
  const tree = new SimTree(input.records);
  const blockedLeaves = new Map<string, string>();
  for (const id of blocked) {
    const why = tree.nodes.get(id)?.hidden
      ? 'coalesce is switched off on this SR'
      : 'live leaf-coalesce gave up on it (the VM writes faster than it merges): it needs an offline coalesce';
    for (const leaf of tree.nodes.get(id)?.hidden ? tree.leavesUnder(id) : [id]) blockedLeaves.set(leaf, why);
  }
  const rate = input.bytesPerSec ? ` at ${formatRate(input.bytesPerSec)}` : '';
  const chains: ChainEta[] = [];
  for (const r of tree.nodes.values()) {
    if (r.hidden || tree.kids(r.id).length > 0) continue;
    const mine = merges.filter((s) => s.leafIds.includes(r.id));
    const pendingBytes = mine.reduce((n, s) => n + s.bytes, 0);
    const last = mine[mine.length - 1];
    const work = `${plural(mine.length, 'merge')} left (${formatBytes(pendingBytes)})`;
    const why = blockedLeaves.get(r.id);
    let eta: ChainEta;
    if (sw.gc === false) eta = { leafId: r.id, status: 'blocked', cleanAtMs: null, pendingSteps: 0, pendingBytes: 0, reason: 'The GC is switched off on this SR.' };
    else if (why) eta = { leafId: r.id, status: 'blocked', cleanAtMs: null, pendingSteps: mine.length, pendingBytes, reason: `Not clean until fixed: ${why}.` };
    else if (!last) eta = { leafId: r.id, status: 'clean', cleanAtMs: nowMs, pendingSteps: 0, pendingBytes: 0, reason: 'Nothing left to merge.' };
    else if (last.endMs === null) eta = { leafId: r.id, status: 'unknown', cleanAtMs: null, pendingSteps: mine.length, pendingBytes, reason: `${work}; the coalesce speed of this SR is unknown.` };
    else {
      eta = {
        leafId: r.id,
        status: 'will-clean',
        cleanAtMs: last.endMs,
        pendingSteps: mine.length,
        pendingBytes,
        reason: `${work}: clean at ~${formatUtc(last.endMs)} (in ${formatDuration(last.endMs - nowMs)}${rate}).`,
      };
    }
    chains.push(eta);
  }
  chains.sort((a, b) => (a.leafId < b.leafId ? -1 : 1));

  const backlogBytes = merges.reduce((n, s) => n + s.bytes, 0);
  const lastEnd = steps.length > 0 ? steps[steps.length - 1].endMs : nowMs;
  const stuck = blocked.size > 0 || sw.gc === false;
  const status = stuck ? 'blocked' : steps.length === 0 ? 'clear' : lastEnd === null ? 'unknown' : 'will-clear';
  const summary =
    status === 'clear'
      ? 'Nothing for the GC to do.'
      : status === 'blocked'
        ? `${plural(blockedLeaves.size, 'chain')} cannot be cleaned while things stay as they are; ${plural(merges.length, 'other merge')} (${formatBytes(backlogBytes)}) left.`
        : status === 'unknown'
          ? `${plural(merges.length, 'merge')} (${formatBytes(backlogBytes)}) left; the coalesce speed is unknown, so no ETA.`
          : `${plural(merges.length, 'merge')} (${formatBytes(backlogBytes)}) left: backlog clear at ~${formatUtc(lastEnd!)} (in ${formatDuration(lastEnd! - nowMs)}${rate}).`;
  return {
    srId: input.srId,
    bytesPerSec: input.bytesPerSec,
    startsAtMs,
    steps,
    chains,
    status,
    backlogClearAtMs: status === 'will-clear' || status === 'clear' ? lastEnd : null,
    backlogBytes,
    blocked: [...blocked].sort().map((vhdId) => ({ vhdId, reason: blockedLeaves.get(vhdId) ?? 'coalesce is switched off on this SR' })),
    summary,
  };
}

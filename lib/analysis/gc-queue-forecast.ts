/**
 * What the SM garbage collector will do next on one SR, and when, played forward the way
 * `cleanup.py` works: after a 5-minute quiet period the GC loops, one step at a time,
 * rescanning between steps: delete garbage first, else coalesce one pair picked from the
 * tallest tree, else leaf-coalesce one leaf; until nothing is left that it may do.
 * Durations come from the measured coalesce speed; without one, the order is known but
 * not the times, and the ETAs say "unknown" instead of guessing.
 */
import type { VhdRecord } from '../chains/types';
import { formatBytes, formatDuration, formatRate, formatUtc, NOW_WINDOW_MS, plural } from './format';
import { type Candidate, type CurrentMerge, currentCandidate, nextCoalesce, nextLeafCoalesce } from './gc-next-step';
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
  /**
   * How long SM's snapshot-coalesce rounds on a blocked leaf last before it gives up (from past
   * SMlog): each GC process tries again, and its queue waits meanwhile. Unknown → no ETA after it.
   */
  giveUpMs?: ReadonlyMap<string, number>;
  /** Blocked leaves the running GC process already gave up on: it does not try them again. */
  givenUpThisRun?: ReadonlySet<string>;
  /** Leaves of running VMs: their leaf-coalesce must fit in 5 s of VM pause, or go through snapshot-coalesce. */
  liveLeafIds?: ReadonlySet<string>;
  /** SR `other_config` `gc` / `coalesce` / `leaf-coalesce`; false disables. */
  switches?: { gc?: boolean; coalesce?: boolean; leafCoalesce?: boolean };
  /** The merge the GC is doing now, from SMlog (`openMerges`): it goes first, from when it started. */
  current?: CurrentMerge | null;
  /** Data in leaves whose records do not show it (inflated LVM leaves), e.g. from SMGC's tokens. */
  leafDataBytes?: ReadonlyMap<string, number>;
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

/**
 * Bytes a merge moves. SM keeps the active leaf of an LVM SR inflated to its virtual size, so
 * its record hides its data: unless told, such a leaf is taken as holding only the writes since
 * the snapshot that split it off, small enough for one live pause.
 */
function mergeBytes(node: VhdRecord, kind: GcStepKind, input: GcQueueInput): { bytes: number; estimated: boolean } {
  if (kind === 'garbage' || kind === 'give-up') return { bytes: 0, estimated: false };
  const known = kind === 'leaf-coalesce' ? input.leafDataBytes?.get(node.id) : undefined;
  if (known !== undefined) return { bytes: known, estimated: false };
  const inflated = kind === 'leaf-coalesce' && node.virtualSizeBytes > 0 && node.sizeBytes >= 0.9 * node.virtualSizeBytes;
  if (inflated && input.bytesPerSec) return { bytes: Math.floor((input.bytesPerSec * LIVE_LEAF_COALESCE_MAX_MS) / 1000), estimated: true };
  return { bytes: node.sizeBytes, estimated: false };
}

function durationMs(candidate: Candidate, bytes: number, input: GcQueueInput): number | null {
  if (candidate.kind === 'garbage') return 0;
  if (candidate.kind === 'give-up') return input.giveUpMs?.get(candidate.vhdId) ?? null;
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
  const blockedLeaves = input.blockedLeafIds ?? new Set<string>();
  const tried = new Set<string>(input.givenUpThisRun ?? []);
  const steps: GcStep[] = [];
  const startsAtMs = input.gcRunningSinceMs === null ? nowMs + quietMs : Math.max(nowMs, input.gcRunningSinceMs + quietMs);
  let t: number | null = startsAtMs;
  const current = currentCandidate(tree, input.current, blockedLeaves);

  // Every step removes a VHD, so this ends; the bound only guards against a bug.
  while (sw.gc !== false && steps.length <= input.records.length) {
    const first = steps.length === 0 && current !== null;
    const garbage = first ? [] : tree.garbage();
    const candidates: Candidate[] = garbage.map((vhdId) => ({ kind: 'garbage', vhdId }));
    if (first) {
      // Already under way: it started before now and ends sooner than a fresh one would.
      t = input.current!.startMs;
      const temp = current.kind === 'coalesce' ? undefined : tree.parent(current.vhdId);
      // Coalesce goes before leaf-coalesce, so a mergeable parent under a leaf being
      // leaf-coalesced is snapshot-coalesce's own temporary copy: it goes within the round.
      if (temp?.hidden && temp.parentId && tree.kids(temp.parentId).length === 1) candidates.push({ kind: 'coalesce', vhdId: temp.id, within: true });
      candidates.push(current);
    } else if (candidates.length === 0) {
      const next = (sw.coalesce !== false ? nextCoalesce(tree) : null) ?? (sw.leafCoalesce !== false ? nextLeafCoalesce(tree, blockedLeaves, tried, blocked) : null);
      if (!next) break;
      candidates.push(next);
    }
    for (const c of candidates) {
      const node = tree.nodes.get(c.vhdId)!;
      const leafIds = c.kind === 'garbage' || c.kind === 'give-up' ? [] : tree.leavesUnder(c.vhdId);
      if (c.kind === 'give-up') tried.add(c.vhdId);
      const { bytes, estimated } = mergeBytes(node, c.kind, input);
      if (c.within) {
        steps.push({ kind: c.kind, vhdId: c.vhdId, parentId: node.parentId, startMs: t, endMs: t === null ? null : Math.max(nowMs, t), bytes, leafIds });
        tree.apply(c);
        continue;
      }
      const d = durationMs(c, bytes, input);
      // A round already longer than any before it: when it ends cannot be told.
      const overrun: boolean = c.kind === 'give-up' && d !== null && t !== null && t + d < nowMs;
      const endMs: number | null = t === null || d === null || overrun ? null : Math.max(nowMs, t + d);
      steps.push({ kind: c.kind, vhdId: c.vhdId, parentId: node.parentId, startMs: t, endMs, bytes, leafIds, ...(estimated ? { estimated } : {}) });
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

/** "in 7 m", or "due now" for a time this close or already reached (a merge running longer than the speed says). */
function dueIn(atMs: number, nowMs: number): string {
  return atMs - nowMs < NOW_WINDOW_MS ? 'due now' : `in ${formatDuration(atMs - nowMs)}`;
}

function summarize(
  input: GcQueueInput,
  nowMs: number,
  steps: GcStep[],
  blocked: Set<string>,
  startsAtMs: number | null,
  sw: NonNullable<GcQueueInput['switches']>,
): GcQueueForecast {
  const merges = steps.filter((s) => s.kind === 'coalesce' || s.kind === 'leaf-coalesce');
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
        reason: `${work}: clean at ~${formatUtc(last.endMs)} (${dueIn(last.endMs, nowMs)}${rate}).`,
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
          : `${plural(merges.length, 'merge')} (${formatBytes(backlogBytes)}) left: backlog clear at ~${formatUtc(lastEnd!)} (${dueIn(lastEnd!, nowMs)}${rate}).`;
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

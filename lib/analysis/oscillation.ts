/**
 * "Does the depth oscillate between 1,2,1,2...?" (forum thread, reference/002). When a VM
 * writes faster than live leaf-coalesce can merge, the SM GC snapshots the leaf, merges the
 * snapshot, finds as much new data again, and after 10 iterations (or 3 without progress)
 * gives up and marks the VDI `leaf-coalesce = offline`: the chain flips between two
 * lengths and never settles. Backups also make a chain go up and down (snapshot, then
 * coalesce), so flips right after a VM snapshot are not counted.
 */
import type { SmlogEvent, SmlogEventKind } from '../vhd/types';
import { groupBy } from '../group-by';
import { formatUtc } from './format';
import { round2 } from './robust-stats';
import { uuidPrefixOf } from './smlog-coalesce';
import type { ChainLengthPoint, Confidence, LeafHistory } from './types';

export interface OscillationInput {
  history: LeafHistory;
  smlog: readonly SmlogEvent[];
  /** snapshot_time of the VM's snapshots: flips they explain are not oscillation. */
  snapshotTimesMs?: readonly number[];
  /** VDI `other_config['leaf-coalesce']` now. */
  leafCoalesce?: string;
}

export interface OscillationOptions {
  /** How far back to look (default 24 h). */
  windowMs?: number;
  /** Unexplained flips needed to call it (default 3: 1,2,1,2). */
  minFlips?: number;
  /** A rise this soon after a VM snapshot is the backup's doing (default 10 min). */
  snapshotSlackMs?: number;
}

export interface SmlogEvidence {
  atMs: number;
  kind: SmlogEventKind;
  message: string;
}

export interface OscillationVerdict {
  leafId: string;
  oscillating: boolean;
  confidence: Confidence;
  /** First flip of the alternating run, or the first SMlog sign of it. */
  startedAtMs: number | null;
  /** The two lengths it alternates between. */
  lengths: [number, number] | null;
  /** Flips not explained by a VM snapshot. */
  flips: number;
  evidence: { points: ChainLengthPoint[]; smlog: SmlogEvidence[]; leafCoalesceOffline: boolean };
  summary: string;
  /** What it means, when oscillating. */
  meaning: string | null;
  actions: string[];
}

const GIVE_UP_KINDS = new Set<SmlogEventKind>(['max-iterations', 'no-progress-iterations', 'set-leaf-coalesce-offline', 'snapshot-coalesce-abandoned']);
const STRUGGLE_KINDS = new Set<SmlogEventKind>([...GIVE_UP_KINDS, 'no-progress']);

export const OSCILLATION_ACTIONS = [
  'Offline coalesce: shut the VM down and rescan the SR; the GC merges the leaf after its 5-minute quiet period.',
  'Or move the disk to a faster SR.',
  'Or space the backups further apart so the GC has time to catch up between them.',
];

/**
 * SMlog lines about leaves struggling, by the leaf's uuid prefix (lower case), in time order:
 * one pass over the lines for every leaf. A line without a VDI belongs to the leaf-coalesce
 * under way in that process.
 */
export function struggleEventsByLeaf(events: readonly SmlogEvent[]): Map<string, SmlogEvidence[]> {
  const current = new Map<string, string>();
  const found: { leaf: string; evidence: SmlogEvidence }[] = [];
  for (const e of [...events].sort((a, b) => a.atMs - b.atMs || a.line - b.line)) {
    const key = `${e.host}\u0000${e.pid}`;
    const named = e.vdis[0]?.uuidPrefix.toLowerCase();
    if (e.kind === 'leaf-coalescing' || e.kind === 'leaf-coalesce-candidate') current.set(key, named ?? '');
    if (e.kind === 'gc-start' || e.kind === 'gc-exit') current.delete(key);
    if (!STRUGGLE_KINDS.has(e.kind)) continue;
    const leaf = named ?? current.get(key);
    if (leaf) found.push({ leaf, evidence: { atMs: e.atMs, kind: e.kind, message: e.message } });
  }
  return groupBy(found, (f) => f.leaf, (f) => f.evidence);
}

/** SMlog lines about this leaf struggling. */
export function leafStruggleEvents(events: readonly SmlogEvent[], leafId: string): SmlogEvidence[] {
  return struggleEventsByLeaf(events).get(uuidPrefixOf(leafId)) ?? [];
}

interface Run {
  points: ChainLengthPoint[];
  low: number;
}

/** The latest stretch of change points alternating between two lengths one apart. */
function latestAlternatingRun(points: readonly ChainLengthPoint[]): Run | null {
  let best: Run | null = null;
  let run: ChainLengthPoint[] = [];
  for (const p of points) {
    const prev = run[run.length - 1];
    const low = run.length >= 2 ? Math.min(run[0].length, run[1].length) : null;
    const fits = prev !== undefined && Math.abs(p.length - prev.length) === 1 && (low === null || p.length === low || p.length === low + 1);
    run = fits ? [...run, p] : prev !== undefined && Math.abs(p.length - prev.length) === 1 ? [prev, p] : [p];
    if (run.length >= 2) best = { points: run, low: Math.min(run[0].length, run[1].length) };
  }
  return best;
}

/** Change points in the window, the state at its start included, repeats dropped. */
function windowPoints(points: readonly ChainLengthPoint[], fromMs: number, nowMs: number): ChainLengthPoint[] {
  const ordered = [...points].filter((p) => p.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  const before = ordered.filter((p) => p.atMs < fromMs).pop();
  const inside = ordered.filter((p) => p.atMs >= fromMs);
  const all = before ? [before, ...inside] : inside;
  return all.filter((p, i) => i === 0 || p.length !== all[i - 1].length);
}

function unexplainedFlips(run: Run, snapshots: readonly number[], slackMs: number): number {
  let flips = 0;
  for (let i = 1; i < run.points.length; i++) {
    const up = run.points[i].length > run.points[i - 1].length;
    const riseAt = up ? run.points[i].atMs : run.points[i - 1].atMs;
    if (!snapshots.some((t) => t <= riseAt && riseAt - t <= slackMs)) flips++;
  }
  return flips;
}

function windowStart(nowMs: number, options: OscillationOptions): number {
  return nowMs - (options.windowMs ?? 24 * 3600_000);
}

/** The struggles of every leaf in the window: what detectOscillation reads of SMlog. */
function windowStruggles(smlog: readonly SmlogEvent[], nowMs: number, options: OscillationOptions): Map<string, SmlogEvidence[]> {
  const fromMs = windowStart(nowMs, options);
  return struggleEventsByLeaf(smlog.filter((e) => e.atMs >= fromMs && e.atMs <= nowMs));
}

export function detectOscillation(input: OscillationInput, nowMs: number, options: OscillationOptions = {}): OscillationVerdict {
  return judgeLeaf(input, windowStruggles(input.smlog, nowMs, options), nowMs, options);
}

/**
 * detectOscillation for many leaves of one pool, its SMlog read once for them all (a pool
 * of 12,000 leaves and 1,000 GC lines: once per leaf, that was seconds).
 */
export function detectOscillations(
  inputs: readonly Omit<OscillationInput, 'smlog'>[],
  smlog: readonly SmlogEvent[],
  nowMs: number,
  options: OscillationOptions = {},
): OscillationVerdict[] {
  const struggles = windowStruggles(smlog, nowMs, options);
  return inputs.map((input) => judgeLeaf(input, struggles, nowMs, options));
}

function judgeLeaf(
  input: Omit<OscillationInput, 'smlog'>,
  struggles: ReadonlyMap<string, SmlogEvidence[]>,
  nowMs: number,
  options: OscillationOptions,
): OscillationVerdict {
  const fromMs = windowStart(nowMs, options);
  const { leafId } = input.history;
  const points = windowPoints(input.history.points, fromMs, nowMs);
  const run = latestAlternatingRun(points);
  const flips = run ? unexplainedFlips(run, input.snapshotTimesMs ?? [], options.snapshotSlackMs ?? 10 * 60_000) : 0;
  const pattern = run !== null && flips >= (options.minFlips ?? 3);
  const smlog = struggles.get(uuidPrefixOf(leafId)) ?? [];
  const gaveUp = smlog.some((e) => GIVE_UP_KINDS.has(e.kind));
  const offline = input.leafCoalesce === 'offline';

  const oscillating = pattern || gaveUp || offline;
  let confidence = 0;
  if (pattern) confidence = Math.min(0.75, 0.6 + 0.05 * (flips - 3)) + (smlog.length > 0 ? 0.2 : 0);
  else if (gaveUp) confidence = 0.6;
  else if (offline) confidence = 0.5;
  if (oscillating && offline) confidence += 0.1;

  const startedAtMs = pattern && run ? run.points[1].atMs : (smlog[0]?.atMs ?? null);
  const lengths: [number, number] | null = run ? [run.low, run.low + 1] : null;
  const summary = !oscillating
    ? 'The chain settles: no oscillation.'
    : pattern && lengths
      ? `Chain length alternates ${lengths[0]},${lengths[1]},${lengths[0]},${lengths[1]} (${flips} flips since ${formatUtc(startedAtMs ?? nowMs)})` +
        (smlog.length > 0 ? `; SMlog: ${smlog[smlog.length - 1].message}` : '')
      : gaveUp
        ? `The GC gave up on live leaf-coalesce (${smlog.filter((e) => GIVE_UP_KINDS.has(e.kind)).pop()?.message})`
        : 'The VDI is marked leaf-coalesce = offline: the GC will not merge it while the VM runs.';
  return {
    leafId,
    oscillating,
    confidence: round2(Math.min(1, confidence)),
    startedAtMs: oscillating ? startedAtMs : null,
    lengths: pattern ? lengths : null,
    flips,
    evidence: { points: run?.points ?? [], smlog, leafCoalesceOffline: offline },
    summary,
    meaning: oscillating
      ? 'The VM writes faster than live leaf-coalesce can merge: each snapshot-coalesce finds as much new data as it merged, so the chain never gets shorter while the VM runs.'
      : null,
    actions: oscillating ? OSCILLATION_ACTIONS : [],
  };
}

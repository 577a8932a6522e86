/**
 * How fast an SR coalesces, from every source there is, each labelled. The forum's
 * "No way to track the coalesce speed, there's absolutely no API" is answered by three
 * independent readings: SM's own speed log, SMlog timings, and the backlog shrinking
 * between collections. Medians, not means: one stalled coalesce must not move the ETA.
 */
import type { SmlogEvent } from '../vhd/types';
import { type CoalesceInterval, coalesceIntervals } from './smlog-coalesce';
import { median, relativeSpread, round2, sampleConfidence } from './robust-stats';
import type { CollectionGap, Confidence, SrAggregate, SrHistory } from './types';

/** Ranked: SM measures the first itself; the last mixes in rescans and quiet periods. */
export type SpeedSource = 'speed-log' | 'smlog' | 'backlog-shrink';
const SOURCE_RANK: readonly SpeedSource[] = ['speed-log', 'smlog', 'backlog-shrink'];

export interface SpeedObservation {
  source: SpeedSource;
  atMs: number;
  bytesPerSec: number;
  bytes?: number;
  durationMs?: number;
}

export interface SourceSummary {
  source: SpeedSource;
  observations: number;
  medianBytesPerSec: number | null;
  /** Relative median absolute deviation; null with fewer than 2 observations. */
  spread: number | null;
}

export interface CoalesceSpeed {
  srId: string;
  status: 'known' | 'unknown';
  /** null when unknown: never a made-up number. */
  bytesPerSec: number | null;
  source: SpeedSource | null;
  confidence: Confidence;
  /** Observations behind the figure (of the chosen source). */
  observations: number;
  spread: number | null;
  bySource: SourceSummary[];
  /** The chosen source's observations, newest last. */
  evidence: SpeedObservation[];
}

export interface SpeedOptions {
  /** Only observations this recent count (default 14 days): disks and load change. */
  windowMs?: number;
  /** A source needs this many observations to outrank a lower one that has more (default 3). */
  minObservations?: number;
  /** `coalesceIntervals` of the SMlog, when the caller has them already (else read from `history.smlog`). */
  intervals?: readonly CoalesceInterval[];
}

/** SMlog: bytes of each completed `vhd-util coalesce` over the time until the GC's next line. */
export function smlogSpeedObservations(events: readonly SmlogEvent[], srUuid: string): SpeedObservation[] {
  return speedsOf(coalesceIntervals(events, [srUuid]), srUuid);
}

function speedsOf(intervals: readonly CoalesceInterval[], srUuid: string): SpeedObservation[] {
  return intervals
    .filter((i) => i.kind === 'coalesce' && i.outcome === 'done' && (i.srUuid === null || i.srUuid === srUuid))
    .filter((i) => i.bytes !== null && i.bytes > 0 && i.endMs - i.startMs >= 1000)
    .map((i) => ({
      source: 'smlog' as const,
      atMs: i.endMs,
      bytes: i.bytes ?? 0,
      durationMs: i.endMs - i.startMs,
      bytesPerSec: ((i.bytes ?? 0) * 1000) / (i.endMs - i.startMs),
    }));
}

const overlapsGap = (fromMs: number, toMs: number, gaps: readonly CollectionGap[]): boolean =>
  gaps.some((g) => g.fromMs < toMs && g.toMs > fromMs);

/** `sortedTimes` ascending: is one in (fromMs, toMs]? */
function snapshotBetween(fromMs: number, toMs: number, sortedTimes: readonly number[]): boolean {
  let lo = 0;
  let hi = sortedTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedTimes[mid] <= fromMs) lo = mid + 1;
    else hi = mid;
  }
  return lo < sortedTimes.length && sortedTimes[lo] <= toMs;
}

/**
 * Backlog bytes shrinking while the GC runs. Only stretches where the GC ran at both ends of
 * every interval, nothing was collected across a gap, no snapshot was taken and the backlog
 * never grew: anything else mixes new work into the measure.
 */
export function backlogShrinkObservations(
  aggregates: readonly SrAggregate[],
  gaps: readonly CollectionGap[],
  snapshotTimesMs: readonly number[],
): SpeedObservation[] {
  const ordered = [...aggregates].sort((a, b) => a.atMs - b.atMs);
  const snapshots = [...snapshotTimesMs].sort((a, b) => a - b);
  const found: SpeedObservation[] = [];
  let start: SrAggregate | null = null;
  let last: SrAggregate | null = null;
  const flush = () => {
    if (start && last && start.backlogBytes > last.backlogBytes && last.atMs - start.atMs >= 60_000) {
      const bytes = start.backlogBytes - last.backlogBytes;
      const durationMs = last.atMs - start.atMs;
      found.push({ source: 'backlog-shrink', atMs: last.atMs, bytes, durationMs, bytesPerSec: (bytes * 1000) / durationMs });
    }
  };
  for (const a of ordered) {
    const continues =
      last !== null &&
      last.gcRunning &&
      a.gcRunning &&
      a.backlogBytes <= last.backlogBytes &&
      !overlapsGap(last.atMs, a.atMs, gaps) &&
      !snapshotBetween(last.atMs, a.atMs, snapshots);
    if (!continues) {
      flush();
      start = a.gcRunning ? a : null;
    }
    last = a;
  }
  flush();
  return found;
}

function summarize(source: SpeedSource, observations: readonly SpeedObservation[]): SourceSummary {
  const speeds = observations.map((o) => o.bytesPerSec);
  return { source, observations: speeds.length, medianBytesPerSec: median(speeds), spread: relativeSpread(speeds) };
}

/** Picks the best-ranked source with enough observations, else the one with the most. */
function choose(summaries: readonly SourceSummary[], minObservations: number): SourceSummary | null {
  const withData = summaries.filter((s) => s.observations > 0);
  const enough = withData.find((s) => s.observations >= minObservations);
  if (enough) return enough;
  return [...withData].sort((a, b) => b.observations - a.observations)[0] ?? null;
}

/** Other sources within a factor 1.5 of the chosen figure make it more believable. */
function agreementBonus(chosen: SourceSummary, summaries: readonly SourceSummary[]): number {
  const figure = chosen.medianBytesPerSec ?? 0;
  const agreeing = summaries.filter(
    (s) => s !== chosen && s.medianBytesPerSec !== null && s.medianBytesPerSec <= figure * 1.5 && s.medianBytesPerSec * 1.5 >= figure,
  );
  return agreeing.length * 0.1;
}

export function estimateCoalesceSpeed(
  history: SrHistory,
  snapshotTimesMs: readonly number[],
  nowMs: number,
  options: SpeedOptions = {},
): CoalesceSpeed {
  const windowMs = options.windowMs ?? 14 * 24 * 3600_000;
  const inWindow = (o: SpeedObservation) => o.atMs <= nowMs && o.atMs >= nowMs - windowMs && o.bytesPerSec > 0;
  const bySourceObs: Record<SpeedSource, SpeedObservation[]> = {
    'speed-log': history.speedLog.map((r) => ({ source: 'speed-log' as const, atMs: r.atMs, bytesPerSec: r.bytesPerSec })).filter(inWindow),
    smlog: (options.intervals
      ? speedsOf(options.intervals, history.srUuid ?? history.srId)
      : smlogSpeedObservations(
          history.smlog.filter((e) => e.atMs <= nowMs),
          history.srUuid ?? history.srId,
        )
    ).filter(inWindow),
    'backlog-shrink': backlogShrinkObservations(
      history.aggregates.filter((a) => a.atMs <= nowMs),
      history.gaps,
      snapshotTimesMs,
    ).filter(inWindow),
  };
  const summaries = SOURCE_RANK.map((s) => summarize(s, bySourceObs[s]));
  const chosen = choose(summaries, options.minObservations ?? 3);
  if (!chosen || chosen.medianBytesPerSec === null) {
    return {
      srId: history.srId,
      status: 'unknown',
      bytesPerSec: null,
      source: null,
      confidence: 0,
      observations: 0,
      spread: null,
      bySource: summaries,
      evidence: [],
    };
  }
  const base = sampleConfidence(chosen.observations, chosen.spread);
  return {
    srId: history.srId,
    status: 'known',
    bytesPerSec: chosen.medianBytesPerSec,
    source: chosen.source,
    confidence: round2(Math.min(1, base + agreementBonus(chosen, summaries))),
    observations: chosen.observations,
    spread: chosen.spread,
    bySource: summaries,
    evidence: [...bySourceObs[chosen.source]].sort((a, b) => a.atMs - b.atMs),
  };
}

/**
 * Spans with no usable collection. Nothing is known about a pool inside one, so charts
 * break there instead of drawing a line across (history is never interpolated).
 */
import type { RunSummary } from './collection-runs';

export interface CollectionGap {
  fromMs: number;
  toMs: number;
}

export interface GapOptions {
  /** End of the window (now): a pool silent since its last good run is in a gap up to here. */
  toMs: number;
  /** Longer than this between two good runs is a gap (a few collection intervals). */
  maxSilenceMs: number;
}

/**
 * A gap runs from the end of a good run (ok or partial) to the start of the next good one
 * when a failed run lies between them or they are more than `maxSilenceMs` apart. Runs are
 * oldest first, as `listCollectionRuns` returns them.
 */
export function collectionGaps(runs: RunSummary[], opts: GapOptions): CollectionGap[] {
  const gaps: CollectionGap[] = [];
  let lastGoodEndMs: number | null = null;
  let failedSince = false;
  for (const run of runs) {
    if (run.outcome === 'failed') {
      failedSince = true;
      continue;
    }
    if (lastGoodEndMs !== null && (failedSince || run.startedAtMs - lastGoodEndMs > opts.maxSilenceMs)) {
      gaps.push({ fromMs: lastGoodEndMs, toMs: run.startedAtMs });
    }
    lastGoodEndMs = Math.max(lastGoodEndMs ?? run.finishedAtMs, run.finishedAtMs);
    failedSince = false;
  }
  if (lastGoodEndMs !== null && (failedSince || opts.toMs - lastGoodEndMs > opts.maxSilenceMs)) {
    gaps.push({ fromMs: lastGoodEndMs, toMs: opts.toMs });
  }
  return gaps;
}

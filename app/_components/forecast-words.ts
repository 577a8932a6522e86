/** Words for the forecasts' verdicts, sources and confidences, and the order a person reads them in. */
import type { SkipForecast, SkipVerdict } from '@/lib/analysis/skip-forecast';
import type { SpeedSource } from '@/lib/analysis/coalesce-speed';
import { confidenceLevel, formatDuration, NOW_WINDOW_MS } from '@/lib/analysis/format';

export const VERDICT_LABEL: Record<SkipVerdict, string> = {
  'snapshot-fails': 'Snapshot fails',
  skip: 'Will be skipped',
  unknown: 'Unknown',
  ok: 'Runs',
};

/** Badge classes of globals.css: a failing snapshot or a skipped backup needs someone now. */
export const VERDICT_TONE: Record<SkipVerdict, 'critical' | 'warning' | 'unknown' | 'ok'> = {
  'snapshot-fails': 'critical',
  skip: 'warning',
  unknown: 'unknown',
  ok: 'ok',
};

const VERDICT_RANK: Record<SkipVerdict, number> = { 'snapshot-fails': 0, skip: 1, unknown: 2, ok: 3 };

/** Failing snapshots, then skipped backups, then the unknown, then the fine; soonest first within each. */
export function compareSkips(a: SkipForecast, b: SkipForecast): number {
  return VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || (a.nextBackupMs ?? Infinity) - (b.nextBackupMs ?? Infinity);
}

export const SOURCE_LABEL: Record<SpeedSource, string> = {
  'speed-log': "SM's speed_log",
  smlog: 'coalesce times in SMlog',
  'backlog-shrink': 'backlog shrinking between collections',
};

/** "confidence: high (82%)". */
export const confidenceText = (confidence: number) => `confidence: ${confidenceLevel(confidence)} (${Math.round(confidence * 100)}%)`;

/** "in 3 h 05 m", "12 m ago". */
export function relativeTime(atMs: number, nowMs: number): string {
  const ms = atMs - nowMs;
  if (Math.abs(ms) < NOW_WINDOW_MS) return 'now';
  return ms > 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}

/**
 * When an SR's backlog is forecast to be gone, in words. The forecast never places that time
 * in the past when it is made (a merge running late is "due now"), but the page keeps
 * counting between polls (a demo pool's clock runs 60 times faster): a time passed while work
 * was still there when forecast is "Any time now", not "12 m ago" as if it had cleared.
 */
export function backlogClearWhen(clearAtMs: number, backlogBytes: number, nowMs: number): { label: string; passed: boolean } {
  const passed = backlogBytes > 0 && clearAtMs < nowMs - NOW_WINDOW_MS;
  return { label: passed ? 'Any time now' : relativeTime(clearAtMs, nowMs), passed };
}

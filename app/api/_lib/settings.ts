// How often pools are collected, for telling a late collector and a gap in history.
import { loadConfig } from '@/lib/config';

export interface CollectSettings {
  collectIntervalMs: number;
  /** Longer than this without a run is a gap (a late run or two is not). */
  maxSilenceMs: number;
}

const DEFAULT_INTERVAL_MS = 60_000;

export function collectSettings(): CollectSettings {
  let collectIntervalMs = DEFAULT_INTERVAL_MS;
  try {
    collectIntervalMs = loadConfig().collectIntervalMs;
  } catch {
    // A bad configuration stops the collector at start and says why there; the pages still show what was stored.
  }
  return { collectIntervalMs, maxSilenceMs: 3 * collectIntervalMs + 30_000 };
}

// How often pools are collected (for telling a late collector and a gap in history), and
// Xen Orchestra's chain tolerance the forecasts judge backups by.
import { loadConfig } from '@/lib/config';

export interface CollectSettings {
  collectIntervalMs: number;
  /** Longer than this without a run is a gap (a late run or two is not). */
  maxSilenceMs: number;
  /** XO `maxUncoalescedVdis` (CHAINWATCH_XO_TOLERANCE). */
  xoTolerance: number;
}

const DEFAULT_INTERVAL_MS = 60_000;
const DEFAULT_XO_TOLERANCE = 1;

export function collectSettings(): CollectSettings {
  let collectIntervalMs = DEFAULT_INTERVAL_MS;
  let xoTolerance = DEFAULT_XO_TOLERANCE;
  try {
    ({ collectIntervalMs, xoTolerance } = loadConfig());
  } catch {
    // A bad configuration stops the collector at start and says why there; the pages still show what was stored.
  }
  return { collectIntervalMs, maxSilenceMs: 3 * collectIntervalMs + 30_000, xoTolerance };
}

/**
 * How fresh a pool's data is, in one word and one sentence: a failed or partial run, or a
 * collector that went silent, must be visible at a glance on the overview.
 */
import { formatDuration } from '../../analysis/format';
import type { RunOutcome } from './pools';

export type CollectionHealth = 'ok' | 'partial' | 'failed' | 'late' | 'never';

export interface CollectionFacts {
  lastRunAtMs: number | null;
  lastOutcome: RunOutcome | null;
  lastError: string | null;
  /** End of the last run that stored data (ok or partial). */
  lastGoodRunAtMs: number | null;
}

export interface CollectionStatus {
  health: CollectionHealth;
  sentence: string;
}

const ago = (nowMs: number, atMs: number) => `${formatDuration(Math.max(0, nowMs - atMs))} ago`;

function dataAge(facts: CollectionFacts, nowMs: number): string {
  return facts.lastGoodRunAtMs === null
    ? 'No data has been stored yet.'
    : `The data shown is from ${ago(nowMs, facts.lastGoodRunAtMs)}.`;
}

/** `maxSilenceMs`: longer than this since the last run means the collector is late. */
export function collectionStatus(facts: CollectionFacts, nowMs: number, maxSilenceMs: number): CollectionStatus {
  const { lastRunAtMs, lastOutcome, lastError } = facts;
  if (lastRunAtMs === null || lastOutcome === null) {
    return { health: 'never', sentence: 'Waiting for the first collection of this pool.' };
  }
  if (nowMs - lastRunAtMs > maxSilenceMs) {
    return {
      health: 'late',
      sentence: `No collection for ${formatDuration(nowMs - lastRunAtMs)}: check that Chainwatch's collector is running and can reach the pool. ${dataAge(facts, nowMs)}`,
    };
  }
  const why = lastError ? `: ${lastError}` : '';
  if (lastOutcome === 'failed') {
    return { health: 'failed', sentence: `The last collection failed ${ago(nowMs, lastRunAtMs)}${why}. ${dataAge(facts, nowMs)}` };
  }
  if (lastOutcome === 'partial') {
    return { health: 'partial', sentence: `Collected ${ago(nowMs, lastRunAtMs)}, but only in part${why}.` };
  }
  return { health: 'ok', sentence: `Collected ${ago(nowMs, lastRunAtMs)}.` };
}

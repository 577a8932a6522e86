import { describe, expect, it } from 'vitest';
import type { SkipForecast } from '@/lib/analysis/skip-forecast';
import { backlogClearWhen, compareSkips, confidenceText, relativeTime } from './forecast-words';

const skip = (verdict: SkipForecast['verdict'], nextBackupMs: number | null, vmUuid: string = verdict): SkipForecast => ({
  vmUuid,
  nextBackupMs,
  verdict,
  confidence: 0.5,
  reasons: [],
  uncoalescedNow: 0,
  uncoalescedAtBackup: null,
  chainLengthAtBackup: 1,
  healthyAtMs: null,
});

describe('forecast words', () => {
  it('orders failing snapshots, then skips, then unknown, then fine; soonest first, unscheduled last', () => {
    const sorted = [skip('ok', 1), skip('unknown', null), skip('skip', 9, 'late'), skip('snapshot-fails', 5), skip('skip', 2, 'soon'), skip('skip', null, 'never')].sort(
      compareSkips,
    );
    expect(sorted.map((s) => s.vmUuid)).toEqual(['snapshot-fails', 'soon', 'late', 'never', 'unknown', 'ok']);
  });

  it('says when, relative to the pool clock', () => {
    expect(relativeTime(3 * 3_600_000 + 5 * 60_000, 0)).toBe('in 3 h 05 m');
    expect(relativeTime(0, 12 * 60_000)).toBe('12 m ago');
    expect(relativeTime(10_000, 0)).toBe('now');
    expect(confidenceText(0.82)).toBe('confidence: high (82%)');
  });

  it('calls a backlog forecast to be gone by a time the page has since passed "Any time now", not "ago"', () => {
    expect(backlogClearWhen(2 * 3_600_000, 1e9, 0)).toEqual({ label: 'in 2 h 00 m', passed: false });
    expect(backlogClearWhen(0, 1e9, 10_000)).toEqual({ label: 'now', passed: false });
    expect(backlogClearWhen(0, 1e9, 3 * 60_000)).toEqual({ label: 'Any time now', passed: true });
    // Nothing left to merge when forecast: the backlog did clear, and when is in the past.
    expect(backlogClearWhen(0, 0, 3 * 60_000)).toEqual({ label: '3 m ago', passed: false });
  });
});

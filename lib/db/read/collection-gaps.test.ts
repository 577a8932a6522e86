import { describe, expect, it } from 'vitest';
import { collectionGaps } from './collection-gaps';
import type { RunSummary } from './collection-runs';

const MIN = 60_000;
const run = (startMin: number, outcome: RunSummary['outcome'] = 'ok'): RunSummary => ({
  startedAtMs: startMin * MIN,
  finishedAtMs: startMin * MIN + 1_000,
  kind: 'full',
  outcome,
  error: null,
});
const opts = { toMs: 10 * MIN, maxSilenceMs: 3 * MIN };

describe('collectionGaps', () => {
  it('finds no gap while runs keep coming', () => {
    expect(collectionGaps([run(7), run(8), run(9)], opts)).toEqual([]);
  });

  it('opens a gap over a failed run, from the end of the last good run to the next good start', () => {
    expect(collectionGaps([run(7), run(8, 'failed'), run(9)], opts)).toEqual([{ fromMs: 7 * MIN + 1_000, toMs: 9 * MIN }]);
  });

  it('opens a gap when runs stop for longer than the allowed silence, a partial run counting as data', () => {
    expect(collectionGaps([run(1), run(8, 'partial'), run(9)], opts)).toEqual([{ fromMs: MIN + 1_000, toMs: 8 * MIN }]);
  });

  it('runs a gap up to now when the collector went silent or keeps failing', () => {
    expect(collectionGaps([run(2)], opts)).toEqual([{ fromMs: 2 * MIN + 1_000, toMs: 10 * MIN }]);
    expect(collectionGaps([run(9), run(9.5, 'failed')], opts)).toEqual([{ fromMs: 9 * MIN + 1_000, toMs: 10 * MIN }]);
  });

  it('knows nothing before the first good run', () => {
    expect(collectionGaps([run(8, 'failed'), run(9)], opts)).toEqual([]);
    expect(collectionGaps([], opts)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { MAX_CHAIN_SIZE, chainLimits, nearLimit, snapshotsLeft } from './limits';
import { linearChain, record } from './test-factory';

describe('snapshotsLeft', () => {
  it('counts down to the SM limit of 30', () => {
    expect(MAX_CHAIN_SIZE).toBe(30);
    expect(snapshotsLeft(1)).toBe(29);
    expect(snapshotsLeft(29)).toBe(1);
    expect(snapshotsLeft(30)).toBe(0);
    expect(snapshotsLeft(42)).toBe(0);
  });
});

describe('chainLimits and nearLimit', () => {
  const forest = buildForest([
    ...linearChain(27, 'a'),
    ...linearChain(30, 'b'),
    ...linearChain(3, 'c'),
    record('junk', 'b5', { hidden: true }),
  ]);

  it('gives every visible leaf its distance to the limit, deepest first', () => {
    expect(chainLimits(forest).map((l) => [l.leafId, l.length, l.snapshotsLeft])).toEqual([
      ['b29', 30, 0],
      ['a26', 27, 3],
      ['c2', 3, 27],
    ]);
  });

  it('keeps only leaves within the margin', () => {
    expect(nearLimit(forest).map((l) => l.leafId)).toEqual(['b29', 'a26']);
    expect(nearLimit(forest, 2).map((l) => l.leafId)).toEqual(['b29']);
  });
});

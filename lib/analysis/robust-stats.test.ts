import { describe, expect, it } from 'vitest';
import { median, relativeSpread, sampleConfidence } from './robust-stats';

describe('median', () => {
  it('ignores a wild outlier', () => {
    expect(median([40, 42, 41, 43, 5000])).toBe(42);
  });
  it('averages the two middle values of an even sample and is null for none', () => {
    expect(median([1, 3])).toBe(2);
    expect(median([])).toBeNull();
  });
});

describe('relativeSpread', () => {
  it('is 0 for identical values, null for a single one', () => {
    expect(relativeSpread([5, 5, 5])).toBe(0);
    expect(relativeSpread([5])).toBeNull();
  });
  it('stays small when one value is an outlier', () => {
    expect(relativeSpread([40, 42, 41, 43, 5000])).toBeLessThan(0.05);
  });
});

describe('sampleConfidence', () => {
  it('is 0 without observations and grows with their count', () => {
    expect(sampleConfidence(0, null)).toBe(0);
    expect(sampleConfidence(10, 0)).toBeGreaterThan(sampleConfidence(3, 0));
  });
  it('falls with the spread', () => {
    expect(sampleConfidence(10, 0.5)).toBeLessThan(sampleConfidence(10, 0.05));
  });
});

import { describe, expect, it } from 'vitest';
import { confidenceLevel, formatBytes, formatDuration, formatRate, formatUtc, plural } from './format';
import { DAY, HOUR, MB, MINUTE } from './test-factories';

describe('formatDuration', () => {
  it('writes hours and zero-padded minutes', () => {
    expect(formatDuration(3 * HOUR + 10 * MINUTE)).toBe('3 h 10 m');
    expect(formatDuration(HOUR + 5 * MINUTE)).toBe('1 h 05 m');
  });
  it('writes minutes, seconds and days', () => {
    expect(formatDuration(12 * MINUTE)).toBe('12 m');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(2 * DAY + 4 * HOUR)).toBe('2 d 04 h');
  });
  it('rounds 59.6 minutes up to an hour and keeps the sign of negative durations', () => {
    expect(formatDuration(59.6 * MINUTE)).toBe('1 h 00 m');
    expect(formatDuration(-30 * MINUTE)).toBe('-30 m');
  });
  it('says unknown for infinity', () => {
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('unknown');
  });
});

describe('formatRate and formatBytes', () => {
  it('uses decimal units like the example reasons', () => {
    expect(formatRate(42 * MB)).toBe('42 MB/s');
    expect(formatRate(4.24 * MB)).toBe('4.2 MB/s');
    expect(formatBytes(950 * MB)).toBe('950 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatBytes(512)).toBe('512 B');
  });
});

describe('formatUtc', () => {
  it('prints UTC whatever the local zone', () => {
    expect(formatUtc(Date.UTC(2024, 11, 31, 23, 59))).toBe('2024-12-31 23:59 UTC');
  });
});

describe('confidenceLevel and plural', () => {
  it('maps scores to levels', () => {
    expect([0, 0.2, 0.5, 0.9].map(confidenceLevel)).toEqual(['none', 'low', 'medium', 'high']);
  });
  it('agrees in number', () => {
    expect(plural(1, 'base copy', 'base copies')).toBe('1 base copy');
    expect(plural(2, 'base copy', 'base copies')).toBe('2 base copies');
  });
});

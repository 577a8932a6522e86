import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const fixed = (r: number) => ({ baseMs: 1000, maxMs: 60_000, random: () => r });

  it('waits nothing before any failure and doubles after each one', () => {
    expect(backoffDelayMs(0, fixed(0.999))).toBe(0);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, fixed(1)))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('caps the delay and jitters it into its upper half', () => {
    expect(backoffDelayMs(50, fixed(1))).toBe(60_000);
    expect(backoffDelayMs(50, fixed(0))).toBe(30_000);
    expect(backoffDelayMs(3, fixed(0.5))).toBe(3000);
  });
});

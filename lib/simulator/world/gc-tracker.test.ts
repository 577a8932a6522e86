import { describe, expect, it } from 'vitest';
import { CoalesceTracker } from './gc-tracker';

function run(sizes: number[]): { tracker: CoalesceTracker; abortedAt: number | null; attempts: (number | null)[] } {
  const tracker = new CoalesceTracker();
  const attempts: (number | null)[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const step = tracker.step(sizes[i - 1], sizes[i]);
    attempts.push(step.noProgressAttempt);
    if (step.abort) return { tracker, abortedAt: i, attempts };
  }
  return { tracker, abortedAt: null, attempts };
}

describe('CoalesceTracker (SMGC snapshot-coalesce give-up rules)', () => {
  it('gives up after 4 iterations without progress that stay within 20% of the minimum', () => {
    const { tracker, abortedAt, attempts } = run([100, 103, 106, 109, 112]);
    expect(abortedAt).toBe(4);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(tracker.reason).toBe('No progress made for 3 iterations');
  });

  it('gives up after 10 iterations that shrink too slowly', () => {
    const sizes = Array.from({ length: 13 }, (_, i) => Math.round(1000 * 0.97 ** i));
    const { tracker, abortedAt } = run(sizes);
    expect(abortedAt).toBe(11);
    expect(tracker.reason).toBe('Max iterations (10) exceeded');
    expect(tracker.reasoning()).toContain('Iteration: 11 -- Initial size 737 --> Final size 715');
  });

  it('gives up at a bump of more than 20% over the minimum, after the grace iteration', () => {
    const { tracker, abortedAt } = run([100, 130, 160]);
    expect(abortedAt).toBe(2);
    expect(tracker.reason).toBe('Unexpected bump in size, compared to minimum acheived');
  });

  it('keeps going while the leaf shrinks', () => {
    expect(run([1000, 500, 250, 125]).abortedAt).toBeNull();
  });
});

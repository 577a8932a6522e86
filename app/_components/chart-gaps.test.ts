import { describe, expect, it } from 'vitest';
import { withGapBreaks, type ChartRow } from './chart-gaps';

const p = (atMs: number, backlog: number): ChartRow<'backlog'> => ({ atMs, backlog });

describe('withGapBreaks', () => {
  it('leaves a steady series alone and carries its last value to the end of the window', () => {
    const points = [p(0, 1), p(60, 2), p(120, 3)];
    expect(withGapBreaks(points, [], ['backlog'], 120)).toEqual(points);
    expect(withGapBreaks(points, [], ['backlog'], 200)).toEqual([...points, p(200, 3)]);
  });

  it('breaks the line inside a recorded gap', () => {
    const rows = withGapBreaks([p(0, 1), p(60, 2), p(120, 3)], [{ fromMs: 70, toMs: 110 }], ['backlog'], 120);
    expect(rows).toEqual([p(0, 1), p(60, 2), { atMs: 90, backlog: null }, p(120, 3)]);
  });

  it('draws a value held for long without a gap, and stops the last one where a gap begins', () => {
    expect(withGapBreaks([p(0, 1), p(5_000, 2)], [], ['backlog'], 5_000).map((r) => r.backlog)).toEqual([1, 2]);
    expect(withGapBreaks([p(0, 1)], [{ fromMs: 300, toMs: 1_000 }], ['backlog'], 1_000)).toEqual([p(0, 1), p(300, 1)]);
  });
});

import { describe, expect, it } from 'vitest';
import { withGapBreaks, type ChartRow } from './chart-gaps';

const p = (atMs: number, backlog: number): ChartRow<'backlog'> => ({ atMs, backlog });
const step = () => 100;

describe('withGapBreaks', () => {
  it('leaves a steady series alone', () => {
    const points = [p(0, 1), p(60, 2), p(120, 3)];
    expect(withGapBreaks(points, [], ['backlog'], step)).toEqual(points);
  });

  it('breaks the line inside a recorded gap', () => {
    const rows = withGapBreaks([p(0, 1), p(60, 2), p(120, 3)], [{ fromMs: 70, toMs: 110 }], ['backlog'], step);
    expect(rows).toEqual([p(0, 1), p(60, 2), { atMs: 90, backlog: null }, p(120, 3)]);
  });

  it('breaks the line where samples are missing even without a recorded gap', () => {
    const rows = withGapBreaks([p(0, 1), p(500, 2)], [], ['backlog'], step);
    expect(rows.map((r) => r.backlog)).toEqual([1, null, 2]);
  });
});

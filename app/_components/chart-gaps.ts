/**
 * Breaks a time series where nothing was collected: Recharts draws no line across a point
 * whose values are null, so one is put inside every gap. A gap is a recorded collection gap
 * (a failed run, a silent collector) or two samples further apart than the series allows.
 */
import type { CollectionGap } from '@/lib/db/read/collection-gaps';

export type ChartRow<K extends string> = { atMs: number } & Record<K, number | null>;

export function withGapBreaks<K extends string>(
  points: ChartRow<K>[],
  gaps: CollectionGap[],
  keys: readonly K[],
  maxStepMs: (point: ChartRow<K>) => number,
): ChartRow<K>[] {
  const breakAt = (atMs: number) => {
    const row = { atMs } as ChartRow<K>;
    for (const key of keys) (row as Record<string, number | null>)[key] = null;
    return row;
  };
  const rows: ChartRow<K>[] = [];
  for (let i = 0; i < points.length; i++) {
    const prev = points[i - 1];
    const point = points[i];
    if (prev !== undefined) {
      const recorded = gaps.some((gap) => gap.fromMs < point.atMs && gap.toMs > prev.atMs);
      if (recorded || point.atMs - prev.atMs > maxStepMs(point)) rows.push(breakAt((prev.atMs + point.atMs) / 2));
    }
    rows.push(point);
  }
  return rows;
}

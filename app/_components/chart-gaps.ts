/**
 * Breaks a time series where nothing was collected: Recharts draws no line across a point
 * whose values are null, so one is put inside every recorded collection gap (a failed run, a
 * silent collector). Samples are stored when values change and hold until the next one, so
 * two samples far apart are a steady value, not a gap; the last one holds up to the end of
 * the window, or to the gap that ends it.
 */
import type { CollectionGap } from '@/lib/db/read/collection-gaps';

export type ChartRow<K extends string> = { atMs: number } & Record<K, number | null>;

export function withGapBreaks<K extends string>(points: ChartRow<K>[], gaps: CollectionGap[], keys: readonly K[], toMs: number): ChartRow<K>[] {
  const breakAt = (atMs: number) => {
    const row = { atMs } as ChartRow<K>;
    for (const key of keys) (row as Record<string, number | null>)[key] = null;
    return row;
  };
  const rows: ChartRow<K>[] = [];
  for (let i = 0; i < points.length; i++) {
    const prev = points[i - 1];
    const point = points[i];
    if (prev !== undefined && gaps.some((gap) => gap.fromMs < point.atMs && gap.toMs > prev.atMs)) rows.push(breakAt((prev.atMs + point.atMs) / 2));
    rows.push(point);
  }
  const last = points[points.length - 1];
  if (last !== undefined && last.atMs < toMs) {
    const endMs = Math.min(toMs, ...gaps.filter((gap) => gap.toMs > last.atMs).map((gap) => Math.max(gap.fromMs, last.atMs)));
    if (endMs > last.atMs) rows.push({ ...last, atMs: endMs });
  }
  return rows;
}

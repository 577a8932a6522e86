/**
 * Per-SR aggregates (SrSample), bytes as numbers. A sample is stored when the aggregates
 * change and holds until the next one, so a window starts with the sample in force then.
 */
import type { Db } from '../client';
import type { SrSample } from '../generated/client';
import { aggregateValuesOf, newestSampleRows, type SrAggregateValues } from '../sr-samples';

export interface SrSamplePoint extends SrAggregateValues {
  atMs: number;
  /** 0 for a raw sample; the bucket size once downsampled (figures are then the bucket's maxima). */
  bucketSeconds: number;
}

export function toSamplePoint(row: SrSample): SrSamplePoint {
  return { atMs: row.at.getTime(), bucketSeconds: row.bucketSeconds, ...aggregateValuesOf(row) };
}

/**
 * Samples in [fromMs, toMs], oldest first, the first one at fromMs with the values in force
 * then (the newest earlier sample); the newest `limit` when there are more.
 */
export async function listSrSamples(db: Db, srId: number, window: { fromMs: number; toMs: number }, limit: number): Promise<SrSamplePoint[]> {
  const rows = await db.srSample.findMany({
    where: { srId, at: { gte: new Date(window.fromMs), lte: new Date(window.toMs) } },
    orderBy: { at: 'desc' },
    take: limit,
  });
  const points = rows.reverse().map(toSamplePoint);
  if (rows.length === limit || points[0]?.atMs === window.fromMs) return points;
  const carried = (await newestSampleRows(db, [srId], window.fromMs)).get(srId);
  return carried === undefined ? points : [{ ...toSamplePoint(carried), atMs: window.fromMs }, ...points];
}

/** The newest sample of each SR, by SR id. */
export async function latestSamples(db: Db, srIds: number[]): Promise<Map<number, SrSamplePoint>> {
  const rows = await newestSampleRows(db, srIds);
  return new Map([...rows].map(([srId, row]) => [srId, toSamplePoint(row)]));
}

/** Per-SR aggregates of each collection (SrSample), bytes as numbers. */
import type { Db } from '../client';
import { Prisma, type SrSample } from '../generated/client';
import { epochMsOf } from '../rows';
import { aggregateValuesOf, type SrAggregateValues } from '../sr-samples';

export interface SrSamplePoint extends SrAggregateValues {
  atMs: number;
  /** 0 for a raw sample; the bucket size once downsampled (figures are then the bucket's maxima). */
  bucketSeconds: number;
}

export function toSamplePoint(row: SrSample): SrSamplePoint {
  return { atMs: row.at.getTime(), bucketSeconds: row.bucketSeconds, ...aggregateValuesOf(row) };
}

/** Samples in [fromMs, toMs], oldest first; the newest `limit` when there are more. */
export async function listSrSamples(db: Db, srId: number, window: { fromMs: number; toMs: number }, limit: number): Promise<SrSamplePoint[]> {
  const rows = await db.srSample.findMany({
    where: { srId, at: { gte: new Date(window.fromMs), lte: new Date(window.toMs) } },
    orderBy: { at: 'desc' },
    take: limit,
  });
  return rows.reverse().map(toSamplePoint);
}

/** The newest sample of each SR, by SR id. */
export async function latestSamples(db: Db, srIds: number[]): Promise<Map<number, SrSamplePoint>> {
  if (srIds.length === 0) return new Map();
  const newest = await db.$queryRaw<{ srId: number | bigint; at: unknown }[]>`
    SELECT "srId", MAX("at") AS "at" FROM "SrSample" WHERE "srId" IN (${Prisma.join(srIds)}) GROUP BY "srId"`;
  const keys = newest.flatMap((row) => {
    const ms = epochMsOf(row.at);
    return ms === null ? [] : [{ srId: Number(row.srId), at: new Date(ms) }];
  });
  if (keys.length === 0) return new Map();
  const rows = await db.srSample.findMany({ where: { OR: keys } });
  return new Map(rows.map((row) => [row.srId, toSamplePoint(row)]));
}

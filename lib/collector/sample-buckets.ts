/**
 * Downsampling of SR samples, as a plan the retention job applies. A sample's values hold
 * until the SR's next sample (samples are written only when something changed), so a bucket
 * must say two things: its maxima (the kept row, moved to the bucket's start) and the value
 * in force when it ends. When that value differs from the maxima and nothing follows at once,
 * a row with it is added at the bucket's end; otherwise a peak inside one hour would be read
 * as holding until the SR next changed.
 */
import type { SrAggregateValues } from '../db/sr-samples';

export interface SampleRow {
  id: number;
  srId: number;
  atMs: number;
  bucketSeconds: number;
  values: SrAggregateValues;
}

export interface BucketPlan {
  /** Kept rows: one per bucket, at its start, with its maxima. */
  updates: { id: number; atMs: number; bucketSeconds: number; values: SrAggregateValues }[];
  deletes: number[];
  /** The value in force at a bucket's end, where it differs from the bucket's maxima. */
  inserts: { srId: number; atMs: number; values: SrAggregateValues }[];
}

function maxima(group: readonly SrAggregateValues[]): SrAggregateValues {
  const max = (pick: (v: SrAggregateValues) => number) => Math.max(...group.map(pick));
  return {
    nodes: max((v) => v.nodes),
    hiddenNodes: max((v) => v.hiddenNodes),
    chains: max((v) => v.chains),
    backlogNodes: max((v) => v.backlogNodes),
    backlogBytes: max((v) => v.backlogBytes),
    maxChainLength: max((v) => v.maxChainLength),
    xoUnhealthyCount: max((v) => v.xoUnhealthyCount),
    xoVdisToCoalesce: max((v) => v.xoVdisToCoalesce),
    gcRunning: group.some((v) => v.gcRunning),
    gcProgress: group.some((v) => v.gcProgress !== null) ? max((v) => v.gcProgress ?? 0) : null,
  };
}

const sameValues = (a: SrAggregateValues, b: SrAggregateValues) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `rows`: the samples to merge (complete buckets only), ordered by SR then time.
 * `nextAtMs`: per SR, when its first sample after those rows was taken (none: absent).
 */
export function planBuckets(rows: readonly SampleRow[], bucketMs: number, nextAtMs: ReadonlyMap<number, number>): BucketPlan {
  const plan: BucketPlan = { updates: [], deletes: [], inserts: [] };
  const bucketOf = (row: SampleRow) => Math.floor(row.atMs / bucketMs) * bucketMs;
  let i = 0;
  while (i < rows.length) {
    const srId = rows[i].srId;
    let entering: SrAggregateValues | null = null;
    while (i < rows.length && rows[i].srId === srId) {
      const startMs = bucketOf(rows[i]);
      const group: SampleRow[] = [];
      while (i < rows.length && rows[i].srId === srId && bucketOf(rows[i]) === startMs) group.push(rows[i++]);
      const values = group.map((row) => row.values);
      // The value carried in from the previous bucket held until this bucket's first sample.
      if (entering !== null && group[0].atMs > startMs) values.push(entering);
      const merged = maxima(values);
      const [kept, ...others] = group;
      plan.updates.push({ id: kept.id, atMs: startMs, bucketSeconds: bucketMs / 1000, values: merged });
      plan.deletes.push(...others.map((row) => row.id));
      const exit = group[group.length - 1].values;
      const endMs = startMs + bucketMs;
      const nextMs = i < rows.length && rows[i].srId === srId ? rows[i].atMs : nextAtMs.get(srId);
      if (!sameValues(exit, merged) && (nextMs === undefined || nextMs > endMs)) plan.inserts.push({ srId, atMs: endMs, values: exit });
      entering = exit;
    }
  }
  return plan;
}

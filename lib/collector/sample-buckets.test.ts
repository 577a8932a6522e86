import { describe, expect, it } from 'vitest';
import type { SrAggregateValues } from '../db/sr-samples';
import { planBuckets, type SampleRow } from './sample-buckets';

const HOUR_MS = 3_600_000;
const values = (backlogNodes: number): SrAggregateValues => ({
  nodes: 10,
  hiddenNodes: 3,
  chains: 4,
  backlogNodes,
  backlogBytes: backlogNodes * 2 ** 30,
  maxChainLength: 3,
  xoUnhealthyCount: 0,
  xoVdisToCoalesce: 1,
  gcRunning: backlogNodes > 0,
  gcProgress: null,
});
let nextId = 1;
const row = (atMs: number, backlog: number, srId = 1): SampleRow => ({ id: nextId++, srId, atMs, bucketSeconds: 0, values: values(backlog) });

describe('planBuckets', () => {
  it('keeps one row per bucket at its start, with the maxima', () => {
    const rows = [row(0, 1), row(10 * 60_000, 5), row(HOUR_MS, 1)];
    const plan = planBuckets(rows, HOUR_MS, new Map([[1, 2 * HOUR_MS]]));
    expect(plan.updates.map((u) => [u.id, u.atMs, u.bucketSeconds, u.values.backlogNodes])).toEqual([
      [rows[0].id, 0, 3600, 5],
      [rows[2].id, HOUR_MS, 3600, 1],
    ]);
    expect(plan.deletes).toEqual([rows[1].id]);
    expect(plan.inserts).toEqual([]);
  });

  it('adds the value in force at a bucket’s end when a peak ended inside it and nothing follows', () => {
    const rows = [row(0, 0), row(10 * 60_000, 5), row(20 * 60_000, 0)];
    const plan = planBuckets(rows, HOUR_MS, new Map());
    expect(plan.updates.map((u) => u.values.backlogNodes)).toEqual([5]);
    expect(plan.inserts).toEqual([{ srId: 1, atMs: HOUR_MS, values: values(0) }]);
    // The same when the next sample comes hours later, not when it comes at the bucket's end.
    expect(planBuckets(rows, HOUR_MS, new Map([[1, 5 * HOUR_MS]])).inserts).toHaveLength(1);
    expect(planBuckets(rows, HOUR_MS, new Map([[1, HOUR_MS]])).inserts).toHaveLength(0);
  });

  it('counts the value carried into a bucket in its maxima, SR by SR', () => {
    const rows = [row(50 * 60_000, 5), row(3 * HOUR_MS + 30 * 60_000, 1), row(0, 2, 2)];
    const plan = planBuckets(rows, HOUR_MS, new Map());
    // SR 1: 5 held from 00:50 until 03:30, so hour 3 peaks at 5; its end value 1 is added.
    expect(plan.updates.map((u) => [u.atMs, u.values.backlogNodes])).toEqual([
      [0, 5],
      [3 * HOUR_MS, 5],
      [0, 2],
    ]);
    expect(plan.inserts).toEqual([{ srId: 1, atMs: 4 * HOUR_MS, values: values(1) }]);
  });
});

/**
 * Retention and downsampling, as named jobs run on a timer whose clock tests control. Each job
 * takes `nowMs`, so a test can run a year of retention in one call.
 * - SR samples: raw for `rawSamplesMs`, then one row per hour (the hour's maxima), then one
 *   per day after `hourlySamplesMs`, deleted after `samplesMs` except each SR's newest (a
 *   sample holds until the next one);
 * - chain changes older than `chainChangesMs` are deleted, except each chain's last row
 *   (it is the chain's current state) unless that row says the chain was removed, and the
 *   VHDs (ChainVhd) no change names any more;
 * - runs, GC events (and the GC lines no event says any more), speed readings, removed
 *   VDIs/VMs and deleted snapshots age out.
 * A runner keeps to the pools of its scope: the demo pool's history is timed by the
 * simulator's clock, not by the wall clock the real pools' history is timed by. Rows no pool
 * owns (GC lines and chain VHDs nothing names any more) are cleaned up whatever the scope.
 */
import type { Db } from '../db/client';
import { Prisma } from '../db/generated/client';
import { bytes, epochMsOf } from '../db/rows';
import { aggregateValuesOf, type SrAggregateValues } from '../db/sr-samples';
import type { Clock, Logger } from './clock';
import { planBuckets } from './sample-buckets';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RetentionPolicy {
  rawSamplesMs: number;
  hourlySamplesMs: number;
  samplesMs: number;
  chainChangesMs: number;
  runsMs: number;
  gcEventsMs: number;
  speedReadingsMs: number;
  removedRowsMs: number;
  deletedSnapshotsMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  rawSamplesMs: 2 * DAY_MS,
  hourlySamplesMs: 30 * DAY_MS,
  samplesMs: 730 * DAY_MS,
  chainChangesMs: 365 * DAY_MS,
  runsMs: 90 * DAY_MS,
  gcEventsMs: 180 * DAY_MS,
  speedReadingsMs: 365 * DAY_MS,
  removedRowsMs: 30 * DAY_MS,
  deletedSnapshotsMs: 365 * DAY_MS,
};

export interface RetentionJob {
  name: string;
  /** Returns how many rows it deleted or merged, of the pools `poolIds` (never empty). */
  run(db: Db, nowMs: number, policy: RetentionPolicy, poolIds: readonly number[]): Promise<number>;
}

/** Which pools a runner keeps: the demo's, the real ones', or (undefined) all. */
export interface RetentionScope {
  demo: boolean;
}

const inPools = (poolIds: readonly number[]) => ({ poolId: { in: [...poolIds] } });
const srInPools = (poolIds: readonly number[]) => ({ sr: inPools(poolIds) });
/** SQL: the SRs of `poolIds`. */
const srIdsOf = (poolIds: readonly number[]) => Prisma.sql`SELECT "id" FROM "Sr" WHERE "poolId" IN (${Prisma.join(poolIds)})`;

const before = (nowMs: number, ageMs: number) => new Date(nowMs - ageMs);

/**
 * Rows nothing names any more (GcLine, ChainVhd) deleted per run: SQLite checks each against
 * its unindexed referencing column with a scan, so a large backlog (a deleted pool's lines)
 * drains over several hourly runs instead of holding the connection at once.
 */
const ORPHANS_PER_RUN = 1_000;

/** Merges samples older than `ageMs` into buckets of `bucketMs` (complete buckets only; see sample-buckets.ts). */
async function downsample(db: Db, nowMs: number, ageMs: number, bucketMs: number, poolIds: readonly number[]): Promise<number> {
  const cutoffMs = Math.floor((nowMs - ageMs) / bucketMs) * bucketMs;
  const rows = await db.srSample.findMany({
    where: { at: { lt: new Date(cutoffMs) }, bucketSeconds: { lt: bucketMs / 1000 }, ...srInPools(poolIds) },
    orderBy: [{ srId: 'asc' }, { at: 'asc' }],
  });
  if (rows.length === 0) return 0;
  const srIds = [...new Set(rows.map((row) => row.srId))];
  const next = await db.$queryRaw<{ srId: number | bigint; at: unknown }[]>`
    SELECT "srId", MIN("at") AS "at" FROM "SrSample" WHERE "srId" IN (${Prisma.join(srIds)}) AND "at" >= ${new Date(cutoffMs)} GROUP BY "srId"`;
  const nextAtMs = new Map(next.flatMap((row) => (epochMsOf(row.at) === null ? [] : [[Number(row.srId), epochMsOf(row.at)!] as const])));
  const plan = planBuckets(
    rows.map((row) => ({ id: row.id, srId: row.srId, atMs: row.at.getTime(), bucketSeconds: row.bucketSeconds, values: aggregateValuesOf(row) })),
    bucketMs,
    nextAtMs,
  );
  const stored = (values: SrAggregateValues) => ({ ...values, backlogBytes: bytes(values.backlogBytes) });
  await db.$transaction(async (tx) => {
    // Deletes first: a kept row moves to its bucket's start, where a deleted one may stand.
    for (let i = 0; i < plan.deletes.length; i += 500) await tx.srSample.deleteMany({ where: { id: { in: plan.deletes.slice(i, i + 500) } } });
    for (const u of plan.updates) {
      await tx.srSample.update({ where: { id: u.id }, data: { at: new Date(u.atMs), bucketSeconds: u.bucketSeconds, ...stored(u.values) } });
    }
    if (plan.inserts.length > 0) {
      await tx.srSample.createMany({ data: plan.inserts.map((r) => ({ srId: r.srId, at: new Date(r.atMs), bucketSeconds: 0, ...stored(r.values) })) });
    }
  });
  return plan.deletes.length;
}

/** Samples older than `ageMs`, except each SR's newest: a value holds until the next sample. */
async function pruneSamples(db: Db, nowMs: number, ageMs: number, poolIds: readonly number[]): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "SrSample" WHERE "at" < ${before(nowMs, ageMs)} AND "srId" IN (${srIdsOf(poolIds)})
      AND "at" < (SELECT MAX(n."at") FROM "SrSample" n WHERE n."srId" = "SrSample"."srId")`;
}

async function pruneChainChanges(db: Db, nowMs: number, policy: RetentionPolicy, poolIds: readonly number[]): Promise<number> {
  const old = await db.chainChange.findMany({
    where: { at: { lt: before(nowMs, policy.chainChangesMs) }, ...srInPools(poolIds) },
    select: { id: true, srId: true, leafId: true, seq: true, state: true },
  });
  if (old.length === 0) return 0;
  const latest = await db.chainChange.groupBy({
    by: ['srId', 'leafId'],
    where: { leafId: { in: [...new Set(old.map((row) => row.leafId))] } },
    _max: { seq: true },
  });
  const lastSeq = new Map(latest.map((row) => [`${row.srId}:${row.leafId}`, row._max.seq ?? 0]));
  const ids = old
    .filter((row) => row.seq < (lastSeq.get(`${row.srId}:${row.leafId}`) ?? 0) || row.state === 'removed')
    .map((row) => row.id);
  let deleted = 0;
  for (let i = 0; i < ids.length; i += 500) {
    deleted += (await db.chainChange.deleteMany({ where: { id: { in: ids.slice(i, i + 500) } } })).count;
  }
  // VHDs no change names any more.
  return deleted + (await db.$executeRaw`
    DELETE FROM "ChainVhd" WHERE "id" IN (
      SELECT "id" FROM "ChainVhd" WHERE "id" NOT IN (SELECT "leafId" FROM "ChainChange")
        AND "id" NOT IN (SELECT "rootId" FROM "ChainChange" WHERE "rootId" IS NOT NULL)
      LIMIT ${ORPHANS_PER_RUN})`);
}

export const RETENTION_JOBS: RetentionJob[] = [
  { name: 'downsample-samples-hourly', run: (db, nowMs, p, pools) => downsample(db, nowMs, p.rawSamplesMs, HOUR_MS, pools) },
  { name: 'downsample-samples-daily', run: (db, nowMs, p, pools) => downsample(db, nowMs, p.hourlySamplesMs, DAY_MS, pools) },
  { name: 'prune-samples', run: (db, nowMs, p, pools) => pruneSamples(db, nowMs, p.samplesMs, pools) },
  { name: 'prune-chain-changes', run: pruneChainChanges },
  {
    name: 'prune-runs',
    run: async (db, nowMs, p, pools) =>
      (await db.collectionRun.deleteMany({ where: { startedAt: { lt: before(nowMs, p.runsMs) }, ...inPools(pools) } })).count,
  },
  {
    name: 'prune-gc-events',
    run: async (db, nowMs, p, pools) => {
      const events = await db.gcEvent.deleteMany({ where: { at: { lt: before(nowMs, p.gcEventsMs) }, ...inPools(pools) } });
      // Lines no event says any more (their events aged out, or their pool was deleted).
      const lines = await db.$executeRaw`
        DELETE FROM "GcLine" WHERE "id" IN (SELECT "id" FROM "GcLine" WHERE "id" NOT IN (SELECT "lineId" FROM "GcEvent") LIMIT ${ORPHANS_PER_RUN})`;
      return events.count + lines;
    },
  },
  {
    name: 'prune-speed-readings',
    run: async (db, nowMs, p, pools) =>
      (await db.speedReading.deleteMany({ where: { at: { lt: before(nowMs, p.speedReadingsMs) }, ...srInPools(pools) } })).count,
  },
  {
    name: 'prune-removed-rows',
    run: async (db, nowMs, p, pools) => {
      const where = { removedAt: { lt: before(nowMs, p.removedRowsMs) }, ...inPools(pools) };
      const vdis = await db.vdi.deleteMany({ where });
      const vms = await db.vm.deleteMany({ where });
      return vdis.count + vms.count;
    },
  },
  {
    name: 'prune-deleted-snapshots',
    run: async (db, nowMs, p, pools) =>
      (await db.vmSnapshot.deleteMany({ where: { removedAt: { lt: before(nowMs, p.deletedSnapshotsMs) }, ...inPools(pools) } })).count,
  },
];

/** Runs every job once on the pools of `scope` (all when undefined); returns the rows each touched, by job name. */
export async function runRetention(
  db: Db,
  nowMs: number,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  scope?: RetentionScope,
): Promise<Record<string, number>> {
  const pools = await db.pool.findMany({ where: scope === undefined ? {} : { demo: scope.demo }, select: { id: true } });
  const poolIds = pools.map((pool) => pool.id);
  const counts: Record<string, number> = {};
  for (const job of RETENTION_JOBS) counts[job.name] = poolIds.length === 0 ? 0 : await job.run(db, nowMs, policy, poolIds);
  return counts;
}

export interface RetentionRunner {
  runNow(): Promise<Record<string, number>>;
  /** No further run; resolves once a run under way has ended (before the database closes). */
  stop(): Promise<void>;
}

/** A runner's first run comes this long after it starts, then one every RETENTION_INTERVAL_MS. */
export const RETENTION_FIRST_DELAY_MS = 5 * 60_000;
export const RETENTION_INTERVAL_MS = HOUR_MS;

export function startRetention(options: {
  db: Db;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
  firstDelayMs?: number;
  policy?: RetentionPolicy;
  scope?: RetentionScope;
}): RetentionRunner {
  const { db, clock, log } = options;
  let timer: unknown = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  const runNow = () => runRetention(db, clock.nowMs(), options.policy, options.scope);
  const start = () => {
    timer = null;
    running = tick().finally(() => (running = null));
  };
  const tick = async () => {
    try {
      await runNow();
    } catch (err) {
      const of = options.scope === undefined ? '' : options.scope.demo ? ' of the demo pool' : ' of the pools';
      log.warn(`retention${of} failed: ${(err as Error).message}`);
    }
    if (!stopped) timer = clock.setTimeout(start, options.intervalMs ?? RETENTION_INTERVAL_MS);
  };
  timer = clock.setTimeout(start, options.firstDelayMs ?? RETENTION_FIRST_DELAY_MS);
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

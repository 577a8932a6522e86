/** Collection runs: when each pool was read and how it went (a failed run is a recorded gap). */
import type { Db } from '../client';
import { Prisma } from '../generated/client';
import { epochMsOf } from '../rows';
import { asOutcome, type RunOutcome } from './pools';

export interface RunSummary {
  startedAtMs: number;
  finishedAtMs: number;
  /** full | events | connect */
  kind: string;
  /** Unknown values read as failed: data we cannot vouch for is not shown as fine. */
  outcome: RunOutcome;
  error: string | null;
}

/** Runs that started in [fromMs, toMs], oldest first, at most `limit` (the newest ones). */
export async function listCollectionRuns(
  db: Db,
  poolId: number,
  window: { fromMs: number; toMs: number },
  limit: number,
): Promise<RunSummary[]> {
  const runs = await db.collectionRun.findMany({
    where: { poolId, startedAt: { gte: new Date(window.fromMs), lte: new Date(window.toMs) } },
    orderBy: { startedAt: 'desc' },
    take: limit,
  });
  return runs.reverse().map((run) => ({
    startedAtMs: run.startedAt.getTime(),
    finishedAtMs: run.finishedAt.getTime(),
    kind: run.kind,
    outcome: asOutcome(run.outcome) ?? 'failed',
    error: run.error,
  }));
}

/** When each pool last finished a run that stored data (ok or partial), by pool id. */
export async function lastGoodRunAt(db: Db, poolIds: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (poolIds.length === 0) return result;
  const rows = await db.$queryRaw<{ poolId: number | bigint; finishedAt: unknown }[]>`
    SELECT "poolId", MAX("finishedAt") AS "finishedAt" FROM "CollectionRun"
    WHERE "poolId" IN (${Prisma.join(poolIds)}) AND "outcome" IN ('ok', 'partial') GROUP BY "poolId"`;
  for (const row of rows) {
    const ms = epochMsOf(row.finishedAt);
    if (ms !== null) result.set(Number(row.poolId), ms);
  }
  return result;
}

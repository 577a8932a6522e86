/** Watched pools as the dashboard shows them: plain values, times in epoch ms. */
import type { Db } from '../client';

export type RunOutcome = 'ok' | 'partial' | 'failed';

export interface PoolSummary {
  id: number;
  /** Configured name; `nameLabel` is what XAPI calls the pool (untrusted text). */
  name: string;
  nameLabel: string;
  demo: boolean;
  masterHostName: string | null;
  hostCount: number;
  lastConnectedAtMs: number | null;
  lastRunAtMs: number | null;
  lastOutcome: RunOutcome | null;
  lastError: string | null;
  /** Wall-clock time the row was last written (the end of the last run, for a collected pool). */
  updatedAtMs: number;
}

const OUTCOMES: ReadonlySet<string> = new Set<RunOutcome>(['ok', 'partial', 'failed']);

export function asOutcome(value: string | null): RunOutcome | null {
  return value !== null && OUTCOMES.has(value) ? (value as RunOutcome) : null;
}

const ms = (date: Date | null): number | null => (date === null ? null : date.getTime());

type PoolRow = Awaited<ReturnType<typeof findPoolRows>>[number];

function findPoolRows(db: Db, where: { id?: number }) {
  return db.pool.findMany({
    where,
    orderBy: [{ demo: 'asc' }, { name: 'asc' }],
    include: { hosts: { where: { removedAt: null }, select: { nameLabel: true, uuid: true } } },
  });
}

function toSummary(pool: PoolRow): PoolSummary {
  return {
    id: pool.id,
    name: pool.name,
    nameLabel: pool.nameLabel,
    demo: pool.demo,
    masterHostName: pool.hosts.find((host) => host.uuid === pool.masterHostUuid)?.nameLabel ?? null,
    hostCount: pool.hosts.length,
    lastConnectedAtMs: ms(pool.lastConnectedAt),
    lastRunAtMs: ms(pool.lastRunAt),
    lastOutcome: asOutcome(pool.lastOutcome),
    lastError: pool.lastError,
    updatedAtMs: pool.updatedAt.getTime(),
  };
}

/** Every pool, real pools first, then by name. */
export async function listPools(db: Db): Promise<PoolSummary[]> {
  return (await findPoolRows(db, {})).map(toSummary);
}

export async function findPool(db: Db, id: number): Promise<PoolSummary | null> {
  const [row] = await findPoolRows(db, { id });
  return row === undefined ? null : toSummary(row);
}

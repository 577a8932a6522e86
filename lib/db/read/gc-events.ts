/**
 * The SM garbage collector's activity on one SR, newest first, from stored SMGC lines.
 *
 * Few SMGC lines name their SR (`=== SR <uuid>: gc ===`, tree dumps); the others are stored
 * without one. One GC process works on one SR (cleanup.py takes a per-SR lock), so the lines
 * of a process belong to the SR it last named. Pids are reused in time, so each stretch of a
 * process runs from a line naming the SR to the next line naming another one.
 */
import type { Db } from '../client';
import { gcEventView, type GcEventView } from './gc-event-view';
import { slices } from './slices';

/** GC processes looked at: the most recent ones that named the SR. */
const MAX_PROCESSES = 200;

interface Stretch {
  hostId: number;
  pid: number;
  from: Date;
  /** null: up to now. */
  to: Date | null;
}

async function stretchesOf(db: Db, poolId: number, srUuid: string): Promise<Stretch[]> {
  // Raw SQL: Prisma's _max cannot read back an integer DateTime.
  const processes = await db.$queryRaw<{ hostId: number | bigint; pid: number | bigint }[]>`
    SELECT e."hostId", e."pid" FROM "GcEvent" e JOIN "GcLine" l ON l."id" = e."lineId"
    WHERE e."poolId" = ${poolId} AND l."srUuid" = ${srUuid}
    GROUP BY e."hostId", e."pid" ORDER BY MAX(e."at") DESC LIMIT ${MAX_PROCESSES}`;
  const namings = [];
  for (const part of slices(processes)) {
    const rows = await db.gcEvent.findMany({
      where: { poolId, line: { srUuid: { not: null } }, OR: part.map((p) => ({ hostId: Number(p.hostId), pid: Number(p.pid) })) },
      select: { hostId: true, pid: true, at: true, line: { select: { srUuid: true } } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    namings.push(...rows.map((row) => ({ hostId: row.hostId, pid: row.pid, at: row.at, srUuid: row.line.srUuid })));
  }
  const open = new Map<string, Stretch>();
  const stretches: Stretch[] = [];
  for (const naming of namings) {
    const key = `${naming.hostId}:${naming.pid}`;
    const current = open.get(key);
    if (naming.srUuid === srUuid) {
      if (current === undefined) open.set(key, { hostId: naming.hostId, pid: naming.pid, from: naming.at, to: null });
    } else if (current !== undefined) {
      stretches.push({ ...current, to: naming.at });
      open.delete(key);
    }
  }
  return [...stretches, ...open.values()];
}

export async function listGcEvents(db: Db, query: { poolId: number; srUuid: string; limit: number }): Promise<GcEventView[]> {
  const stretches = await stretchesOf(db, query.poolId, query.srUuid);
  const rows = [];
  for (const part of slices(stretches)) {
    rows.push(
      ...(await db.gcEvent.findMany({
        where: {
          poolId: query.poolId,
          OR: part.map((s) => ({ hostId: s.hostId, pid: s.pid, at: s.to === null ? { gte: s.from } : { gte: s.from, lt: s.to } })),
        },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: query.limit,
        include: { host: { select: { nameLabel: true } }, line: { select: { message: true } } },
      })),
    );
  }
  rows.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
  return rows.slice(0, query.limit).map((row) =>
    gcEventView({
      key: String(row.id),
      atMs: row.at.getTime(),
      host: row.host.nameLabel,
      pid: row.pid,
      message: row.line.message,
      srUuid: query.srUuid,
    }),
  );
}

/** Storage repositories with their VDI counts and newest aggregates. */
import type { Db } from '../client';
import type { Sr } from '../generated/client';
import { srRowOf, type SrRow } from '../rows';
import { latestSamples, type SrSamplePoint } from './sr-samples';

/** The stored SR (its XAPI ref left out), with what was counted for it. */
export interface SrSummary extends Omit<SrRow, 'ref'> {
  id: number;
  poolId: number;
  /** Managed VDIs (disks and snapshots) and base copies (hidden VHDs) now on the SR. */
  vdis: number;
  baseCopies: number;
  latest: SrSamplePoint | null;
  /** When the SR left its pool; null while it is there. */
  removedAtMs: number | null;
}

const byId = (srs: Sr[]) => srs.map((sr) => sr.id);

async function vdiCounts(db: Db, srIds: number[]): Promise<Map<number, { vdis: number; baseCopies: number }>> {
  const groups = await db.vdi.groupBy({
    by: ['srId', 'managed'],
    where: { srId: { in: srIds }, removedAt: null },
    _count: { _all: true },
  });
  const counts = new Map<number, { vdis: number; baseCopies: number }>();
  for (const group of groups) {
    const entry = counts.get(group.srId) ?? { vdis: 0, baseCopies: 0 };
    if (group.managed) entry.vdis += group._count._all;
    else entry.baseCopies += group._count._all;
    counts.set(group.srId, entry);
  }
  return counts;
}

async function summarize(db: Db, srs: Sr[]): Promise<SrSummary[]> {
  const [counts, samples] = await Promise.all([vdiCounts(db, byId(srs)), latestSamples(db, byId(srs))]);
  return srs.map((sr) => {
    const { ref: _ref, ...row } = srRowOf(sr);
    return {
      id: sr.id,
      poolId: sr.poolId,
      ...row,
      vdis: counts.get(sr.id)?.vdis ?? 0,
      baseCopies: counts.get(sr.id)?.baseCopies ?? 0,
      latest: samples.get(sr.id) ?? null,
      removedAtMs: sr.removedAt === null ? null : sr.removedAt.getTime(),
    };
  });
}

/** The SRs still present on their pools. */
export async function listSrs(db: Db): Promise<SrSummary[]> {
  const srs = await db.sr.findMany({ where: { removedAt: null }, orderBy: [{ poolId: 'asc' }, { nameLabel: 'asc' }] });
  return summarize(db, srs);
}

/**
 * One SR by uuid. A uuid names one SR world-wide, but the same pool may be watched under two
 * configured names: the present row wins, then the newest.
 */
export async function findSr(db: Db, uuid: string): Promise<SrSummary | null> {
  const sr = await db.sr.findFirst({ where: { uuid }, orderBy: [{ removedAt: { sort: 'asc', nulls: 'first' } }, { id: 'desc' }] });
  return sr === null ? null : (await summarize(db, [sr]))[0];
}

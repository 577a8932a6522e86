/**
 * Per-SR aggregates, one row per collection in which they changed: a value holds until the
 * SR's next row (readers carry it forward; whether the collector was running at all is in
 * CollectionRun). GC progress alone does not make a new row: it moves on every event while
 * the GC works.
 */
import { bulkInsert } from './bulk-insert';
import { Prisma, type SrSample } from './generated/client';
import { slices } from './read/slices';
import { bytes, epochMsOf, type DbTx } from './rows';

/** One SR's aggregates at one collection: what buildSrView() counts, the collector stores and the charts read back. */
export interface SrAggregateValues {
  nodes: number;
  hiddenNodes: number;
  chains: number;
  /** VHDs the GC still has to coalesce or leaf-coalesce, and their allocated bytes. */
  backlogNodes: number;
  backlogBytes: number;
  maxChainLength: number;
  /** Disks (managed, not snapshots) whose next backup XO would skip ("Job canceled to protect the VDI chain"). */
  xoUnhealthyCount: number;
  /** XO's "VDIs to coalesce" count for the SR. */
  xoVdisToCoalesce: number;
  gcRunning: boolean;
  /** 0..1 while the GC task runs (counts VHD pairs, not bytes); null when none runs. */
  gcProgress: number | null;
}

/** A stored sample's aggregates, bytes as a number. */
export function aggregateValuesOf(row: SrSample): SrAggregateValues {
  return {
    nodes: row.nodes,
    hiddenNodes: row.hiddenNodes,
    chains: row.chains,
    backlogNodes: row.backlogNodes,
    backlogBytes: Number(row.backlogBytes),
    maxChainLength: row.maxChainLength,
    xoUnhealthyCount: row.xoUnhealthyCount,
    xoVdisToCoalesce: row.xoVdisToCoalesce,
    gcRunning: row.gcRunning,
    gcProgress: row.gcProgress,
  };
}

function sampleKey(v: SrAggregateValues): string {
  return JSON.stringify([v.nodes, v.hiddenNodes, v.chains, v.backlogNodes, v.backlogBytes, v.maxChainLength, v.xoUnhealthyCount, v.xoVdisToCoalesce, v.gcRunning]);
}

interface LastSample {
  atMs: number;
  key: string;
}

export class SrSampleStore {
  /** Last sample per SR id; null: the SR has none. */
  private readonly last = new Map<number, LastSample | null>();

  reset(): void {
    this.last.clear();
  }

  private async load(tx: DbTx, srIds: number[]): Promise<void> {
    const missing = srIds.filter((id) => !this.last.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.last.set(id, null);
    for (const [srId, row] of await newestSampleRows(tx, missing)) this.last.set(srId, { atMs: row.at.getTime(), key: sampleKey(aggregateValuesOf(row)) });
  }

  /** Writes the samples that differ from their SR's last one. Returns how many. */
  async recordAll(tx: DbTx, samples: readonly { srId: number; values: SrAggregateValues }[], atMs: number): Promise<number> {
    await this.load(tx, samples.map((s) => s.srId));
    const at = new Date(atMs);
    const rows = [];
    for (const { srId, values } of samples) {
      const last = this.last.get(srId) ?? null;
      const key = sampleKey(values);
      if (last !== null && (atMs <= last.atMs || last.key === key)) continue;
      rows.push({ srId, at, bucketSeconds: 0, ...values, backlogBytes: bytes(values.backlogBytes) });
      this.last.set(srId, { atMs, key });
    }
    await bulkInsert(tx, 'SrSample', rows);
    return rows.length;
  }
}

/**
 * The newest sample of each SR, or the newest before `beforeMs` (the value in force then),
 * by SR id. MAX() goes through raw SQL: Prisma's _max cannot read an integer DateTime back.
 */
export async function newestSampleRows(tx: DbTx, srIds: readonly number[], beforeMs?: number): Promise<Map<number, SrSample>> {
  const result = new Map<number, SrSample>();
  for (const part of slices(srIds)) {
    const bound = beforeMs === undefined ? Prisma.empty : Prisma.sql`AND "at" < ${new Date(beforeMs)}`;
    const newest = await tx.$queryRaw<{ srId: number | bigint; at: unknown }[]>`
      SELECT "srId", MAX("at") AS "at" FROM "SrSample" WHERE "srId" IN (${Prisma.join(part)}) ${bound} GROUP BY "srId"`;
    const keys = newest.flatMap((row) => {
      const ms = epochMsOf(row.at);
      return ms === null ? [] : [{ srId: Number(row.srId), at: new Date(ms) }];
    });
    if (keys.length === 0) continue;
    for (const row of await tx.srSample.findMany({ where: { OR: keys } })) result.set(row.srId, row);
  }
  return result;
}

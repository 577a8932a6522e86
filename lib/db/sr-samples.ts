/**
 * Per-SR aggregates, one row per collection in which they changed, and at least one every
 * `heartbeatMs` while the SR is watched (so a chart of a steady SR still has points; whether
 * the collector was running at all is in CollectionRun). GC progress alone does not make a
 * new row: it moves on every event while the GC works.
 */
import { bulkInsert } from './bulk-insert';
import type { SrSample } from './generated/client';
import { bytes, type DbTx } from './rows';

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

export const SAMPLE_HEARTBEAT_MS = 60 * 60 * 1000;

interface LastSample {
  atMs: number;
  key: string;
}

function sampleKey(v: SrAggregateValues): string {
  return JSON.stringify([v.nodes, v.hiddenNodes, v.chains, v.backlogNodes, v.backlogBytes, v.maxChainLength, v.xoUnhealthyCount, v.xoVdisToCoalesce, v.gcRunning]);
}

export class SrSampleStore {
  /** Last raw sample per SR id; null: none within a heartbeat. */
  private readonly last = new Map<number, LastSample | null>();

  constructor(private readonly heartbeatMs: number = SAMPLE_HEARTBEAT_MS) {}

  reset(): void {
    this.last.clear();
  }

  /** Only samples within a heartbeat of `atMs` can suppress a new one: only those are read. */
  private async load(tx: DbTx, srIds: number[], atMs: number): Promise<void> {
    const missing = srIds.filter((id) => !this.last.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.last.set(id, null);
    const recent = await tx.srSample.findMany({
      where: { srId: { in: missing }, bucketSeconds: 0, at: { gt: new Date(atMs - this.heartbeatMs) } },
      orderBy: { at: 'asc' },
    });
    for (const row of recent) this.last.set(row.srId, { atMs: row.at.getTime(), key: sampleKey(aggregateValuesOf(row)) });
  }

  /** Writes the samples that do not repeat their SR's last one within the heartbeat. Returns how many. */
  async recordAll(tx: DbTx, samples: readonly { srId: number; values: SrAggregateValues }[], atMs: number): Promise<number> {
    await this.load(tx, samples.map((s) => s.srId), atMs);
    const at = new Date(atMs);
    const rows = [];
    for (const { srId, values } of samples) {
      const last = this.last.get(srId) ?? null;
      const key = sampleKey(values);
      if (last !== null && (atMs <= last.atMs || (last.key === key && atMs - last.atMs < this.heartbeatMs))) continue;
      rows.push({ srId, at, bucketSeconds: 0, ...values, backlogBytes: bytes(values.backlogBytes) });
      this.last.set(srId, { atMs, key });
    }
    await bulkInsert(tx, 'SrSample', rows);
    return rows.length;
  }
}

/**
 * The chains of one SR as they stand: the newest ChainChange of every leaf that is still
 * there, with the leaf's name and VMs.
 */
import type { Db } from '../client';
import type { ChainChange } from '../generated/client';
import { slices } from './slices';
import { vdiLabels } from './vdi-labels';

export interface ChainSummary {
  leafUuid: string;
  /** VDI name_label (untrusted text); null when XAPI does not know the leaf (seen in the scan only). */
  leafName: string | null;
  isSnapshot: boolean;
  vmNames: string[];
  rootUuid: string;
  /** VHDs root → leaf inclusive. */
  length: number;
  /** Base copies (hidden VHDs) in the chain. */
  baseCopies: number;
  sizeBytes: number;
  /** clean | coalescing | blocked | unknown-parent | garbage (the collector's chain-state.ts). */
  state: string;
  /** XO would skip a backup of this disk ("Job canceled to protect the VDI chain"). */
  xoUnhealthy: boolean;
  /** When the chain took this length and state. */
  sinceMs: number;
}

type NamedChange = ChainChange & { leafUuid: string; rootUuid: string };

async function newestChanges(db: Db, srId: number): Promise<NamedChange[]> {
  const newest = await db.chainChange.groupBy({ by: ['leafId'], where: { srId }, _max: { seq: true } });
  const keys = newest.flatMap((row) => (row._max.seq === null ? [] : [{ leafId: row.leafId, seq: row._max.seq }]));
  const rows: NamedChange[] = [];
  for (const part of slices(keys)) {
    const found = await db.chainChange.findMany({ where: { srId, OR: part }, include: { leaf: true, root: true } });
    rows.push(...found.map(({ leaf, root, ...row }) => ({ ...row, leafUuid: leaf.uuid, rootUuid: root?.uuid ?? '' })));
  }
  return rows.filter((row) => row.state !== 'removed');
}

/** Disks XO would skip first, then the longest chains. */
export async function listSrChains(db: Db, sr: { id: number; poolId: number }): Promise<ChainSummary[]> {
  const changes = await newestChanges(db, sr.id);
  const labels = await vdiLabels(db, sr.poolId, changes.map((c) => c.leafUuid));
  const chains = changes.map((change): ChainSummary => {
    const label = labels.get(change.leafUuid);
    return {
      leafUuid: change.leafUuid,
      leafName: label?.nameLabel ?? null,
      isSnapshot: label?.isSnapshot ?? false,
      vmNames: label?.vmNames ?? [],
      rootUuid: change.rootUuid,
      length: change.length,
      baseCopies: change.hiddenCount,
      sizeBytes: Number(change.sizeBytes),
      state: change.state,
      xoUnhealthy: change.xoUnhealthy,
      sinceMs: change.at.getTime(),
    };
  });
  return chains.sort(
    (a, b) =>
      Number(b.xoUnhealthy) - Number(a.xoUnhealthy) ||
      b.length - a.length ||
      (a.leafName ?? a.leafUuid).localeCompare(b.leafName ?? b.leafUuid),
  );
}

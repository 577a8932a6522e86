/**
 * How each leaf's chain length moved over a window, from ChainChange (one row per change).
 * A leaf whose length goes 1, 2, 1, 2 is the GC giving up on a live leaf-coalesce again
 * and again, so the leaves that changed most come first.
 */
import type { Db } from '../client';
import { vdiLabels } from './vdi-labels';

export interface ChainLengthStep {
  atMs: number;
  length: number;
  baseCopies: number;
  /** clean | coalescing | blocked | unknown-parent | garbage | removed */
  state: string;
}

export interface LeafChainHistory {
  leafUuid: string;
  leafName: string | null;
  vmNames: string[];
  /** The step in force at the window's start (when there is one), then every change in it, oldest first. */
  steps: ChainLengthStep[];
  /** Changes inside the window (a leaf's first row is its start, not a change). */
  changes: number;
  /** Times the length turned from rising to falling or back. */
  reversals: number;
}

export interface ChainHistory {
  /** Leaves whose chain changed in the window, the most restless first. */
  leaves: LeafChainHistory[];
  /** Leaves with a change in the window, including those beyond `maxLeaves`. */
  changedLeaves: number;
}

/** Enough for a week of one-minute oscillation on a few leaves; older changes beyond it are left out. */
const MAX_ROWS = 20_000;
/** SQLite binds at most a few thousand variables: an SR with more leaves changing at once has bigger problems. */
const MAX_LEAVES_LOOKED_UP = 2_000;

export function countReversals(lengths: readonly number[]): number {
  let reversals = 0;
  let direction = 0;
  for (let i = 1; i < lengths.length; i++) {
    const step = Math.sign(lengths[i] - lengths[i - 1]);
    if (step === 0) continue;
    if (direction !== 0 && step !== direction) reversals++;
    direction = step;
  }
  return reversals;
}

const toStep = (row: { at: Date; length: number; hiddenCount: number; state: string }): ChainLengthStep => ({
  atMs: row.at.getTime(),
  length: row.length,
  baseCopies: row.hiddenCount,
  state: row.state,
});

export async function listChainHistory(
  db: Db,
  sr: { id: number; poolId: number },
  window: { fromMs: number; toMs: number },
  maxLeaves: number,
): Promise<ChainHistory> {
  const sinceMs = window.fromMs;
  const rows = await db.chainChange.findMany({
    where: { srId: sr.id, at: { gte: new Date(sinceMs), lte: new Date(window.toMs) } },
    orderBy: [{ at: 'desc' }, { seq: 'desc' }],
    take: MAX_ROWS,
    include: { leaf: true },
  });
  const byLeaf = new Map<string, { leafId: number; steps: ChainLengthStep[]; changes: number }>();
  for (const row of rows.reverse()) {
    const leaf = byLeaf.get(row.leaf.uuid) ?? { leafId: row.leafId, steps: [], changes: -1 };
    leaf.steps.push(toStep(row));
    leaf.changes++;
    byLeaf.set(row.leaf.uuid, leaf);
  }
  // A leaf's first row is the chain as first seen; its first row in the window is a change only if an older row exists.
  const leafIds = [...byLeaf.values()].slice(0, MAX_LEAVES_LOOKED_UP).map((leaf) => leaf.leafId);
  const olderRows = await db.chainChange.groupBy({ by: ['leafId'], where: { srId: sr.id, at: { lt: new Date(sinceMs) }, leafId: { in: leafIds } } });
  const olderIds = new Set(olderRows.map((row) => row.leafId));
  for (const leaf of byLeaf.values()) if (olderIds.has(leaf.leafId)) leaf.changes++;
  const changed = [...byLeaf.entries()].filter(([, leaf]) => leaf.changes > 0);
  const ranked = changed
    .map(([leafUuid, leaf]) => ({ leafUuid, ...leaf, reversals: countReversals(leaf.steps.map((s) => s.length)) }))
    .sort((a, b) => b.reversals - a.reversals || b.changes - a.changes || a.leafUuid.localeCompare(b.leafUuid))
    .slice(0, maxLeaves);
  const labels = await vdiLabels(db, sr.poolId, ranked.map((leaf) => leaf.leafUuid));
  const leaves: LeafChainHistory[] = [];
  for (const leaf of ranked) {
    const before = await db.chainChange.findFirst({
      where: { srId: sr.id, leafId: leaf.leafId, at: { lt: new Date(sinceMs) } },
      orderBy: { seq: 'desc' },
    });
    const steps = before === null ? leaf.steps : [{ ...toStep(before), atMs: sinceMs }, ...leaf.steps];
    const label = labels.get(leaf.leafUuid);
    leaves.push({
      leafUuid: leaf.leafUuid,
      leafName: label?.nameLabel ?? null,
      vmNames: label?.vmNames ?? [],
      steps,
      changes: leaf.changes,
      reversals: countReversals(steps.map((s) => s.length)),
    });
  }
  return { leaves, changedLeaves: changed.length };
}

/**
 * SM's hard chain limit: `vhdutil.MAX_CHAIN_SIZE = 30`. Snapshotting a VDI whose chain depth
 * (the VHDs from it down to the base, itself included) is 30 or more fails with error 109
 * `SnapshotChainTooLong` "The snapshot chain is too long", and every backup that needs a
 * snapshot fails with it. Each snapshot adds one VHD to the chain of the disk.
 */
import type { Forest } from './types';

export const MAX_CHAIN_SIZE = 30;
/** Chains this close to the limit (in snapshots left) are worth a warning. */
export const NEAR_LIMIT_MARGIN = 5;

export interface ChainLimit {
  leafId: string;
  leafName: string;
  length: number;
  /** Snapshots that still succeed before one fails (0: the next snapshot fails). */
  snapshotsLeft: number;
}

export function snapshotsLeft(chainLength: number): number {
  return Math.max(0, MAX_CHAIN_SIZE - chainLength);
}

function limitAt(forest: Forest, k: number): ChainLimit {
  const length = forest.depthAt[k] + 1;
  return { leafId: forest.idAt(k), leafName: forest.nameAt(k), length, snapshotsLeft: snapshotsLeft(length) };
}

/** Distance to the limit of every visible leaf (hidden VHDs are never snapshotted), deepest first. */
export function chainLimits(forest: Forest): ChainLimit[] {
  const limits: ChainLimit[] = [];
  for (const k of forest.leafAt) {
    if (forest.columns.hidden[k] === 0) limits.push(limitAt(forest, k));
  }
  return limits;
}

/** Leaves with at most `margin` snapshots left. */
export function nearLimit(forest: Forest, margin: number = NEAR_LIMIT_MARGIN): ChainLimit[] {
  const cutoff = MAX_CHAIN_SIZE - margin;
  const near: ChainLimit[] = [];
  for (const k of forest.leafAt) {
    // Leaves come deepest first: past the cutoff nothing nearer can follow.
    if (forest.depthAt[k] + 1 < cutoff) break;
    if (forest.columns.hidden[k] === 0) near.push(limitAt(forest, k));
  }
  return near;
}

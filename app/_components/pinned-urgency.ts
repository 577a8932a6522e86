/**
 * Chains pinned by snapshots raise an SR's urgency on the overview. XO's rule does not see
 * them (no base copy is coalesceable, so backups run), but every new snapshot lengthens the
 * chain and the GC can never shorten it: a long pinned chain walks towards SM's limit of 30.
 */
import type { PinnedChain } from '@/lib/chains/pinned';
import type { SrOverview } from '@/app/api/_lib/overview';
import { URGENCY_RANK } from '@/lib/db/read/sr-urgency';

/** A pinned chain this long (a third of SM's limit) is worth a look before it grows further. */
export const PINNED_WARN_LENGTH = 10;

/**
 * The pinned chains worth a look (PINNED_WARN_LENGTH and longer, as the SR's badge counts them)
 * apart from the shorter ones: a VM whose backups keep a few snapshots, normal on a busy SR.
 */
export function splitPinned<T extends Pick<PinnedChain, 'length'>>(chains: readonly T[]): { long: T[]; short: T[] } {
  return { long: chains.filter((c) => c.length >= PINNED_WARN_LENGTH), short: chains.filter((c) => c.length < PINNED_WARN_LENGTH) };
}

export function pinnedReason(chains: readonly PinnedChain[]): string {
  const longest = chains.reduce((a, b) => (b.length > a.length ? b : a));
  const snapshots = longest.snapshotIds.length;
  const others = chains.length - 1;
  return (
    `${longest.snapshotIds.length} snapshots pin the chain of ${longest.leafName || 'a disk'} (${longest.length} VHDs)` +
    `${others > 0 ? ` and ${others} more chain${others === 1 ? '' : 's'}` : ''}: the GC cannot shorten ` +
    `${others > 0 ? 'them' : 'it'} and every backup adds a link. Delete the ${snapshots === 1 ? 'snapshot' : 'snapshots'} you no longer need.`
  );
}

type Urgency = SrOverview['urgency'];

/** The long pinned chains of each SR, by SR uuid. */
function longPinnedBySr(pinned: readonly PinnedChain[], srOfLeaf: (leafId: string) => string | null): Map<string, PinnedChain[]> {
  const bySr = new Map<string, PinnedChain[]>();
  for (const chain of splitPinned(pinned).long) {
    const sr = srOfLeaf(chain.leafId);
    if (sr === null) continue;
    bySr.set(sr, [...(bySr.get(sr) ?? []), chain]);
  }
  return bySr;
}

/** An SR's urgency raised to `warning` (never lowered) when it holds long pinned chains. */
function raised(urgency: Urgency, chains: readonly PinnedChain[] | undefined): Urgency {
  if (!chains || chains.length === 0) return urgency;
  return { level: urgency.level === 'critical' ? 'critical' : 'warning', reasons: [...urgency.reasons, pinnedReason(chains)] };
}

/** One SR's urgency with its long pinned chains counted (the SR page). */
export function srUrgencyWithPinned(
  sr: { uuid: string; urgency: Urgency },
  pinned: readonly PinnedChain[],
  srOfLeaf: (leafId: string) => string | null,
): Urgency {
  return raised(sr.urgency, longPinnedBySr(pinned, srOfLeaf).get(sr.uuid));
}

/**
 * The SRs with long pinned chains raised to `warning` (never lowered), in urgency order again.
 * `srOfLeaf` gives a pinned leaf's SR uuid.
 */
export function withPinnedChains(srs: readonly SrOverview[], pinned: readonly PinnedChain[], srOfLeaf: (leafId: string) => string | null): SrOverview[] {
  const bySr = longPinnedBySr(pinned, srOfLeaf);
  if (bySr.size === 0) return [...srs];
  const ranked = srs.map((sr, index) => ({ sr: bySr.has(sr.uuid) ? { ...sr, urgency: raised(sr.urgency, bySr.get(sr.uuid)) } : sr, index }));
  // Stable: within a level the server's order (disks XO would skip, longest chain, backlog) holds.
  return ranked.sort((a, b) => URGENCY_RANK[a.sr.urgency.level] - URGENCY_RANK[b.sr.urgency.level] || a.index - b.index).map((r) => r.sr);
}

/**
 * How urgently an SR needs a look, and why, in words: the overview sorts by it so the SR
 * whose backups XO is about to skip is on top.
 */
import { MAX_CHAIN_SIZE, NEAR_LIMIT_MARGIN } from '../../chains/limits';
import { XO_VDIS_TO_COALESCE_ALARM } from '../../chains/xo-chain-rule';
import type { SrSummary } from './srs';

export type UrgencyLevel = 'critical' | 'warning' | 'ok' | 'unknown';

export interface SrUrgency {
  level: UrgencyLevel;
  /** Most serious first; empty when all is well. */
  reasons: string[];
}

/** Most urgent first: sort by this. */
export const URGENCY_RANK: Record<UrgencyLevel, number> = { critical: 0, warning: 1, unknown: 2, ok: 3 };

const disks = (n: number) => `${n} ${n === 1 ? 'disk' : 'disks'}`;

type UrgencyInput = Pick<
  SrSummary,
  'latest' | 'gcEnabled' | 'coalesceEnabled' | 'leafCoalesceEnabled' | 'gcNoSpace' | 'lastCoalesceError'
>;

export function srUrgency(sr: UrgencyInput): SrUrgency {
  const s = sr.latest;
  if (s === null) return { level: 'unknown', reasons: ['No chain data yet (waiting for a collection that reads this SR).'] };
  const critical: string[] = [];
  const warning: string[] = [];
  if (s.xoUnhealthyCount > 0) critical.push(`XO will skip the next backup of ${disks(s.xoUnhealthyCount)} to protect the VDI chain.`);
  if (s.maxChainLength >= MAX_CHAIN_SIZE) {
    critical.push(`A chain reached SM's limit of ${MAX_CHAIN_SIZE}: snapshots of that disk fail now.`);
  } else if (MAX_CHAIN_SIZE - s.maxChainLength <= NEAR_LIMIT_MARGIN) {
    warning.push(`The longest chain is ${s.maxChainLength}: ${MAX_CHAIN_SIZE - s.maxChainLength} snapshots left before SM's limit of ${MAX_CHAIN_SIZE}.`);
  }
  if (sr.gcNoSpace) critical.push('SM reports no space to coalesce: free space on the SR so the GC can merge.');
  if (s.xoVdisToCoalesce >= XO_VDIS_TO_COALESCE_ALARM) {
    warning.push(`XO lists ${s.xoVdisToCoalesce} VDIs to coalesce (its health view alarms from ${XO_VDIS_TO_COALESCE_ALARM}).`);
  }
  const switchedOff = !sr.gcEnabled || !sr.coalesceEnabled || !sr.leafCoalesceEnabled;
  if (switchedOff && s.backlogNodes > 0) {
    warning.push(`The GC is switched off on this SR (other_config) while ${s.backlogNodes} VHDs wait to be coalesced.`);
  }
  if (sr.lastCoalesceError) warning.push(`Last coalesce error: ${sr.lastCoalesceError}`);
  if (critical.length > 0) return { level: 'critical', reasons: [...critical, ...warning] };
  if (warning.length > 0) return { level: 'warning', reasons: warning };
  return { level: 'ok', reasons: [] };
}

/** Most urgent first: level, then disks XO would skip, longest chain, backlog, name. */
export function compareUrgency(a: SrSummary, b: SrSummary): number {
  const la = srUrgency(a).level;
  const lb = srUrgency(b).level;
  if (la !== lb) return URGENCY_RANK[la] - URGENCY_RANK[lb];
  const sa = a.latest;
  const sb = b.latest;
  return (
    (sb?.xoUnhealthyCount ?? 0) - (sa?.xoUnhealthyCount ?? 0) ||
    (sb?.maxChainLength ?? 0) - (sa?.maxChainLength ?? 0) ||
    (sb?.backlogNodes ?? 0) - (sa?.backlogNodes ?? 0) ||
    (sb?.backlogBytes ?? 0) - (sa?.backlogBytes ?? 0) ||
    a.nameLabel.localeCompare(b.nameLabel)
  );
}

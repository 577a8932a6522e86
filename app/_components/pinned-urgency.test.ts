import { describe, expect, it } from 'vitest';
import type { PinnedChain } from '@/lib/chains/pinned';
import type { SrOverview } from '@/app/api/_lib/overview';
import type { UrgencyLevel } from '@/lib/db/read/sr-urgency';
import { PINNED_WARN_LENGTH, splitPinned, srUrgencyWithPinned, withPinnedChains } from './pinned-urgency';

const sr = (uuid: string, level: UrgencyLevel, reasons: string[] = []): SrOverview =>
  ({ uuid, nameLabel: uuid, urgency: { level, reasons } }) as unknown as SrOverview;

const chain = (leafId: string, length: number, snapshots: number, leafName = leafId): PinnedChain => ({
  leafId,
  leafName,
  length,
  baseCopies: length - 1,
  pinnedBaseCopies: snapshots,
  snapshotIds: Array.from({ length: snapshots }, (_, i) => `${leafId}-s${i}`),
  snapshotNames: [],
  collapsible: 0,
  sentence: '',
});

const SR_OF: Record<string, string> = { forum: 'equallogic', short: 'local', other: 'equallogic', gone: 'nowhere' };
const srOf = (leafId: string) => SR_OF[leafId] ?? null;

describe('withPinnedChains', () => {
  it('raises an OK SR holding a long pinned chain to a warning that names the chain, and sorts it up', () => {
    const srs = [sr('crit', 'critical', ['XO will skip']), sr('local', 'ok'), sr('equallogic', 'ok')];
    const out = withPinnedChains(srs, [chain('forum', 16, 15, '<script>db</script>'), chain('other', PINNED_WARN_LENGTH, 3)], srOf);
    expect(out.map((s) => [s.uuid, s.urgency.level])).toEqual([
      ['crit', 'critical'],
      ['equallogic', 'warning'],
      ['local', 'ok'],
    ]);
    expect(out[1].urgency.reasons).toEqual([
      '15 snapshots pin the chain of <script>db</script> (16 VHDs) and 1 more chain: the GC cannot shorten them and every backup adds a link. Delete the snapshots you no longer need.',
    ]);
  });

  it('leaves short pinned chains (a VM with a few snapshots), unknown leaves and critical SRs at their level', () => {
    const srs = [sr('local', 'ok'), sr('equallogic', 'critical', ['A chain reached SM’s limit'])];
    const out = withPinnedChains(srs, [chain('short', PINNED_WARN_LENGTH - 1, 4), chain('forum', 29, 20), chain('unknown', 20, 5)], srOf);
    expect(out.map((s) => [s.uuid, s.urgency.level, s.urgency.reasons.length])).toEqual([
      ['equallogic', 'critical', 2],
      ['local', 'ok', 0],
    ]);
    expect(withPinnedChains(srs, [], srOf)).toEqual(srs);
  });
});

describe('srUrgencyWithPinned', () => {
  it('gives the SR page the same verdict as the overview', () => {
    const pinned = [chain('forum', 16, 15, 'legacy-app system'), chain('short', 3, 2)];
    expect(srUrgencyWithPinned(sr('equallogic', 'ok'), pinned, srOf)).toEqual({
      level: 'warning',
      reasons: [
        '15 snapshots pin the chain of legacy-app system (16 VHDs): the GC cannot shorten it and every backup adds a link. Delete the snapshots you no longer need.',
      ],
    });
    expect(srUrgencyWithPinned(sr('local', 'ok'), pinned, srOf)).toEqual({ level: 'ok', reasons: [] });
  });
});

describe('splitPinned', () => {
  it('puts apart the chains long enough to raise the badge, in their order, from the shorter ones', () => {
    const chains = [chain('forum', 16, 15), chain('edge', PINNED_WARN_LENGTH, 9), chain('vm-a', PINNED_WARN_LENGTH - 1, 4), chain('vm-b', 3, 2)];
    const { long, short } = splitPinned(chains);
    expect(long.map((c) => c.leafId)).toEqual(['forum', 'edge']);
    expect(short.map((c) => c.leafId)).toEqual(['vm-a', 'vm-b']);
    // The SR page's warning cards are the chains its badge counts.
    expect(srUrgencyWithPinned(sr('local', 'ok'), short, () => 'local').level).toBe('ok');
    expect(srUrgencyWithPinned(sr('local', 'ok'), long, () => 'local').level).toBe('warning');
  });
});

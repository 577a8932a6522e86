import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../vhd/scan-parser';
import { buildForest } from './forest';
import { recordsFromScan } from './from-scan';
import { gcRoles } from './gc-roles';
import { diagnose, summarizeForest } from './summary';
import { xoChainVerdict } from './xo-chain-rule';

// The 16-deep tree pasted in the XCP-ng forum (lines cut at 145 characters).
const text = readFileSync(new URL('../../test/fixtures/forum-lvm-sr-tree.vhd-util-scan.txt', import.meta.url), 'utf8');
const forest = buildForest(recordsFromScan(parseScan(text).nodes));
const summary = summarizeForest(forest);
const ACTIVE = '9ffc4f7c-c27a-4976-8c93-b1522822fab4';

describe('the forum tree, end to end', () => {
  it('has 31 VHDs, 15 hidden, 1 tree, longest chain 16 ending at the 20 GiB active leaf', () => {
    expect(summary).toMatchObject({ nodes: 31, hiddenNodes: 15, trees: 1, maxChainLength: 16 });
    expect(summary.deepestLeaves).toContain(`VHD-${ACTIVE}`);
    expect(forest.nodes.get(ACTIVE)!.record.sizeBytes).toBe(21525168128);
    expect(summary.unknownParents).toEqual([]);
    expect(summary.cycles).toEqual([]);
  });

  it('gives the GC nothing to do: every base copy has two children', () => {
    expect(summary.gc).toEqual({ garbage: 0, coalesceable: 0, leafCoalesceable: 0 });
    expect(new Set(gcRoles(forest).values())).toEqual(new Set(['none']));
  });

  it('says plainly that 15 snapshots pin the chain so the GC cannot shorten it', () => {
    expect(summary.pinned).toHaveLength(1);
    const [pinned] = summary.pinned;
    expect(pinned).toMatchObject({ leafId: ACTIVE, length: 16, baseCopies: 15, pinnedBaseCopies: 15, collapsible: 0 });
    expect(pinned.snapshotIds).toHaveLength(15);
    for (const id of pinned.snapshotIds) expect(forest.nodes.get(id)!.record.sizeBytes).toBe(8 * 1024 ** 2);
    expect(pinned.sentence).toMatch(/^15 snapshots pin the chain of VHD-9ffc4f7c-\S+ \(16 VHDs\)/);
    expect(pinned.sentence).toMatch(/the GC cannot shorten it\.$/);
  });

  it('is not a case of XO chain protection: no base copy has a single child', () => {
    expect(xoChainVerdict(forest, [ACTIVE]).healthy).toBe(true);
    expect(summary.xoSkips).toEqual([]);
    expect(summary.xoVdisToCoalesce).toBe(0);
  });

  it('leads the findings with the pinned chain and what to do about it', () => {
    const [first, ...rest] = diagnose(summary);
    expect(first).toMatchObject({ severity: 'warning', code: 'pinned-chain' });
    expect(first.message).toMatch(/15 snapshots pin the chain .* the GC cannot shorten it\. Delete the snapshots/);
    expect(rest).toEqual([]);
  });
});

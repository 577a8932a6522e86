import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { treeRecords } from './test-factory';
import { XO_VDIS_TO_COALESCE_ALARM, xoChainVerdict, xoVdisToCoalesce } from './xo-chain-rule';

// After a snapshot is deleted, its base copy keeps a single (hidden) child until the GC coalesces it.
const twoUncoalesced = buildForest(
  treeRecords(`
*root
  *b1
    *b2
      disk
      snap snapshot
`),
);

describe('xoChainVerdict', () => {
  it('skips the backup when a VDI has more uncoalesced base copies than the tolerance', () => {
    const verdict = xoChainVerdict(twoUncoalesced, ['disk']);
    expect(verdict.healthy).toBe(false);
    expect(verdict.uncoalesced).toBe(2);
    expect(verdict.perVdi[0].uncoalescedIds).toEqual(['b1', 'root']);
    expect(verdict.reason).toBe(
      '2 uncoalesced base copies above disk; XO tolerates 1 → backup skipped (Job canceled to protect the VDI chain)',
    );
  });

  it('does not count a base copy whose only child is managed, nor one with two children', () => {
    // b2 has two children (does not count); b1 and root each have one unmanaged child (count).
    const verdict = xoChainVerdict(twoUncoalesced, ['disk'], 2);
    expect(verdict.healthy).toBe(true);
    expect(verdict.reason).toBe('2 uncoalesced base copies above disk; XO tolerates 2 → the backup goes ahead');
  });

  it('ignores a single managed child below a base copy ("some SRs do not coalesce the leaf")', () => {
    const forest = buildForest(
      treeRecords(`
*root
  *b1
    disk
`),
    );
    expect(xoChainVerdict(forest, ['disk'], 0)).toMatchObject({ healthy: false, uncoalesced: 1 });
    expect(xoChainVerdict(forest, ['disk'], 1).healthy).toBe(true);
  });

  it('counts the VDI itself when it is an uncoalesced base copy', () => {
    const forest = buildForest(
      treeRecords(`
*a
  *b
    c
`),
    );
    expect(xoChainVerdict(forest, ['a'], 0).perVdi[0].uncoalescedIds).toEqual(['a']);
  });

  it('gives each VDI its own tolerance and reports the one that fails', () => {
    const forest = buildForest(
      treeRecords(`
*r1
  *m1
    d1
*r2
  *m2
    *n2
      d2
`),
    );
    const verdict = xoChainVerdict(forest, ['d1', 'd2', 'd1']);
    expect(verdict.perVdi.map((c) => [c.vdiId, c.uncoalesced, c.healthy])).toEqual([
      ['d1', 1, true],
      ['d2', 2, false],
    ]);
    expect(verdict.reason).toMatch(/above d2/);
  });

  it('lets the backup run when the VDI is unknown, as XO does after warning', () => {
    const verdict = xoChainVerdict(twoUncoalesced, ['ghost']);
    expect(verdict.healthy).toBe(true);
    expect(verdict.perVdi[0].found).toBe(false);
    expect(verdict.reason).toMatch(/runs the backup/);
  });

  it('stops the walk at a parent that is not there', () => {
    const forest = buildForest(
      treeRecords(`
*b parent=gone
  *c
    disk
`),
    );
    expect(xoChainVerdict(forest, ['disk'], 0).uncoalesced).toBe(1);
  });
});

describe('xoVdisToCoalesce', () => {
  it('lists each managed, non-snapshot VDI whose chain has single-child VDIs, once', () => {
    const result = xoVdisToCoalesce(twoUncoalesced);
    expect(result.vdis).toEqual([{ id: 'disk', name: 'disk', length: 2 }]);
    expect(result.count).toBe(1);
    expect(result.distinctSingleChildAncestors).toBe(2);
    expect(result.alarm).toBe(false);
  });

  it('counts shared ancestors once in the distinct count but lists every VDI', () => {
    const forest = buildForest(
      treeRecords(`
*root
  *mid
    *fork
      a
      b
`),
    );
    const result = xoVdisToCoalesce(forest);
    expect(result.vdis.map((v) => [v.id, v.length])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(result.distinctSingleChildAncestors).toBe(2);
  });

  it('alarms from 10 listed VDIs, like XO health view', () => {
    const outline = Array.from({ length: XO_VDIS_TO_COALESCE_ALARM }, (_, i) => `*r${i}\n  *m${i}\n    d${i}`).join('\n');
    const result = xoVdisToCoalesce(buildForest(treeRecords(outline)));
    expect(result.count).toBe(10);
    expect(result.alarm).toBe(true);
  });

  it('reports managed VDIs whose chain ends at a missing parent', () => {
    const forest = buildForest(
      treeRecords(`
*b parent=gone
  disk
`),
    );
    expect(xoVdisToCoalesce(forest).unknownParentVdis).toEqual([{ id: 'disk', parentId: 'gone' }]);
  });
});

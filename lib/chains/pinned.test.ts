import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { pinnedChains } from './pinned';
import { treeRecords } from './test-factory';

describe('pinnedChains', () => {
  it('names the snapshots that keep every base copy from coalescing (scan data: sizes decide)', () => {
    const forest = buildForest(
      treeRecords(`
*b0 size=10G
  s0 size=8M
  *b1 size=1G
    s1 size=8M
    *b2 size=1G
      s2 size=8M
      disk size=20G
`),
    );
    const [chain, ...others] = pinnedChains(forest);
    expect(others).toEqual([]);
    expect(chain).toMatchObject({
      leafId: 'disk',
      length: 4,
      baseCopies: 3,
      pinnedBaseCopies: 3,
      snapshotIds: ['s0', 's1', 's2'],
      collapsible: 0,
    });
    expect(chain.sentence).toBe(
      '3 snapshots pin the chain of disk (4 VHDs): each of its 3 base copies also holds a snapshot leaf, so the GC cannot shorten it.',
    );
  });

  it('trusts is_a_snapshot when the records carry it', () => {
    const forest = buildForest(
      treeRecords(`
*b0
  s0 snapshot size=30G
  *b1
    s1 snapshot size=30G
    disk size=1M
`),
    );
    expect(pinnedChains(forest).map((c) => [c.leafId, c.snapshotIds])).toEqual([['disk', ['s0', 's1']]]);
  });

  it('says how much the GC can still remove when some links are free', () => {
    const forest = buildForest(
      treeRecords(`
*b0
  *b1
    s1 size=8M
    *b2
      s2 size=8M
      disk size=5G
`),
    );
    const [chain] = pinnedChains(forest);
    expect(chain).toMatchObject({ baseCopies: 3, pinnedBaseCopies: 2, collapsible: 1 });
    expect(chain.sentence).toBe(
      '2 snapshots pin the chain of disk (4 VHDs): 2 of its 3 base copies also hold a snapshot leaf, so the GC can shorten it by 1 VHD at most.',
    );
  });

  it('leaves alone a chain held by a single retained snapshot, the normal delta-backup state', () => {
    const forest = buildForest(
      treeRecords(`
*b0
  snap size=8M
  disk size=5G
`),
    );
    expect(pinnedChains(forest)).toEqual([]);
    expect(pinnedChains(forest, 1).map((c) => c.leafId)).toEqual(['disk']);
  });

  it('does not count clones that go on as their own chains as snapshots', () => {
    const forest = buildForest(
      treeRecords(`
*template
  *a1
    vmA size=5G
  *b1
    vmB size=5G
`),
    );
    expect(pinnedChains(forest, 1)).toEqual([]);
  });
});

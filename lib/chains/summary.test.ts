import { describe, expect, it } from 'vitest';
import { buildForest } from './forest';
import { diagnose, summarizeForest } from './summary';
import { linearChain, record, treeRecords } from './test-factory';

describe('summarizeForest', () => {
  const forest = buildForest(
    treeRecords(`
*root size=10M
  *mid size=5M
    *base size=2M
      disk size=1M
  *junk size=1M
other size=3M
`),
  );
  const summary = summarizeForest(forest);

  it('counts nodes, trees and the longest chain', () => {
    expect(summary).toMatchObject({ nodes: 6, hiddenNodes: 4, trees: 2, maxChainLength: 4, deepestLeaves: ['disk'] });
  });

  it('gives one row per leaf with its hidden VHDs and bytes', () => {
    expect(summary.chains).toEqual([
      { leafId: 'disk', leaf: 'disk', length: 4, hidden: 3, sizeBytes: 18 * 1024 ** 2 },
      { leafId: 'junk', leaf: 'junk', length: 2, hidden: 2, sizeBytes: 11 * 1024 ** 2 },
      { leafId: 'other', leaf: 'other', length: 1, hidden: 0, sizeBytes: 3 * 1024 ** 2 },
    ]);
  });

  it('carries the GC roles and XO counts', () => {
    expect(summary.gc).toEqual({ garbage: 1, coalesceable: 1, leafCoalesceable: 1 });
    expect(summary.xoVdisToCoalesce).toBe(1);
    expect(summary.xoTolerance).toBe(1);
    // root has two children, mid's only child is unmanaged (1), base's only child is managed (0).
    expect(summary.xoSkips).toEqual([]);
    expect(summarizeForest(forest, { tolerance: 0 }).xoSkips).toEqual([
      expect.objectContaining({ leafId: 'disk', uncoalesced: 1, reason: expect.stringMatching(/backup skipped/) }),
    ]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('handles an empty forest', () => {
    expect(summarizeForest(buildForest([]))).toMatchObject({ nodes: 0, trees: 0, maxChainLength: 0, chains: [] });
  });
});

describe('diagnose', () => {
  const codes = (records: Parameters<typeof buildForest>[0]) =>
    diagnose(summarizeForest(buildForest(records))).map((f) => [f.severity, f.code]);

  it('says so when nothing is wrong', () => {
    const findings = diagnose(summarizeForest(buildForest(linearChain(2))));
    expect(findings.map((f) => f.code)).toEqual(['leaf-coalesce-pending', 'healthy']);
    expect(findings[1].message).toBe("No chain problem: 2 VHDs in 1 tree, longest chain 2 (SM's limit is 30).");
  });

  it('warns near the limit and is critical at it', () => {
    expect(codes(linearChain(26))).toContainEqual(['warning', 'chain-near-limit']);
    const atLimit = diagnose(summarizeForest(buildForest(linearChain(30))));
    expect(atLimit[0]).toMatchObject({ severity: 'critical', code: 'chain-at-limit' });
    expect(atLimit[0].message).toMatch(/v29 \(30 VHDs\): snapshots fail now/);
    const near = diagnose(summarizeForest(buildForest(linearChain(28)))).find((f) => f.code === 'chain-near-limit')!;
    expect(near.message).toMatch(/2 snapshots left\): snapshots will fail at 30/);
  });

  it('reports a skipped backup, cycles, unknown parents and duplicates first', () => {
    const findings = codes([
      ...treeRecords(`
*r
  *m
    *n
      disk
`),
      record('x', 'y'),
      record('y', 'x'),
      record('orphan', 'gone'),
      record('orphan', null),
    ]);
    expect(findings.slice(0, 5)).toEqual([
      ['critical', 'xo-backup-skip'],
      ['critical', 'parent-cycle'],
      ['warning', 'unknown-parent'],
      ['warning', 'duplicate-vhd'],
      ['info', 'coalesce-backlog'],
    ]);
  });

  it('tells what to do about a pinned chain', () => {
    const findings = diagnose(
      summarizeForest(
        buildForest(
          treeRecords(`
*b0
  s0 size=8M
  *b1
    s1 size=8M
    disk size=9G
`),
        ),
      ),
    );
    expect(findings[0].code).toBe('pinned-chain');
    expect(findings[0].message).toMatch(/Delete the snapshots you no longer need \(s0, s1\), or wait for the backup retention/);
  });

  it('warns when XO would list 10 VDIs to coalesce', () => {
    const outline = Array.from({ length: 10 }, (_, i) => `*r${i}\n  *m${i}\n    d${i}`).join('\n');
    expect(codes(treeRecords(outline))).toContainEqual(['warning', 'xo-vdis-to-coalesce']);
  });
});

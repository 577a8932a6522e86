import { describe, expect, it } from 'vitest';
import { buildForest } from '../chains/forest';
import { treeRecords } from '../chains/test-factory';
import { findOverlaps, treeVdiIdsByVm } from './overlaps';
import type { CoalesceInterval } from './smlog-coalesce';
import { HOUR, MINUTE, MONDAY, token, xoSnapshot } from './test-factories';

const NOW = MONDAY + 3 * 24 * HOUR;
const BASE = 'e25e01be-4e8a-4c69-b6e5-1e004276c744';
const LEAF = '7ef76d55-683d-430f-91e6-39e5cceb9ec1';
const chains = new Map([['vm1', [BASE, LEAF]]]);

function merge(startMs: number, endMs: number, prefix = 'e25e01be'): CoalesceInterval {
  return { kind: 'coalesce', host: 'h', pid: 1, srUuid: 'sr1', vdi: token(prefix), parent: null, startMs, endMs, bytes: 1, bytesFrom: 'vdi-size', outcome: 'done' };
}

describe('findOverlaps', () => {
  it('flags a snapshot taken while the GC merges a VHD of that VM\'s chain', () => {
    const at = NOW - 2 * HOUR;
    const [finding] = findOverlaps([xoSnapshot('vm1', at)], [merge(at - MINUTE, at + MINUTE)], chains, NOW);
    expect(finding).toMatchObject({ kind: 'snapshot-during-coalesce', vmUuid: 'vm1', atMs: at, coalesce: { vdiPrefix: 'e25e01be' } });
    expect(finding.sentence).toMatch(/while the GC was merging e25e01be/);
  });

  it('flags a snapshot minutes after a merge finished (back-to-back), with the gap', () => {
    const at = NOW - 2 * HOUR;
    const [finding] = findOverlaps([xoSnapshot('vm1', at)], [merge(at - 20 * MINUTE, at - 3 * MINUTE)], chains, NOW);
    expect(finding.kind).toBe('snapshot-after-coalesce');
    expect(finding.sentence).toMatch(/3 m after the GC finished merging e25e01be: back-to-back/);
  });

  it('leaves alone snapshots long after a merge, and merges on other chains', () => {
    const at = NOW - 2 * HOUR;
    const intervals = [merge(at - 2 * HOUR, at - HOUR), merge(at - MINUTE, at + MINUTE, 'deadbeef')];
    expect(findOverlaps([xoSnapshot('vm1', at)], intervals, chains, NOW)).toEqual([]);
  });

  it('flags several jobs on one VM, and counts the times they ran on top of each other', () => {
    const snaps = [0, 1, 2].flatMap((d) => [
      xoSnapshot('vm1', MONDAY + d * 24 * HOUR + 2 * HOUR, 'delta'),
      xoSnapshot('vm1', MONDAY + d * 24 * HOUR + 2 * HOUR + 30 * MINUTE, 'replication'),
    ]);
    const [finding] = findOverlaps(snaps, [], chains, NOW);
    expect(finding).toMatchObject({ kind: 'several-jobs', vmUuid: 'vm1', jobs: ['delta', 'replication'], closeCalls: 3 });
    expect(finding.sentence).toMatch(/2 backup jobs snapshot this VM \(delta, replication\); 3 times within 1 h 00 m of each other/);
  });

  it('notices a second XO instance whose snapshots only carry the name', () => {
    const other = { ...xoSnapshot('vm1', NOW - HOUR, 'x'), otherConfig: {}, nameLabel: '[XO Backup CR to DC2] vm1' };
    const [finding] = findOverlaps([xoSnapshot('vm1', NOW - 10 * HOUR, 'delta'), other], [], chains, NOW);
    expect(finding.jobs).toEqual(['CR to DC2', 'delta']);
    expect(finding.sentence).toMatch(/another XO instance/);
  });

  it('says nothing for one job and no merges, or for snapshots older than the window', () => {
    expect(findOverlaps([xoSnapshot('vm1', NOW - HOUR)], [], chains, NOW)).toEqual([]);
    const old = [xoSnapshot('vm1', NOW - 30 * 24 * HOUR, 'a'), xoSnapshot('vm1', NOW - 30 * 24 * HOUR, 'b')];
    expect(findOverlaps(old, [], chains, NOW)).toEqual([]);
  });
});

describe('treeVdiIdsByVm', () => {
  it('lists every VHD of the trees holding the VM\'s disks', () => {
    const forest = buildForest(treeRecords('*base\n  snap snapshot\n  leaf\n*other\n  other-leaf'));
    expect(treeVdiIdsByVm(forest, new Map([['vm1', ['leaf']]])).get('vm1')).toEqual(['base', 'leaf', 'snap']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatSmlogLine, smlogMessages as m } from './smlog-format';
import { parseVdiToken } from './vdi-token';

const LEAF = parseVdiToken('7ef76d55[VHD](500.000G/272.649M/500.984G|ao)');
const BASE = parseVdiToken('*43454904[VHD](500.000G//500.949G|ao)');
if (!LEAF || !BASE) throw new Error('fixture tokens must parse');

describe('formatSmlogLine', () => {
  it('writes the syslog line as SMlog has it', () => {
    const line = formatSmlogLine({
      atMs: Date.UTC(2019, 7, 21, 10, 31, 8, 750),
      host: 'rigel',
      ident: 'SMGC',
      pid: 628,
      message: 'Coalesced size = 500.949G',
    });
    expect(line).toBe('Aug 21 10:31:08 rigel SMGC: [628] Coalesced size = 500.949G');
  });

  it('pads a one-digit day with a space and keeps the message indentation', () => {
    const line = formatSmlogLine({ atMs: Date.UTC(2019, 7, 1, 1, 2, 3), host: 'h', ident: 'SMGC', pid: 1, message: '  x' });
    expect(line).toBe('Aug  1 01:02:03 h SMGC: [1]   x');
  });
});

describe('smlogMessages', () => {
  // The expected texts are cleanup.py's format strings filled in by hand.
  it.each([
    [m.gcStart('f951f048-dfcb-8bab-8339-463e9c9b708c'), '=== SR f951f048-dfcb-8bab-8339-463e9c9b708c: gc ==='],
    [m.gcQuiet(), 'GC active, about to go quiet'],
    [m.noWork(), 'No work, exiting'],
    [m.gcExit(), 'GC process exiting, no work left'],
    [m.alreadyActive(), 'Another GC instance already active, exiting'],
    [m.srUpdate('f951f048-dfcb-8bab-8339-463e9c9b708c'), 'Starting asynch srUpdate for SR f951f048-dfcb-8bab-8339-463e9c9b708c'],
    [m.treeHeader({ uuid: 'f951f048-dfcb-8bab-8339-463e9c9b708c', name: 'iSCSI' }, 42, 5, 'first'), "SR f951 ('iSCSI') (42 VDIs in 5 VHD trees): "],
    [m.treeHeader({ uuid: 'f951f048-dfcb-8bab-8339-463e9c9b708c' }, 3, 1, 'none'), 'SR f951f048-dfcb-8bab-8339-463e9c9b708c (3 VDIs in 1 VHD trees): no changes'],
    [m.treeHeader({ uuid: 'f951f048-0000-0000-0000-000000000000', name: 'n' }, 3, 1, 'changed'), "SR f951 ('n') (3 VDIs in 1 VHD trees): showing only VHD trees that changed:"],
    [m.treeLine(BASE, 0), '        *43454904[VHD](500.000G//500.949G|ao)'],
    [m.treeLine(LEAF, 1), '            7ef76d55[VHD](500.000G/272.649M/500.984G|ao)'],
    [m.coalesceCandidate(BASE, 16), 'Coalesce candidate: *43454904[VHD](500.000G//500.949G|ao) (tree height 16)'],
    [m.leafCoalesceCandidate(LEAF), 'Leaf-coalesce candidate: 7ef76d55[VHD](500.000G/272.649M/500.984G|ao)'],
    [m.coalescing(BASE, BASE), 'Coalescing *43454904[VHD](500.000G//500.949G|ao) -> *43454904[VHD](500.000G//500.949G|ao)'],
    [m.leafCoalescing(LEAF, BASE), 'Leaf-coalescing 7ef76d55[VHD](500.000G/272.649M/500.984G|ao) -> *43454904[VHD](500.000G//500.949G|ao)'],
    [m.coalescedSize(Math.round(500.949 * 1024 ** 3)), 'Coalesced size = 500.949G'],
    [m.runningCoalesce(BASE), '  Running VHD coalesce on *43454904[VHD](500.000G//500.949G|ao)'],
    [m.coalescingParent(BASE), 'Coalescing parent *43454904[VHD](500.000G//500.949G|ao)'],
    [m.singleSnapshotting(LEAF), 'Single-snapshotting 7ef76d55[VHD](500.000G/272.649M/500.984G|ao)'],
    [m.noProgress(2), 'No progress, attempt: 2'],
    [m.maxIterations(10), 'Max iterations (10) exceeded'],
    [m.noProgressIterations(3), 'No progress made for 3 iterations'],
    [m.unexpectedSizeBump(), 'Unexpected bump in size, compared to minimum acheived'],
    [m.setLeafCoalesceOffline(LEAF), 'Set leaf-coalesce = offline for 7ef76d55[VHD](500.000G/272.649M/500.984G|ao)'],
    [m.removedLeafCoalesce(LEAF), 'Removed leaf-coalesce from 7ef76d55[VHD](500.000G/272.649M/500.984G|ao)'],
    [m.snapshotCoalesceAbandoned(), 'Snapshot-coalesce did not help, abandoning attempts'],
    [m.noSpace(BASE, 1234), 'No space to coalesce *43454904[VHD](500.000G//500.949G|ao) (free space: 1234)'],
    [m.noSpaceLeaf(LEAF, 5), 'No space to leaf-coalesce 7ef76d55[VHD](500.000G/272.649M/500.984G|ao) (free space: 5)'],
    [m.coalesceFailed(), 'Coalesce failed, skipping'],
    [m.leafCoalesceFailed(LEAF), 'Leaf-coalesce failed on 7ef76d55[VHD](500.000G/272.649M/500.984G|ao), skipping'],
    [m.finishLeafCoalesce(), '*** FINISH LEAF-COALESCE'],
    [m.undoLeafCoalesce(), '*** UNDO LEAF-COALESCE'],
    [m.exception('coalesce', 'util.SMException', 'VDI x could not be coalesced'), "coalesce: EXCEPTION <class 'util.SMException'>, VDI x could not be coalesced"],
    [m.command(['/sbin/lvremove', '-f', '/dev/VG_XenStorage-f951/coalesce_1']), "['/sbin/lvremove', '-f', '/dev/VG_XenStorage-f951/coalesce_1']"],
  ])('prints %j', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

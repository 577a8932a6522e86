// Each SM message SMGC and SM write, read into its event (the parser itself: smlog-parser.test.ts).
import { describe, expect, it } from 'vitest';
import { AT, BASE, FILE_VDI, GIB, LEAF, READ_AT, SR_UUID, parseOne, prefixes, smlogLine } from '../../test/factories/smlog-lines';
import type { SmlogEvent } from './types';
import { parseSmlog } from './smlog-parser';
import { smlogMessages as m } from './smlog-format';

describe('parseSmlog: one event per SM message', () => {
  it.each<[string, string, Partial<SmlogEvent>, string[]]>([
    ['gc start', m.gcStart(SR_UUID), { kind: 'gc-start', srUuid: SR_UUID }, []],
    ['quiet period', m.gcQuiet(), { kind: 'gc-quiet' }, []],
    ['no work', m.noWork(), { kind: 'gc-exit' }, []],
    ['exit', m.gcExit(), { kind: 'gc-exit' }, []],
    ['another GC', m.alreadyActive(), { kind: 'gc-already-active' }, []],
    ['SR update', m.srUpdate(SR_UUID), { kind: 'sr-update', srUuid: SR_UUID }, []],
    ['coalesce candidate', m.coalesceCandidate(BASE, 16), { kind: 'coalesce-candidate', treeHeight: 16 }, ['43454904']],
    ['leaf candidate', m.leafCoalesceCandidate(LEAF), { kind: 'leaf-coalesce-candidate' }, ['7ef76d55']],
    ['coalescing', m.coalescing(FILE_VDI, BASE), { kind: 'coalescing' }, ['abcd1234', '43454904']],
    ['leaf-coalescing', m.leafCoalescing(LEAF, BASE), { kind: 'leaf-coalescing' }, ['7ef76d55', '43454904']],
    ['coalesced size', m.coalescedSize(3 * GIB), { kind: 'coalesced-size', sizeBytes: 3 * GIB }, []],
    ['running coalesce', m.runningCoalesce(BASE), { kind: 'running-coalesce' }, ['43454904']],
    ['running COW coalesce', `  Running COW coalesce on ${BASE.raw}`, { kind: 'running-coalesce' }, ['43454904']],
    ['coalescing parent', m.coalescingParent(BASE), { kind: 'coalescing-parent' }, ['43454904']],
    ['single snapshot', m.singleSnapshotting(LEAF), { kind: 'single-snapshotting' }, ['7ef76d55']],
    ['no progress', m.noProgress(2), { kind: 'no-progress', attempt: 2 }, []],
    ['max iterations', m.maxIterations(10), { kind: 'max-iterations', iterations: 10 }, []],
    ['no progress for n', m.noProgressIterations(3), { kind: 'no-progress-iterations', iterations: 3 }, []],
    ['size bump', m.unexpectedSizeBump(), { kind: 'unexpected-size-bump' }, []],
    ['set offline', m.setLeafCoalesceOffline(LEAF), { kind: 'set-leaf-coalesce-offline' }, ['7ef76d55']],
    ['removed leaf-coalesce', m.removedLeafCoalesce(LEAF), { kind: 'removed-leaf-coalesce' }, ['7ef76d55']],
    ['abandoned', m.snapshotCoalesceAbandoned(), { kind: 'snapshot-coalesce-abandoned' }, []],
    ['no space', m.noSpace(BASE, 123456789), { kind: 'no-space', freeSpaceBytes: 123456789 }, ['43454904']],
    ['no space for leaf', m.noSpaceLeaf(LEAF, 42), { kind: 'no-space', freeSpaceBytes: 42 }, ['7ef76d55']],
    ['coalesce failed', m.coalesceFailed(), { kind: 'coalesce-failed' }, []],
    ['leaf-coalesce failed', m.leafCoalesceFailed(LEAF), { kind: 'coalesce-failed' }, ['7ef76d55']],
    ['finish', m.finishLeafCoalesce(), { kind: 'finish-leaf-coalesce' }, []],
    ['undo', m.undoLeafCoalesce(), { kind: 'undo-leaf-coalesce' }, []],
    ['tree root', m.treeLine(BASE, 0), { kind: 'tree-dump', treeDepth: 0 }, ['43454904']],
    ['tree leaf', m.treeLine(LEAF, 3), { kind: 'tree-dump', treeDepth: 3 }, ['7ef76d55']],
    [
      'tree header, named SR',
      m.treeHeader({ uuid: SR_UUID, name: 'iSCSI (lab)' }, 42, 5, 'changed'),
      { kind: 'tree-dump', vdiCount: 42, treeCount: 5, srUuidPrefix: 'f951', srName: 'iSCSI (lab)' },
      [],
    ],
    ['tree header, bare SR', m.treeHeader({ uuid: SR_UUID }, 3, 1, 'none'), { kind: 'tree-dump', vdiCount: 3, treeCount: 1, srUuid: SR_UUID }, []],
    [
      'exception',
      m.exception('leaf-coalesce', 'util.SMException', 'VDI 7ef76d55-683d could not be coalesced, really'),
      {
        kind: 'exception',
        exceptionTag: 'leaf-coalesce',
        exceptionType: 'util.SMException',
        exceptionMessage: 'VDI 7ef76d55-683d could not be coalesced, really',
      },
      [],
    ],
    [
      'Python 2 exception',
      'gc: EXCEPTION util.SMException, Scan error',
      { kind: 'exception', exceptionTag: 'gc', exceptionType: 'util.SMException', exceptionMessage: 'Scan error' },
      [],
    ],
    ['other, with a VDI', `  Relinking ${LEAF.raw} from ${BASE.raw}`, { kind: 'other' }, ['7ef76d55', '43454904']],
    ['other, naming an SR', `Aborting currently-running instance (SR ${SR_UUID})`, { kind: 'other', srUuid: SR_UUID }, []],
    ['not a tree line (indent)', `         ${LEAF.raw}`, { kind: 'other' }, ['7ef76d55']],
    ['unreadable candidate', 'Coalesce candidate: None (tree height x)', { kind: 'other' }, []],
  ])('%s', (_name, message, fields, vdiPrefixes) => {
    const event = parseOne(message);
    expect(event).toMatchObject({ ...fields, message, ident: 'SMGC', pid: 628, host: 'rigel', atMs: AT });
    expect(prefixes(event)).toEqual(vdiPrefixes);
  });

  it('reads a command SM logs as a Python list', () => {
    const argv = ['/sbin/lvs', '--noheadings', "-o vg_name,lv_name", 'it\'s "odd"'];
    expect(parseOne(m.command(argv), 'SM')).toMatchObject({ kind: 'command', argv, vdis: [] });
  });

  it('reads util.logException of the SM ident', () => {
    const message = "***** vdi_attach: EXCEPTION <class 'XenAPI.Failure'>, ['VDI_IN_USE', 'OpaqueRef:1']";
    expect(parseOne(message, 'SM')).toMatchObject({
      kind: 'exception',
      exceptionTag: 'vdi_attach',
      exceptionType: 'XenAPI.Failure',
      exceptionMessage: "['VDI_IN_USE', 'OpaqueRef:1']",
    });
  });

  it('leaves a list that is not one of strings as other', () => {
    expect(parseOne("['a', 1]", 'SM').kind).toBe('other');
  });

  it('names the SR of a tree dump by the gc line of the same log', () => {
    const text = [
      smlogLine(m.gcStart(SR_UUID), { pid: 600 }),
      smlogLine(m.treeHeader({ uuid: SR_UUID, name: 'iSCSI' }, 2, 1, 'first')),
      smlogLine(m.treeLine(BASE, 0)),
      smlogLine(m.treeLine(LEAF, 1)),
      smlogLine(''),
    ].join('\n');
    const { events } = parseSmlog(text, READ_AT);
    expect(events.map((e) => [e.kind, e.srUuid, e.treeDepth])).toEqual([
      ['gc-start', SR_UUID, undefined],
      ['tree-dump', SR_UUID, undefined],
      ['tree-dump', undefined, 0],
      ['tree-dump', undefined, 1],
      ['other', undefined, undefined],
    ]);
  });

  it('does not guess when two SRs share the 4-character prefix', () => {
    const other = 'f951aaaa-0000-0000-0000-000000000000';
    const text = [m.gcStart(SR_UUID), m.gcStart(other), m.treeHeader({ uuid: SR_UUID, name: 'x' }, 1, 1, 'first')]
      .map((message) => smlogLine(message))
      .join('\n');
    expect(parseSmlog(text, READ_AT).events[2]).toMatchObject({ kind: 'tree-dump', srUuidPrefix: 'f951' });
    expect(parseSmlog(text, READ_AT).events[2].srUuid).toBeUndefined();
  });
});


import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VdiToken } from './types';
import { parseSmlog } from './smlog-parser';
import { summarizeSmlog } from './smlog-summary';
import { formatSmlogLine, smlogMessages as m } from './smlog-format';
import { parseVdiToken } from './vdi-token';

const FIXTURE = readFileSync(fileURLToPath(new URL('../../test/fixtures/forum-smlog-excerpt.log', import.meta.url)), 'utf8');
const SR_UUID = 'f951f048-dfcb-8bab-8339-463e9c9b708c';
const START = Date.UTC(2024, 7, 21, 10, 0, 0);

function token(text: string): VdiToken {
  const parsed = parseVdiToken(text);
  if (!parsed) throw new Error(`not a VDI token: ${text}`);
  return parsed;
}

const LEAF = token('7ef76d55[VHD](500.000G/272.649M/500.984G|ao)');
const OTHER_LEAF = token('0badf00d[VHD](20.000G/1.000G/20.043G|ao)');
const BASE = token('*43454904[VHD](500.000G//500.949G|ao)');
const SNAPSHOT = token('*734e9652[VHD](500.000G//276.000M|ao)');

/** A GC log: one message a second from SMGC pid 628 unless an entry gives [ident, pid, message]. */
function summarize(entries: (string | [string, number, string])[]) {
  const text = entries
    .map((entry, i) => {
      const [ident, pid, message] = typeof entry === 'string' ? ['SMGC', 628, entry] : entry;
      return formatSmlogLine({ atMs: START + i * 1000, host: 'rigel', ident, pid, message });
    })
    .join('\n');
  return summarizeSmlog(parseSmlog(text, { referenceMs: START + 86_400_000 }));
}

describe('summarizeSmlog: the forum excerpt', () => {
  const summary = summarizeSmlog(parseSmlog(FIXTURE, { referenceMs: Date.UTC(2019, 8, 1) }));

  it('counts one running coalesce and one leaf-coalesce, one candidate, one failure', () => {
    const { events, ...counts } = summary;
    expect(counts).toEqual({
      lines: 21,
      gcLines: 11,
      gcPids: [628],
      coalesceAttempts: 2,
      leafCoalesceCandidates: 1,
      failures: 1,
    });
    expect(events).toHaveLength(15);
  });

  it('keeps the GC lines and the commands, with their ISO time and failure flag', () => {
    expect(summary.events.map((e) => [e.line, e.at, e.kind, e.failure])).toEqual([
      [7, '2019-08-21T10:31:08.000Z', 'coalesced-size', false],
      [8, '2019-08-21T10:31:08.000Z', 'running-coalesce', false],
      [9, '2019-08-21T10:31:08.000Z', 'command', false],
      [10, '2019-08-21T10:31:10.000Z', 'command', false],
      [11, '2019-08-21T10:31:10.000Z', 'command', false],
      [12, '2019-08-21T10:31:11.000Z', 'snapshot-coalesce-abandoned', true],
      [13, '2019-08-21T10:31:11.000Z', 'set-leaf-coalesce-offline', true],
      [14, '2019-08-21T10:31:11.000Z', 'removed-leaf-coalesce', false],
      [15, '2019-08-21T10:31:13.000Z', 'coalesced-size', false],
      [16, '2019-08-21T10:31:13.000Z', 'leaf-coalesce-candidate', false],
      [17, '2019-08-21T10:31:13.000Z', 'coalesced-size', false],
      [18, '2019-08-21T10:31:13.000Z', 'leaf-coalesce-candidate', false],
      [19, '2019-08-21T10:31:13.000Z', 'leaf-coalescing', false],
      [20, '2019-08-21T10:31:16.000Z', 'coalescing-parent', false],
      [21, '2019-08-21T10:31:16.000Z', 'command', false],
    ]);
    expect(summary.events[0]).toMatchObject({ atMs: Date.UTC(2019, 7, 21, 10, 31, 8), sizeBytes: Math.round(500.949 * 1024 ** 3) });
  });

  it('survives a trip through JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('summarizeSmlog: how cleanup.py logs one operation', () => {
  it('counts a coalesce with its VHD coalesce as one attempt, and a successful round as no failure', () => {
    const summary = summarize([
      m.gcStart(SR_UUID),
      m.coalesceCandidate(SNAPSHOT, 16),
      m.coalescing(SNAPSHOT, BASE),
      m.runningCoalesce(SNAPSHOT),
      m.gcQuiet(),
      m.gcExit(),
    ]);
    expect([summary.coalesceAttempts, summary.failures]).toEqual([1, 0]);
  });

  it('counts a snapshot-coalesce with many VHD coalesces as one attempt', () => {
    const summary = summarize([
      m.leafCoalesceCandidate(LEAF),
      m.leafCoalesceCandidate(LEAF),
      m.leafCoalescing(LEAF, BASE),
      m.singleSnapshotting(LEAF),
      m.coalescingParent(SNAPSHOT),
      m.runningCoalesce(SNAPSHOT),
      m.singleSnapshotting(LEAF),
      m.coalescingParent(SNAPSHOT),
      m.runningCoalesce(SNAPSHOT),
      m.runningCoalesce(LEAF),
      m.removedLeafCoalesce(LEAF),
    ]);
    expect([summary.coalesceAttempts, summary.leafCoalesceCandidates, summary.failures]).toEqual([1, 1, 0]);
  });

  it('counts a newer SM giving up on a leaf once, with every failure line flagged', () => {
    const summary = summarize([
      m.leafCoalesceCandidate(LEAF),
      m.leafCoalescing(LEAF, BASE),
      m.singleSnapshotting(LEAF),
      m.noProgress(1),
      m.noProgress(2),
      m.noProgress(3),
      m.noProgress(4),
      'Aborted coalesce',
      m.noProgressIterations(3),
      m.removedLeafCoalesce(LEAF),
      m.exception('leaf-coalesce', 'util.SMException', 'VDI 7ef76d55 could not be coalesced'),
      m.leafCoalesceFailed(LEAF),
    ]);
    expect([summary.coalesceAttempts, summary.failures]).toEqual([1, 1]);
    expect(summary.events.filter((e) => e.failure).map((e) => e.kind)).toEqual(['no-progress-iterations', 'exception', 'coalesce-failed']);
  });

  it('counts an exception block as Util.logException writes it as one failure', () => {
    const summary = summarize([
      m.coalesceCandidate(SNAPSHOT, 2),
      m.coalescing(SNAPSHOT, BASE),
      m.runningCoalesce(SNAPSHOT),
      '*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*',
      '         ***********************',
      '         *  E X C E P T I O N  *',
      '         ***********************',
      m.exception('coalesce', 'util.CommandException', 'Invalid argument'),
      '  File "/opt/xensource/sm/cleanup.py", line 1542, in coalesce',
      '    self._coalesce(vdi)',
      '',
      '*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*~*',
      m.coalesceFailed(),
      'In cleanup',
      m.srUpdate(SR_UUID),
    ]);
    expect([summary.coalesceAttempts, summary.failures, summary.gcLines, summary.events.length]).toEqual([1, 1, 15, 15]);
    expect(summary.events.find((e) => e.kind === 'exception')).toMatchObject({
      exceptionTag: 'coalesce',
      exceptionType: 'util.CommandException',
      exceptionMessage: 'Invalid argument',
      failure: true,
    });
  });

  it('counts the failures of separate operations separately', () => {
    const summary = summarize([
      m.coalesceCandidate(SNAPSHOT, 3),
      m.coalescing(SNAPSHOT, BASE),
      m.exception('coalesce', 'util.CommandException', 'No space left on device'),
      m.coalesceFailed(),
      'In cleanup',
      m.srUpdate(SR_UUID),
      m.noSpace(SNAPSHOT, 1024),
      m.noSpace(BASE, 1024),
      m.leafCoalesceCandidate(OTHER_LEAF),
      m.leafCoalescing(OTHER_LEAF, BASE),
      m.maxIterations(10),
      m.gcExit(),
    ]);
    expect([summary.coalesceAttempts, summary.leafCoalesceCandidates, summary.failures]).toEqual([2, 1, 3]);
  });

  it('counts an undone leaf-coalesce as a failure, and a finished one as none', () => {
    expect(summarize([m.gcStart(SR_UUID), m.undoLeafCoalesce()]).failures).toBe(1);
    expect(summarize([m.gcStart(SR_UUID), m.finishLeafCoalesce()]).failures).toBe(0);
  });

  it('counts a VHD coalesce whose start is before the log as one attempt', () => {
    const summary = summarize([m.runningCoalesce(SNAPSHOT), m.singleSnapshotting(LEAF), m.coalescingParent(SNAPSHOT), m.runningCoalesce(SNAPSHOT)]);
    expect(summary.coalesceAttempts).toBe(1);
  });

  it('keeps the processes of two SRs apart', () => {
    const summary = summarize([
      ['SMGC', 100, m.leafCoalescing(LEAF, BASE)],
      ['SMGC', 200, m.runningCoalesce(SNAPSHOT)],
      ['SMGC', 100, m.runningCoalesce(LEAF)],
      ['SMGC', 100, m.snapshotCoalesceAbandoned()],
      ['SMGC', 200, m.coalesceFailed()],
    ]);
    expect([summary.gcPids, summary.coalesceAttempts, summary.failures]).toEqual([[100, 200], 2, 2]);
  });

  it('counts distinct leaf-coalesce candidates', () => {
    const summary = summarize([m.leafCoalesceCandidate(LEAF), m.leafCoalesceCandidate(OTHER_LEAF), m.leafCoalesceCandidate(LEAF)]);
    expect(summary.leafCoalesceCandidates).toBe(2);
  });

  it('leaves out the chatter of other idents but keeps their commands and exceptions; SM lines never count', () => {
    const summary = summarize([
      ['SM', 5, 'lock: opening lock file /var/lock/sm/x/sr'],
      ['SM', 5, m.command(['/usr/bin/vhd-util', 'query'])],
      ['SM', 5, "***** vdi_attach: EXCEPTION <class 'XenAPI.Failure'>, boom"],
      ['SM', 5, m.coalesceFailed()],
    ]);
    expect(summary.events.map((e) => [e.kind, e.failure])).toEqual([
      ['command', false],
      ['exception', false],
      ['coalesce-failed', false],
    ]);
    expect([summary.lines, summary.gcLines, summary.failures]).toEqual([4, 0, 0]);
  });

  it('summarizes any parse result without throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.values(m).filter((f) => f.length === 0).map((f) => (f as () => string)())), { maxLength: 30 }), (messages) => {
        const summary = summarize(messages);
        expect(summary.failures).toBeLessThanOrEqual(summary.events.filter((e) => e.failure).length);
        expect(summary.events).toHaveLength(messages.length);
      }),
    );
  });
});

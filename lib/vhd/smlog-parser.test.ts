import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GIB, LEAF, READ_AT, prefixes, smlogLine } from '../../test/factories/smlog-lines';
import type { SmlogEvent } from './types';
import { parseSmlog } from './smlog-parser';
import { formatSmlogLine, smlogMessages as m } from './smlog-format';

const FIXTURE = readFileSync(fileURLToPath(new URL('../../test/fixtures/forum-smlog-excerpt.log', import.meta.url)), 'utf8');

describe('parseSmlog: the forum excerpt', () => {
  const result = parseSmlog(FIXTURE, { referenceMs: Date.UTC(2019, 8, 1) });

  it('counts its 21 lines, 11 of them from GC process 628', () => {
    expect([result.lines, result.gcLines, result.gcPids, result.malformedLines]).toEqual([21, 11, [628], 0]);
  });

  it('reads every line as the event it is', () => {
    const clock = (e: SmlogEvent) => new Date(e.atMs).toISOString().slice(0, 19);
    expect(result.events.map((e) => [e.line, clock(e), e.ident, e.pid, e.kind])).toEqual([
      [1, '2019-08-21T10:19:19', 'SM', 11707, 'other'],
      [2, '2019-08-21T10:19:21', 'SM', 12061, 'other'],
      [3, '2019-08-21T10:19:24', 'SM', 12591, 'other'],
      [4, '2019-08-21T10:22:18', 'SM', 14509, 'other'],
      [5, '2019-08-21T10:22:19', 'SM', 14706, 'other'],
      [6, '2019-08-21T10:22:21', 'SM', 15243, 'other'],
      [7, '2019-08-21T10:31:08', 'SMGC', 628, 'coalesced-size'],
      [8, '2019-08-21T10:31:08', 'SMGC', 628, 'running-coalesce'],
      [9, '2019-08-21T10:31:08', 'SM', 22349, 'command'],
      [10, '2019-08-21T10:31:10', 'SM', 628, 'command'],
      [11, '2019-08-21T10:31:10', 'SM', 628, 'command'],
      [12, '2019-08-21T10:31:11', 'SMGC', 628, 'snapshot-coalesce-abandoned'],
      [13, '2019-08-21T10:31:11', 'SMGC', 628, 'set-leaf-coalesce-offline'],
      [14, '2019-08-21T10:31:11', 'SMGC', 628, 'removed-leaf-coalesce'],
      [15, '2019-08-21T10:31:13', 'SMGC', 628, 'coalesced-size'],
      [16, '2019-08-21T10:31:13', 'SMGC', 628, 'leaf-coalesce-candidate'],
      [17, '2019-08-21T10:31:13', 'SMGC', 628, 'coalesced-size'],
      [18, '2019-08-21T10:31:13', 'SMGC', 628, 'leaf-coalesce-candidate'],
      [19, '2019-08-21T10:31:13', 'SMGC', 628, 'leaf-coalescing'],
      [20, '2019-08-21T10:31:16', 'SMGC', 628, 'coalescing-parent'],
      [21, '2019-08-21T10:31:16', 'SM', 628, 'command'],
    ]);
    expect(new Set(result.events.map((e) => e.host))).toEqual(new Set(['rigel']));
  });

  it('reads the numbers, VDIs and commands of the typed events', () => {
    const typed = result.events
      .filter((e) => e.kind !== 'other')
      .map((e) => ({ line: e.line, vdis: prefixes(e), sizeBytes: e.sizeBytes, program: e.argv?.[0] }));
    const coalescedBytes = Math.round(500.949 * GIB);
    expect(typed).toEqual([
      { line: 7, vdis: [], sizeBytes: coalescedBytes, program: undefined },
      { line: 8, vdis: ['e25e01be'], sizeBytes: undefined, program: undefined },
      { line: 9, vdis: [], sizeBytes: undefined, program: '/usr/bin/vhd-util' },
      { line: 10, vdis: [], sizeBytes: undefined, program: '/sbin/lvremove' },
      { line: 11, vdis: [], sizeBytes: undefined, program: '/sbin/dmsetup' },
      { line: 12, vdis: [], sizeBytes: undefined, program: undefined },
      { line: 13, vdis: ['7ef76d55'], sizeBytes: undefined, program: undefined },
      { line: 14, vdis: ['7ef76d55'], sizeBytes: undefined, program: undefined },
      { line: 15, vdis: [], sizeBytes: coalescedBytes, program: undefined },
      { line: 16, vdis: ['7ef76d55'], sizeBytes: undefined, program: undefined },
      { line: 17, vdis: [], sizeBytes: coalescedBytes, program: undefined },
      { line: 18, vdis: ['7ef76d55'], sizeBytes: undefined, program: undefined },
      { line: 19, vdis: ['7ef76d55', '43454904'], sizeBytes: undefined, program: undefined },
      { line: 20, vdis: ['734e9652'], sizeBytes: undefined, program: undefined },
      { line: 21, vdis: [], sizeBytes: undefined, program: '/sbin/lvcreate' },
    ]);
    expect(result.events[8].argv).toEqual([
      '/usr/bin/vhd-util',
      'coalesce',
      '--debug',
      '-n',
      '/dev/VG_XenStorage-f951f048-dfcb-8bab-8339-463e9c9b708c/VHD-e25e01be-4e8a-4c69-b6e5-1e004276c744',
    ]);
    expect(result.events[7].vdis[0]).toMatchObject({ hidden: true, format: 'lvm-3', sizeBytes: null, lvSizeBytes: 152 * 1024 ** 2 });
  });

  it('lands in August 2019 when read in the following January too', () => {
    const january = parseSmlog(FIXTURE, { referenceMs: Date.UTC(2020, 0, 15) });
    expect(january.events.map((e) => e.atMs)).toEqual(result.events.map((e) => e.atMs));
  });
});


describe('parseSmlog: lines', () => {
  it('skips pasted output that is not syslog, without counting it, and keeps line numbers', () => {
    const text = [
      '[root@rigel ~]# tail /var/log/SMlog',
      smlogLine(m.gcQuiet()),
      'vhd=VHD-e25e01be capacity=536870912000 size=159383552 hidden=1 parent=none',
      '',
      smlogLine(m.noWork(), { ident: 'SM', pid: 7 }),
    ].join('\n');
    const result = parseSmlog(text, READ_AT);
    expect(result.events.map((e) => [e.line, e.kind])).toEqual([
      [2, 'gc-quiet'],
      [5, 'gc-exit'],
    ]);
    expect([result.lines, result.gcLines, result.gcPids, result.malformedLines]).toEqual([2, 1, [628], 0]);
  });

  it('reads CRLF line ends and forum indentation', () => {
    const text = `    ${smlogLine(m.gcQuiet())}\r\n\t${smlogLine(m.noWork())}\r\n`;
    expect(parseSmlog(text, READ_AT).events.map((e) => [e.kind, e.message])).toEqual([
      ['gc-quiet', 'GC active, about to go quiet'],
      ['gc-exit', 'No work, exiting'],
    ]);
  });

  it('counts a line that breaks off as malformed and says where', () => {
    const text = ['Aug 21 10:3', 'Aug 21 10:31:08', 'Aug 21 10:31:08 rigel SMGC:', 'Aug 21 10:31:08 rigel SMGC: hello', 'Feb 30 10:31:08 rigel SM: [1] x'].join('\n');
    const result = parseSmlog(text, READ_AT);
    expect(result.events).toEqual([]);
    expect([result.lines, result.malformedLines]).toEqual([5, 5]);
    expect(result.diagnostics.map((d) => [d.line, d.kind])).toEqual([1, 2, 3, 4, 5].map((line) => [line, 'malformed']));
    expect(result.diagnostics[0].message).toMatch(/timestamp is cut/);
    expect(result.diagnostics[1].message).toMatch(/after the timestamp/);
    expect(result.diagnostics[3].message).toMatch(/after "SMGC:"/);
    expect(result.diagnostics[4].message).toMatch(/not a valid date/);
  });

  it('reads an empty message, with or without the trailing space', () => {
    const text = `${smlogLine('')}\nAug 21 10:31:08 rigel SMGC: [628]`;
    expect(parseSmlog(text, READ_AT).events.map((e) => [e.kind, e.message])).toEqual([
      ['other', ''],
      ['other', ''],
    ]);
  });

  it('reads RFC 3339 timestamps and the ident[pid] form', () => {
    const text = [
      `2024-08-21T10:31:08.123456+02:00 rigel SMGC: [628] ${m.gcQuiet()}`,
      '2024-08-21T10:31:09 rigel sshd[991]: Accepted publickey for root',
    ].join('\n');
    expect(parseSmlog(text, READ_AT).events.map((e) => [e.atMs, e.ident, e.pid, e.message])).toEqual([
      [Date.UTC(2024, 7, 21, 8, 31, 8, 123), 'SMGC', 628, 'GC active, about to go quiet'],
      [Date.UTC(2024, 7, 21, 10, 31, 9), 'sshd', 991, 'Accepted publickey for root'],
    ]);
  });

  it('moves to the next year when the log crosses New Year', () => {
    const text = [Date.UTC(2023, 11, 31, 23, 59, 58), Date.UTC(2024, 0, 1, 0, 0, 2)]
      .map((atMs) => smlogLine(m.gcQuiet(), { atMs }))
      .join('\n');
    expect(parseSmlog(text, { referenceMs: Date.UTC(2024, 0, 2) }).events.map((e) => e.atMs)).toEqual([
      Date.UTC(2023, 11, 31, 23, 59, 58),
      Date.UTC(2024, 0, 1, 0, 0, 2),
    ]);
  });

  it('gives each event its own VDI list even when the text repeats', () => {
    const { events } = parseSmlog([m.leafCoalesceCandidate(LEAF), m.leafCoalesceCandidate(LEAF)].map((x) => smlogLine(x)).join('\n'), READ_AT);
    expect(events[0].vdis).not.toBe(events[1].vdis);
    expect(events[0].vdis).toEqual(events[1].vdis);
  });

  it('reads pathological long lines in one pass', () => {
    const long = 100_000;
    const text = [
      smlogLine(`SR ${'( '.repeat(long)}`),
      smlogLine(`${'abcd1234('.repeat(long)}`),
      smlogLine(`[${"'a', ".repeat(long)}`),
      smlogLine(`${'x: EXCEPTION '.repeat(long / 10)}`),
      `Aug 21 10:31:08 ${'h'.repeat(long)}`,
    ].join('\n');
    const result = parseSmlog(text, READ_AT);
    expect([result.events.length, result.malformedLines]).toEqual([4, 1]);
  });
});

describe('parseSmlog: properties', () => {
  const syslogish = fc.array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('Aug 21 10:31:08 ', 'Aug  1 ', '2024-08-21T10:31:08Z ', 'rigel ', 'SMGC: ', 'SM: ', '[628] ', '[', ']', "'", '(', ')', '|', '/', '*', 'e25e01be', '[VHD]', '500.000G', ' -> ', ': EXCEPTION ', 'SR ', '\n', '\r\n', '    '),
    ),
    { maxLength: 40 },
  );

  it('never throws on any text, and accounts for every syslog-looking line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), syslogish.map((parts) => parts.join(''))), (text) => {
        const result = parseSmlog(text, READ_AT);
        expect(result.lines).toBe(result.events.length + result.malformedLines);
        expect(result.events.every((e) => Number.isFinite(e.atMs))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back the time, host, ident, pid and message formatSmlogLine wrote', () => {
    const line = fc.record({
      atMs: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
      host: fc.stringMatching(/^[A-Za-z0-9][\w.:-]{0,20}$/),
      ident: fc.stringMatching(/^[A-Za-z][\w.-]{0,10}$/),
      pid: fc.integer({ min: 0, max: 4_194_304 }),
      message: fc.string({ unit: 'binary' }).filter((s) => !/[\n\r]/.test(s)),
    });
    fc.assert(
      fc.property(line, (written) => {
        const { events } = parseSmlog(formatSmlogLine(written), { referenceMs: written.atMs });
        expect(events).toHaveLength(1);
        const [event] = events;
        expect(event.atMs).toBe(Math.floor(written.atMs / 1000) * 1000);
        expect([event.host, event.ident, event.pid, event.message]).toEqual([written.host, written.ident, written.pid, written.message]);
      }),
      { numRuns: 500 },
    );
  });
});

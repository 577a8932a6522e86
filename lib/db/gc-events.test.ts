/** SMGC lines stored once each, against a real (throwaway) SQLite database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSmlog } from '../vhd/smlog-parser';
import type { SmlogEvent } from '../vhd/types';
import { gcLineHash, storeGcEvents, unstoredLines, type GcLineAt } from './gc-events';
import { seedHost } from './read/test-seed';
import { createTestDbWithPool, type TestDb } from './test-db';

let t: TestDb;
let poolId: number;
beforeEach(async () => ({ t, poolId } = await createTestDbWithPool()));
afterEach(async () => t.close());

describe('storeGcEvents', () => {
  const event = (message: string, atMs = 1_000, ident = 'SMGC', kind: SmlogEvent['kind'] = 'gc-start'): SmlogEvent => ({
    kind,
    atMs,
    host: 'h',
    ident,
    pid: 42,
    line: 1,
    message,
    vdis: [],
  });

  it('keeps SMGC events once each, identical lines included, and skips the rest', async () => {
    const hostId = (await seedHost(t.db, poolId)).id;
    const batch = [event('same'), event('same'), event('other\u0000', 2_000), event('cmd', 2_000, 'SM', 'command')];
    expect(await storeGcEvents(t.db, poolId, hostId, batch)).toBe(3);
    expect(await storeGcEvents(t.db, poolId, hostId, batch)).toBe(0);
    expect(await t.db.gcEvent.count()).toBe(3);
    // A line logged again later is a new event of the line already stored.
    expect(await storeGcEvents(t.db, poolId, hostId, [event('same', 5_000), event('same', 5_000)])).toBe(2);
    expect(await t.db.gcLine.count()).toBe(2);
    const lines = await t.db.gcEvent.findMany({ orderBy: { id: 'asc' }, select: { at: true, line: { select: { message: true } } } });
    expect(lines.map((e) => [e.at.getTime(), e.line.message])).toEqual([
      [1_000, 'same'],
      [1_000, 'same'],
      [2_000, 'other\uFFFD'],
      [5_000, 'same'],
      [5_000, 'same'],
    ]);
  });

  it("keeps a tree dump's header, not its VHD lines (the scan stores the tree)", async () => {
    const sr = '6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c';
    const log = [
      `Dec  5 10:00:00 xcp-ng-01 SMGC: [628] === SR ${sr}: gc ===`,
      `Dec  5 10:00:01 xcp-ng-01 SMGC: [628] SR ${sr} (2 VDIs in 1 VHD trees): `,
      'Dec  5 10:00:01 xcp-ng-01 SMGC: [628]         *e25e01be[VHD](500.000G//152.000M|ao)',
      'Dec  5 10:00:01 xcp-ng-01 SMGC: [628]             43454904[VHD](500.000G//500.949G|ao)',
      'Dec  5 10:00:02 xcp-ng-01 SMGC: [628]   Running VHD coalesce on *e25e01be[VHD](500.000G//152.000M|ao)',
    ].join('\n');
    const { events } = parseSmlog(log, { referenceMs: Date.UTC(2026, 11, 6) });
    expect(events.map((e) => e.kind)).toEqual(['gc-start', 'tree-dump', 'tree-dump', 'tree-dump', 'running-coalesce']);
    const hostId = (await seedHost(t.db, poolId)).id;
    expect(await storeGcEvents(t.db, poolId, hostId, events)).toBe(3);
    const stored = await t.db.gcEvent.findMany({ orderBy: { id: 'asc' }, select: { line: { select: { message: true } } } });
    expect(stored.map((e) => e.line.message)).toEqual([events[0].message, events[1].message, events[4].message]);
  });
});

describe('unstoredLines', () => {
  const at = (atMs: number, message: string, srUuid: string | null = null): GcLineAt => ({
    atMs,
    pid: 7,
    line: { message, srUuid },
  });

  it('counts occurrences: one stored line accounts for one of two identical lines read', () => {
    expect(unstoredLines([at(1, 'a'), at(1, 'a'), at(2, 'a')], [at(1, 'a')])).toEqual([at(1, 'a'), at(2, 'a')]);
    expect(unstoredLines([at(1, 'a')], [at(1, 'a'), at(1, 'a')])).toEqual([]);
  });

  it('tells lines apart by every field they store, hostile text included', () => {
    const hostile = `a","b\u0000"]`;
    expect(unstoredLines([at(1, hostile), at(1, 'a', 'sr')], [at(1, 'a'), at(1, `a","b`)])).toEqual([at(1, hostile), at(1, 'a', 'sr')]);
    expect(gcLineHash(at(1, 'a').line)).toBe(gcLineHash(at(9, 'a').line));
    expect(gcLineHash(at(1, 'a').line)).toBeLessThan(2 ** 31);
  });
});

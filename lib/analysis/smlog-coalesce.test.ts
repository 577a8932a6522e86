import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseSmlog } from '../vhd/smlog-parser';
import { coalesceIntervals, openMerges } from './smlog-coalesce';
import { MB, coalesceEvents, smlogEvent, token } from './test-factories';

const T0 = Date.UTC(2024, 7, 21, 10, 31, 8);

describe('coalesceIntervals', () => {
  it('times a coalesce from "Running VHD coalesce" to the GC process\'s next line, whatever its ident', () => {
    const events = [
      smlogEvent('coalesced-size', T0, { sizeBytes: 500_949 * MB }),
      ...coalesceEvents(T0, 2000, 152 * MB),
    ];
    const [interval] = coalesceIntervals(events);
    expect(interval).toMatchObject({ kind: 'coalesce', startMs: T0, endMs: T0 + 2000, bytes: 152 * MB, bytesFrom: 'vdi-size', outcome: 'done' });
    expect(interval.vdi?.uuidPrefix).toBe('e25e01be');
  });

  it('ignores lines of other processes (the vhd-util child has its own pid)', () => {
    const events = [
      ...coalesceEvents(T0, 5000, 100 * MB),
      smlogEvent('command', T0 + 1000, { pid: 22349, ident: 'SM' }),
    ];
    expect(coalesceIntervals(events)[0].endMs).toBe(T0 + 5000);
  });

  it('starts at "Coalescing A -> B", refines to the "Running VHD coalesce" line and keeps the parent', () => {
    const events = [
      smlogEvent('coalescing', T0, { vdis: [token('aaaa1111', { hidden: true }), token('bbbb2222', { hidden: true })] }),
      smlogEvent('running-coalesce', T0 + 3000, { vdis: [token('aaaa1111', { hidden: true, lvSizeBytes: 300 * MB })] }),
      smlogEvent('coalesce-candidate', T0 + 13_000),
    ];
    const [interval] = coalesceIntervals(events);
    expect(interval).toMatchObject({ startMs: T0 + 3000, endMs: T0 + 13_000, bytes: 300 * MB });
    expect(interval.parent?.uuidPrefix).toBe('bbbb2222');
  });

  it('falls back on a recent "Coalesced size" when the VDI prints no size', () => {
    const events = [
      smlogEvent('coalesced-size', T0, { sizeBytes: 2000 * MB }),
      smlogEvent('running-coalesce', T0 + 1000, { vdis: [token('aaaa1111', { lvSizeBytes: null })] }),
      smlogEvent('gc-exit', T0 + 11_000),
    ];
    expect(coalesceIntervals(events)[0]).toMatchObject({ bytes: 2000 * MB, bytesFrom: 'coalesced-size' });
  });

  it('marks a coalesce that ends in an exception as failed', () => {
    const events = [
      smlogEvent('running-coalesce', T0, { vdis: [token('aaaa1111')] }),
      smlogEvent('exception', T0 + 4000),
    ];
    expect(coalesceIntervals(events)[0].outcome).toBe('failed');
  });

  it('follows a leaf-coalesce until the GC gives up on it', () => {
    const events = [
      smlogEvent('gc-start', T0 - 60_000, { srUuid: 'sr-a' }),
      smlogEvent('leaf-coalescing', T0, { vdis: [token('7ef76d55'), token('43454904', { hidden: true })] }),
      smlogEvent('single-snapshotting', T0 + 1000),
      smlogEvent('no-progress', T0 + 5000, { attempt: 3 }),
      smlogEvent('set-leaf-coalesce-offline', T0 + 6000, { vdis: [token('7ef76d55')] }),
    ];
    const leaf = coalesceIntervals(events).find((i) => i.kind === 'leaf-coalesce');
    expect(leaf).toMatchObject({ srUuid: 'sr-a', startMs: T0, endMs: T0 + 6000, outcome: 'gave-up' });
  });

  it('keeps GC processes of several hosts apart and returns nothing for no events', () => {
    const events = [...coalesceEvents(T0, 2000, MB), ...coalesceEvents(T0 + 500, 9000, MB).map((e) => ({ ...e, host: 'xcp2' }))];
    expect(coalesceIntervals(events).map((i) => i.endMs - i.startMs)).toEqual([2000, 9000]);
    expect(coalesceIntervals([])).toEqual([]);
  });
});

describe('coalesceIntervals on the forum SMlog excerpt', () => {
  it('times the coalesce of *e25e01be: 152 MiB in 2 s, ended by the GC\'s lvremove', () => {
    const text = readFileSync(new URL('../../test/fixtures/forum-smlog-excerpt.log', import.meta.url), 'utf8');
    const { events } = parseSmlog(text, { referenceMs: Date.UTC(2019, 8, 1) });
    const intervals = coalesceIntervals(events);
    const coalesce = intervals.find((i) => i.kind === 'coalesce')!;
    expect(coalesce.vdi?.uuidPrefix).toBe('e25e01be');
    expect(coalesce.endMs - coalesce.startMs).toBe(2000);
    expect(coalesce).toMatchObject({ bytes: 152 * 1024 ** 2, bytesFrom: 'vdi-size', outcome: 'done', pid: 628 });
    expect(intervals.filter((i) => i.kind === 'leaf-coalesce')).toEqual([]);
  });
});

describe('openMerges', () => {
  const SR = 'ae1a700f-f74b-49ea-9fd7-68efebd414eb';

  it('finds the coalesce a GC process started and has not finished, tied to its SR by the tree dump', () => {
    const events = [
      smlogEvent('tree-dump', T0 - 1000, { pid: 7, srUuidPrefix: 'ae1a' }),
      smlogEvent('coalescing', T0, { pid: 7, vdis: [token('aaaa1111', { hidden: true }), token('bbbb2222', { hidden: true })] }),
      smlogEvent('running-coalesce', T0 + 1000, { pid: 7, vdis: [token('aaaa1111', { hidden: true })] }),
      smlogEvent('command', T0 + 1000, { pid: 99, ident: 'SM' }),
    ];
    expect(openMerges(events, [SR])).toEqual([{ kind: 'coalesce', srUuid: SR, uuidPrefix: 'aaaa1111', startMs: T0 + 1000 }]);
    expect(openMerges(events)[0].srUuid).toBeNull();
  });

  it('forgets a merge once the process writes again, and keeps a leaf-coalesce across its inner coalesces', () => {
    const done = [...coalesceEvents(T0, 5000, MB, 7)];
    expect(openMerges(done)).toEqual([]);
    const leaf = [
      smlogEvent('leaf-coalescing', T0, { pid: 8, vdis: [token('7ef76d55')] }),
      smlogEvent('single-snapshotting', T0 + 1000, { pid: 8 }),
      smlogEvent('running-coalesce', T0 + 4000, { pid: 8, vdis: [token('cccc3333', { hidden: true })] }),
    ];
    expect(openMerges(leaf)).toMatchObject([{ kind: 'leaf-coalesce', uuidPrefix: '7ef76d55', startMs: T0 }]);
    const gaveUp = [...leaf, smlogEvent('set-leaf-coalesce-offline', T0 + 9000, { pid: 8, vdis: [token('7ef76d55')] })];
    expect(openMerges(gaveUp)).toEqual([]);
  });
});

describe('coalesceIntervals SR attribution', () => {
  it('resolves a tree-dump header\'s 4-character SR prefix against the known SRs', () => {
    const sr = 'ae1a700f-f74b-49ea-9fd7-68efebd414eb';
    const events = [smlogEvent('tree-dump', T0 - 1000, { srUuidPrefix: 'ae1a' }), ...coalesceEvents(T0, 2000, MB)];
    expect(coalesceIntervals(events, [sr, 'ffff0000-0000-4000-8000-000000000000'])[0].srUuid).toBe(sr);
    expect(coalesceIntervals(events, [sr, 'ae1a0000-0000-4000-8000-000000000000'])[0].srUuid).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseSmlog } from '../vhd/smlog-parser';
import { OSCILLATION_ACTIONS, detectOscillation, detectOscillations, leafStruggleEvents } from './oscillation';
import { uuidPrefixOf } from './smlog-coalesce';
import { DAY, HOUR, MINUTE, leafHistory, lengthPoints, smlogEvent, token } from './test-factories';

const NOW = Date.UTC(2024, 7, 21, 12, 0);
const LEAF = '7ef76d55-683d-430f-91e6-39e5cceb9ec1';

describe('detectOscillation', () => {
  it('finds 1,2,1,2 and says when it started, what it means and what to do', () => {
    const points = lengthPoints(NOW - 4 * HOUR, 20 * MINUTE, [1, 2, 1, 2, 1, 2]);
    const verdict = detectOscillation({ history: leafHistory(points), smlog: [] }, NOW);
    expect(verdict.oscillating).toBe(true);
    expect(verdict.lengths).toEqual([1, 2]);
    expect(verdict.flips).toBe(5);
    expect(verdict.startedAtMs).toBe(NOW - 4 * HOUR + 20 * MINUTE);
    expect(verdict.evidence.points.map((p) => p.length)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(verdict.meaning).toMatch(/writes faster than live leaf-coalesce/);
    expect(verdict.actions).toEqual(OSCILLATION_ACTIONS);
    expect(verdict.summary).toMatch(/alternates 1,2,1,2/);
  });

  it('finds 2,3,2,3 after a stable stretch and dates it from the first flip', () => {
    const points = [...lengthPoints(NOW - 10 * HOUR, HOUR, [2]), ...lengthPoints(NOW - 3 * HOUR, 30 * MINUTE, [3, 2, 3, 2])];
    const verdict = detectOscillation({ history: leafHistory(points), smlog: [] }, NOW);
    expect(verdict.lengths).toEqual([2, 3]);
    expect(verdict.startedAtMs).toBe(NOW - 3 * HOUR);
  });

  it('is stronger with SMlog evidence about this leaf', () => {
    const points = lengthPoints(NOW - 4 * HOUR, 20 * MINUTE, [1, 2, 1, 2]);
    const smlog = [
      smlogEvent('leaf-coalescing', NOW - 2 * HOUR, { vdis: [token('7ef76d55')] }),
      smlogEvent('no-progress', NOW - 2 * HOUR + MINUTE, { message: 'No progress, attempt: 3' }),
    ];
    const plain = detectOscillation({ history: leafHistory(points), smlog: [] }, NOW);
    const backed = detectOscillation({ history: leafHistory(points), smlog }, NOW);
    expect(backed.confidence).toBeGreaterThan(plain.confidence);
    expect(backed.evidence.smlog).toEqual([{ atMs: NOW - 2 * HOUR + MINUTE, kind: 'no-progress', message: 'No progress, attempt: 3' }]);
  });

  it('does not call the daily backup rhythm (snapshot, then coalesce) an oscillation', () => {
    const points = [0, 1, 2].flatMap((d) => [
      { atMs: NOW - 3 * DAY + d * DAY + 2 * MINUTE, length: 3, hidden: 2 },
      { atMs: NOW - 3 * DAY + d * DAY + HOUR, length: 2, hidden: 1 },
    ]);
    const snapshotTimesMs = [0, 1, 2].map((d) => NOW - 3 * DAY + d * DAY);
    const verdict = detectOscillation({ history: leafHistory(points), smlog: [], snapshotTimesMs }, NOW, { windowMs: 4 * DAY });
    expect(verdict.oscillating).toBe(false);
    expect(verdict.flips).toBe(0);
    expect(verdict.actions).toEqual([]);
  });

  it('calls it from SMlog alone when the GC gave up (set leaf-coalesce = offline)', () => {
    const smlog = [
      smlogEvent('snapshot-coalesce-abandoned', NOW - HOUR, { message: 'Snapshot-coalesce did not help, abandoning attempts' }),
      smlogEvent('set-leaf-coalesce-offline', NOW - HOUR, { vdis: [token('7ef76d55')], message: 'Set leaf-coalesce = offline for 7ef76d55' }),
    ];
    const verdict = detectOscillation({ history: leafHistory([]), smlog }, NOW);
    expect(verdict.oscillating).toBe(true);
    expect(verdict.startedAtMs).toBe(NOW - HOUR);
    expect(verdict.summary).toMatch(/gave up/);
  });

  it('is not fooled by SMlog lines about another leaf', () => {
    const smlog = [smlogEvent('set-leaf-coalesce-offline', NOW - HOUR, { vdis: [token('deadbeef')] })];
    expect(detectOscillation({ history: leafHistory([]), smlog }, NOW).oscillating).toBe(false);
  });

  it('says nothing without data, and ignores flips older than the window', () => {
    const none = detectOscillation({ history: leafHistory([]), smlog: [] }, NOW);
    expect(none).toMatchObject({ oscillating: false, confidence: 0, startedAtMs: null, lengths: null });
    const old = lengthPoints(NOW - 5 * DAY, 20 * MINUTE, [1, 2, 1, 2, 1, 2, 1]);
    expect(detectOscillation({ history: leafHistory(old), smlog: [] }, NOW).oscillating).toBe(false);
  });

  it('is not fooled by a chain that only grows (1,2,3,4)', () => {
    const points = lengthPoints(NOW - 4 * HOUR, 20 * MINUTE, [1, 2, 3, 4]);
    expect(detectOscillation({ history: leafHistory(points), smlog: [] }, NOW).oscillating).toBe(false);
  });

  it('counts the leaf-coalesce = offline flag', () => {
    const verdict = detectOscillation({ history: leafHistory([]), smlog: [], leafCoalesce: 'offline' }, NOW);
    expect(verdict.oscillating).toBe(true);
    expect(verdict.evidence.leafCoalesceOffline).toBe(true);
  });
});

describe('leafStruggleEvents', () => {
  it('attributes "No progress" lines to the leaf-coalesce under way in that process', () => {
    const smlog = [
      smlogEvent('leaf-coalescing', NOW, { vdis: [token('aaaa0000')], pid: 1 }),
      smlogEvent('leaf-coalescing', NOW, { vdis: [token('7ef76d55')], pid: 2 }),
      smlogEvent('no-progress', NOW + 1000, { pid: 1 }),
      smlogEvent('max-iterations', NOW + 2000, { pid: 2 }),
    ];
    expect(leafStruggleEvents(smlog, LEAF).map((e) => e.kind)).toEqual(['max-iterations']);
  });
  it('reads the prefix out of scan names and uuids alike', () => {
    expect(uuidPrefixOf(`VHD-${LEAF}`)).toBe('7ef76d55');
    expect(uuidPrefixOf(LEAF.toUpperCase())).toBe('7ef76d55');
  });
});

describe('detectOscillation on the forum SMlog excerpt', () => {
  it('finds the GC giving up on 7ef76d55 and says to coalesce offline', () => {
    const text = readFileSync(new URL('../../test/fixtures/forum-smlog-excerpt.log', import.meta.url), 'utf8');
    const { events } = parseSmlog(text, { referenceMs: Date.UTC(2019, 8, 1) });
    const now = Date.UTC(2019, 7, 21, 10, 33);
    const verdict = detectOscillation({ history: leafHistory([], LEAF), smlog: events }, now);
    expect(verdict.oscillating).toBe(true);
    expect(verdict.startedAtMs).toBe(Date.UTC(2019, 7, 21, 10, 31, 11));
    expect(verdict.evidence.smlog.map((e) => e.kind)).toEqual(['set-leaf-coalesce-offline']);
    expect(verdict.actions[0]).toMatch(/shut the VM down and rescan the SR/);
  });
});

describe('detectOscillations', () => {
  it('judges many leaves against one SMlog exactly as detectOscillation judges each', () => {
    const text = readFileSync(new URL('../../test/fixtures/forum-smlog-excerpt.log', import.meta.url), 'utf8');
    const { events } = parseSmlog(text, { referenceMs: Date.UTC(2019, 8, 1) });
    const now = Date.UTC(2019, 7, 21, 10, 33);
    const start = now - 6 * 3600_000;
    const others = [...new Set(events.flatMap((e) => e.vdis.map((v) => v.uuidPrefix.toLowerCase())))].map((prefix) => `${prefix}-0000-4000-8000-000000000000`);
    const inputs = [
      { history: leafHistory([], LEAF) },
      { history: leafHistory(lengthPoints(start, 3600_000, [2, 3, 2, 3, 2, 3]), others[0] ?? 'aaaaaaaa-0000-4000-8000-000000000000') },
      { history: leafHistory([], 'bbbbbbbb-0000-4000-8000-000000000000'), leafCoalesce: 'offline' },
      ...others.map((leafId) => ({ history: leafHistory([], leafId) })),
    ];
    const together = detectOscillations(inputs, events, now);
    expect(together).toEqual(inputs.map((input) => detectOscillation({ ...input, smlog: events }, now)));
    expect(together[0].oscillating).toBe(true);
    expect(together.filter((v) => v.oscillating).length).toBeGreaterThanOrEqual(2);
  });
});

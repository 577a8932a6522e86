import { describe, expect, it } from 'vitest';
import { backlogShrinkObservations, estimateCoalesceSpeed, smlogSpeedObservations } from './coalesce-speed';
import { DAY, GB, MB, MINUTE, aggregate, coalesceEvents, smlogEvent, srHistory } from './test-factories';

const NOW = Date.UTC(2025, 0, 1, 0, 30);

describe('estimateCoalesceSpeed', () => {
  it('is unknown, with no figure, when there is nothing to go on', () => {
    const speed = estimateCoalesceSpeed(srHistory(), [], NOW);
    expect(speed).toMatchObject({ status: 'unknown', bytesPerSec: null, source: null, confidence: 0, observations: 0 });
  });

  it('takes the median of the speed log, so one outlier does not move it', () => {
    const readings = [40, 42, 41, 43, 44, 5000].map((mbps, i) => ({ atMs: NOW - (i + 1) * 3_600_000, bytesPerSec: mbps * MB }));
    const speed = estimateCoalesceSpeed(srHistory({ speedLog: readings }), [], NOW);
    expect(speed.status).toBe('known');
    expect(speed.source).toBe('speed-log');
    expect(speed.bytesPerSec).toBe(42.5 * MB);
    expect(speed.observations).toBe(6);
    expect(speed.evidence).toHaveLength(6);
    expect(speed.confidence).toBeGreaterThan(0.7);
  });

  it('ignores readings older than the window and after now (a forecast must not see the future)', () => {
    const speedLog = [
      { atMs: NOW - 30 * DAY, bytesPerSec: 1 * MB },
      { atMs: NOW - DAY, bytesPerSec: 50 * MB },
      { atMs: NOW + DAY, bytesPerSec: 9 * MB },
    ];
    const speed = estimateCoalesceSpeed(srHistory({ speedLog }), [], NOW);
    expect(speed.bytesPerSec).toBe(50 * MB);
    expect(speed.observations).toBe(1);
  });

  it('uses SMlog timings when there is no speed log, labelled as such', () => {
    const smlog = [0, 1, 2, 3].flatMap((i) => coalesceEvents(NOW - (i + 1) * 3_600_000, 10_000, 200 * MB));
    const speed = estimateCoalesceSpeed(srHistory({ smlog }), [], NOW);
    expect(speed).toMatchObject({ status: 'known', source: 'smlog', bytesPerSec: 20 * MB, observations: 4 });
    expect(speed.bySource.find((s) => s.source === 'speed-log')?.observations).toBe(0);
  });

  it('prefers a better-ranked source only once it has enough observations', () => {
    const smlog = [0, 1, 2, 3].flatMap((i) => coalesceEvents(NOW - (i + 1) * 3_600_000, 10_000, 200 * MB));
    const speedLog = [{ atMs: NOW - 60_000, bytesPerSec: 90 * MB }];
    expect(estimateCoalesceSpeed(srHistory({ smlog, speedLog }), [], NOW).source).toBe('smlog');
    const more = [1, 2, 3].map((i) => ({ atMs: NOW - i * 60_000, bytesPerSec: 21 * MB }));
    const both = estimateCoalesceSpeed(srHistory({ smlog, speedLog: more }), [], NOW);
    expect(both.source).toBe('speed-log');
    expect(both.confidence).toBeGreaterThan(estimateCoalesceSpeed(srHistory({ speedLog: more }), [], NOW).confidence);
  });

  it('is less confident when readings disagree', () => {
    const steady = [40, 41, 42, 43, 44].map((m, i) => ({ atMs: NOW - i * MINUTE, bytesPerSec: m * MB }));
    const scattered = [5, 20, 42, 90, 200].map((m, i) => ({ atMs: NOW - i * MINUTE, bytesPerSec: m * MB }));
    expect(estimateCoalesceSpeed(srHistory({ speedLog: scattered }), [], NOW).confidence).toBeLessThan(
      estimateCoalesceSpeed(srHistory({ speedLog: steady }), [], NOW).confidence,
    );
  });

  it('falls back on the backlog shrinking between collections', () => {
    const aggregates = [0, 1, 2, 3, 4].map((i) => aggregate(NOW - 10 * MINUTE + i * MINUTE, 6 * GB - i * 600 * MB));
    const speed = estimateCoalesceSpeed(srHistory({ aggregates }), [], NOW);
    expect(speed).toMatchObject({ source: 'backlog-shrink', bytesPerSec: 10 * MB, observations: 1 });
    expect(speed.confidence).toBeLessThan(0.4);
  });
});

describe('smlogSpeedObservations', () => {
  it('skips coalesces of another SR, sub-second timings and failures', () => {
    const otherSr = [smlogEvent('gc-start', NOW - 2 * MINUTE, { pid: 9, srUuid: 'sr2' }), ...coalesceEvents(NOW - MINUTE, 5000, MB, 9)];
    const tooQuick = coalesceEvents(NOW - 3 * MINUTE, 0, MB, 10);
    const failed = [smlogEvent('running-coalesce', NOW, { pid: 11 }), smlogEvent('coalesce-failed', NOW + 5000, { pid: 11 })];
    expect(smlogSpeedObservations([...otherSr, ...tooQuick, ...failed], 'sr1')).toEqual([]);
  });
});

describe('backlogShrinkObservations', () => {
  const t = (i: number) => NOW + i * MINUTE;

  it('splits at a collection gap, a snapshot, growth of the backlog and a stopped GC', () => {
    const aggregates = [
      aggregate(t(0), 10 * GB),
      aggregate(t(1), 9 * GB),
      aggregate(t(10), 8 * GB), // gap between 1 and 10
      aggregate(t(11), 7 * GB),
      aggregate(t(12), 6 * GB), // snapshot between 11 and 12
      aggregate(t(13), 7 * GB), // backlog grew
      aggregate(t(14), 6 * GB),
      aggregate(t(15), 5 * GB, false),
    ];
    const found = backlogShrinkObservations(aggregates, [{ fromMs: t(2), toMs: t(9) }], [t(11) + 30_000]);
    expect(found.map((o) => [o.bytes, o.durationMs])).toEqual([
      [1 * GB, MINUTE],
      [1 * GB, MINUTE],
      [1 * GB, MINUTE],
    ]);
  });

  it('finds nothing while the GC is idle', () => {
    expect(backlogShrinkObservations([aggregate(t(0), 5 * GB, false), aggregate(t(1), 4 * GB, false)], [], [])).toEqual([]);
  });
});

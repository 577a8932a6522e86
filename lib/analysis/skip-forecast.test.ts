import { describe, expect, it } from 'vitest';
import { linearChain, record, treeRecords } from '../chains/test-factory';
import type { VhdRecord } from '../chains/types';
import { forecastGcQueue } from './gc-queue-forecast';
import { type SkipForecastInput, forecastSkip } from './skip-forecast';
import { HOUR, MINUTE } from './test-factories';

const NOW = Date.UTC(2024, 2, 4, 20, 0);
const MiB = 1024 ** 2;
/** Two nightly layers the GC has not merged: base ← b2 ← b3 ← {snap, leaf}: XO counts 2. */
const TWO_BEHIND = `
*base size=2000M
  *b2 size=6000M
    *b3 size=3000M
      snap snapshot size=8M
      leaf size=100M
`;
const HEALTHY = `
*base size=2000M
  snap snapshot size=8M
  leaf size=100M
`;

function input(records: VhdRecord[], overrides: Partial<SkipForecastInput> = {}, bytesPerSec: number | null = 10 * MiB): SkipForecastInput {
  const gc = forecastGcQueue({ srId: 'sr1', records, bytesPerSec, gcRunningSinceMs: NOW - HOUR }, NOW);
  return {
    vmUuid: 'vm1',
    vdiIds: ['leaf'],
    nextBackupMs: NOW + 6 * HOUR,
    scheduleConfidence: 0.9,
    records,
    gcForecasts: [gc],
    speedConfidence: 0.8,
    ...overrides,
  };
}

describe('forecastSkip', () => {
  it('lets a healthy VM through, confidently', () => {
    const f = forecastSkip(input(treeRecords(HEALTHY)), NOW);
    expect(f).toMatchObject({ verdict: 'ok', uncoalescedNow: 0, uncoalescedAtBackup: 0, healthyAtMs: NOW });
    expect(f.confidence).toBeGreaterThan(0.8);
    expect(f.reasons[0]).toMatch(/0 uncoalesced base copies \(XO tolerates 1\): the backup is in 6 h 00 m \(2024-03-05 02:00 UTC\) and goes ahead/);
  });

  it('predicts a skip when the GC cannot finish before the backup, and says why in numbers', () => {
    // Merging b2 (6000 MiB at 10 MiB/s) takes 10 m and leaves 1 (tolerated); the backup comes in 8 m.
    const f = forecastSkip(input(treeRecords(TWO_BEHIND), { nextBackupMs: NOW + 8 * MINUTE }), NOW);
    expect(f.verdict).toBe('skip');
    expect(f.uncoalescedNow).toBe(2);
    expect(f.uncoalescedAtBackup).toBe(2);
    expect(f.healthyAtMs).toBe(NOW + 10 * MINUTE);
    expect(f.reasons[0]).toMatch(/^2 uncoalesced base copies; the GC needs ~10 m at 10 MB\/s and the backup is in 8 m .* → skipped/);
  });

  it('predicts ok when the GC clears the chain in time', () => {
    const f = forecastSkip(input(treeRecords(TWO_BEHIND)), NOW);
    expect(f).toMatchObject({ verdict: 'ok', uncoalescedNow: 2, uncoalescedAtBackup: 0, healthyAtMs: NOW + 10 * MINUTE });
    expect(f.reasons[0]).toMatch(/should clear them in ~10 m at 10 MB\/s, before the backup is in 6 h 00 m/);
  });

  it('is less sure when the GC finishes close to the backup time', () => {
    const far = forecastSkip(input(treeRecords(TWO_BEHIND), { nextBackupMs: NOW + 6 * HOUR }), NOW);
    const close = forecastSkip(input(treeRecords(TWO_BEHIND), { nextBackupMs: NOW + 11 * MINUTE }), NOW);
    expect(close.verdict).toBe('ok');
    expect(close.confidence).toBeLessThan(far.confidence);
  });

  it('is unknown when the chain needs the GC and the speed is unknown', () => {
    const f = forecastSkip(input(treeRecords(TWO_BEHIND), {}, null), NOW);
    expect(f).toMatchObject({ verdict: 'unknown', confidence: 0, healthyAtMs: null });
    expect(f.reasons[0]).toMatch(/speed of this SR is unknown/);
  });

  it('still says ok for a healthy VM whatever the speed', () => {
    expect(forecastSkip(input(treeRecords(HEALTHY), {}, null), NOW).verdict).toBe('ok');
  });

  it('is unknown without a backup time, and says what would happen now', () => {
    const f = forecastSkip(input(treeRecords(TWO_BEHIND), { nextBackupMs: null }), NOW);
    expect(f.verdict).toBe('unknown');
    expect(f.reasons[0]).toMatch(/next backup time is unknown. If it ran now: 2 uncoalesced base copies/);
  });

  it('predicts a skip with high confidence when the GC cannot merge (a snapshot pins each layer and coalesce is off)', () => {
    const records = treeRecords(TWO_BEHIND);
    const gc = forecastGcQueue({ srId: 'sr1', records, bytesPerSec: 10 * MiB, gcRunningSinceMs: null, switches: { coalesce: false } }, NOW);
    const f = forecastSkip({ ...input(records), gcForecasts: [gc] }, NOW);
    expect(f.verdict).toBe('skip');
    expect(f.healthyAtMs).toBeNull();
    expect(f.reasons[0]).toMatch(/cannot merge them/);
    expect(f.confidence).toBeCloseTo(0.81);
  });

  it('follows a higher tolerance and a job that bypasses the check', () => {
    const soon = { nextBackupMs: NOW + 2 * MINUTE };
    expect(forecastSkip(input(treeRecords(TWO_BEHIND), { ...soon, tolerance: 2 }), NOW).verdict).toBe('ok');
    expect(forecastSkip(input(treeRecords(TWO_BEHIND), { ...soon, bypassChainCheck: true }), NOW).verdict).toBe('ok');
  });

  it('predicts the snapshot failing on a chain 30 deep that XO lets through', () => {
    // Every base copy holds a snapshot too (like the forum tree), so XO counts none.
    const records: VhdRecord[] = [...linearChain(30, 'v')];
    for (let i = 0; i < 29; i++) records.push(record(`s${i}`, `v${i}`, { isSnapshot: true }));
    const f = forecastSkip(input(records, { vdiIds: ['v29'] }), NOW);
    expect(f.verdict).toBe('snapshot-fails');
    expect(f.chainLengthAtBackup).toBe(30);
    expect(f.reasons.join(' ')).toMatch(/SnapshotChainTooLong/);
  });

  it('warns when a chain nears the limit', () => {
    const records: VhdRecord[] = [...linearChain(28, 'v')];
    for (let i = 0; i < 27; i++) records.push(record(`s${i}`, `v${i}`, { isSnapshot: true }));
    const f = forecastSkip(input(records, { vdiIds: ['v27'] }), NOW);
    expect(f.verdict).toBe('ok');
    expect(f.reasons[1]).toMatch(/2 snapshots left/);
  });
});

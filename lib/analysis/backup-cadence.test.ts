import { describe, expect, it } from 'vitest';
import { forecastBackups, inferJobCadences } from './backup-cadence';
import { backupJobOf, distinctRuns, parseXoDatetime } from './backup-jobs';
import { DAY, HOUR, MINUTE, MONDAY, xoSnapshot } from './test-factories';
import type { SnapshotRecord } from './types';

/** Snapshots of `vm` on each given day offset from MONDAY at `hour`:`minute` UTC. */
function daily(vm: string, days: number[], hour: number, minute = 0, job = 'job-a'): SnapshotRecord[] {
  return days.map((d) => xoSnapshot(vm, MONDAY + d * DAY + hour * HOUR + minute * MINUTE, job));
}
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('inferJobCadences', () => {
  it('reads a daily job at 02:00 and gives its next run', () => {
    const now = MONDAY + 13 * DAY + 12 * HOUR;
    const [cadence] = inferJobCadences(daily('vm1', range(0, 13), 2), now);
    expect(cadence.description).toBe('daily at 02:00 UTC');
    expect(cadence.nextRunMs).toBe(MONDAY + 14 * DAY + 2 * HOUR);
    expect(cadence.runsMs).toHaveLength(14);
    expect(cadence.confidence).toBeGreaterThan(0.9);
  });

  it('reads every 6 h', () => {
    const snaps = range(0, 6).flatMap((d) => [0, 6, 12, 18].map((h) => xoSnapshot('vm1', MONDAY + d * DAY + h * HOUR)));
    const [cadence] = inferJobCadences(snaps, MONDAY + 6 * DAY + 19 * HOUR);
    expect(cadence.description).toBe('every 6 h from 00:00 UTC');
    expect(cadence.nextRunMs).toBe(MONDAY + 7 * DAY);
  });

  it('reads weekdays only, and jumps the weekend', () => {
    const weekdays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11];
    const friday = MONDAY + 11 * DAY + 3 * HOUR;
    const [cadence] = inferJobCadences(daily('vm1', weekdays, 2), friday);
    expect(cadence.description).toBe('weekdays at 02:00 UTC');
    expect(cadence.nextRunMs).toBe(MONDAY + 14 * DAY + 2 * HOUR);
  });

  it('reads a weekly job from two runs', () => {
    const [cadence] = inferJobCadences(daily('vm1', [6, 13], 3), MONDAY + 14 * DAY);
    expect(cadence.description).toBe('weekly on Sunday at 03:00 UTC');
    expect(cadence.nextRunMs).toBe(MONDAY + 20 * DAY + 3 * HOUR);
  });

  it('keeps a weekday missed once (a skipped backup leaves no snapshot)', () => {
    const [cadence] = inferJobCadences(daily('vm1', [0, 1, 3, 4, 5, 6], 2), MONDAY + 6 * DAY + 12 * HOUR);
    expect(cadence.description).toBe('daily at 02:00 UTC');
  });

  it('reads one run per job across all its VMs, and tells jobs apart', () => {
    const snaps = [...daily('vm1', range(0, 6), 2), ...daily('vm2', range(0, 6), 2, 12), ...daily('vm1', range(0, 6), 22, 0, 'job-b')];
    const cadences = inferJobCadences(snaps, MONDAY + 7 * DAY);
    expect(cadences.map((c) => [c.job.jobId, c.runsMs.length, c.vmUuids])).toEqual([
      ['job-a', 7, ['vm1', 'vm2']],
      ['job-b', 7, ['vm1']],
    ]);
  });

  it('drops a time of day the job left a week ago (an edited schedule, a DST change)', () => {
    const snaps = [...daily('vm1', range(0, 6), 1), ...daily('vm1', range(7, 20), 0)];
    const [cadence] = inferJobCadences(snaps, MONDAY + 20 * DAY + 12 * HOUR);
    expect(cadence.description).toBe('daily at 00:00 UTC');
  });

  it('crosses New Year unchanged', () => {
    const start = Date.UTC(2024, 11, 25, 23, 30);
    const snaps = range(0, 6).map((d) => xoSnapshot('vm1', start + d * DAY));
    const [cadence] = inferJobCadences(snaps, Date.UTC(2024, 11, 31, 23, 45));
    expect(new Date(cadence.nextRunMs!).toISOString()).toBe('2025-01-01T23:30:00.000Z');
  });

  it('ignores snapshots no backup job took, and the future', () => {
    const manual: SnapshotRecord = { vmUuid: 'vm1', snapshotUuid: 's', snapshotTimeMs: MONDAY, otherConfig: {}, nameLabel: 'before upgrade' };
    const future = xoSnapshot('vm1', MONDAY + 30 * DAY);
    expect(inferJobCadences([manual, future], MONDAY + DAY)).toEqual([]);
  });
});

describe('forecastBackups', () => {
  it('adds the VM\'s usual delay into the run', () => {
    const snaps = range(0, 6).map((d) => {
      const run = MONDAY + d * DAY + 2 * HOUR;
      return { ...xoSnapshot('vm1', run), snapshotTimeMs: run + 25 * MINUTE };
    });
    const [forecast] = forecastBackups(['vm1'], snaps, MONDAY + 6 * DAY + 12 * HOUR);
    expect(forecast.nextBackupMs).toBe(MONDAY + 7 * DAY + 2 * HOUR + 25 * MINUTE);
    expect(forecast.source).toBe('inferred');
    expect(forecast.evidence[0]).toMatch(/daily at 02:00 UTC, from 7 runs.*~25 min into the run/);
  });

  it('is unknown with no job and no override, and uses the override otherwise', () => {
    const now = MONDAY + HOUR;
    expect(forecastBackups(['vm9'], [], now)[0]).toMatchObject({ nextBackupMs: null, source: 'none', confidence: 0 });
    const overrides = [{ scope: 'pool' as const, targetId: 'pool1', cron: '30 4 * * *' }];
    const [forecast] = forecastBackups(['vm9'], [], now, { overrides, poolId: 'pool1' });
    expect(forecast).toMatchObject({ nextBackupMs: MONDAY + 4 * HOUR + 30 * MINUTE, source: 'override' });
    expect(forecast.evidence[0]).toMatch(/Pool cron override "30 4 \* \* \*"/);
  });

  it('takes the earliest of an inferred job and an override', () => {
    const now = MONDAY + 6 * DAY + 12 * HOUR;
    const overrides = [{ scope: 'vm' as const, targetId: 'vm1', cron: '0 20 * * *', label: 'CR from XO #2' }];
    const [forecast] = forecastBackups(['vm1'], daily('vm1', range(0, 6), 2), now, { overrides });
    expect(forecast).toMatchObject({ nextBackupMs: MONDAY + 6 * DAY + 20 * HOUR, jobLabel: 'CR from XO #2' });
    expect(forecast.evidence).toHaveLength(2);
  });
});

describe('backup-jobs', () => {
  it('parses XO datetimes and falls back to null', () => {
    expect(parseXoDatetime('20240304T020000Z')).toBe(MONDAY + 2 * HOUR);
    expect(parseXoDatetime('2024-03-04T02:00:00.000Z')).toBe(MONDAY + 2 * HOUR);
    expect(parseXoDatetime('garbage')).toBeNull();
  });
  it('reads the job from the name when the keys are missing', () => {
    const s: SnapshotRecord = { vmUuid: 'vm1', snapshotUuid: 's', snapshotTimeMs: 0, otherConfig: {}, nameLabel: '[XO Backup Nightly] web' };
    expect(backupJobOf(s)).toEqual({ jobId: 'name:Nightly', scheduleId: null, label: 'Nightly', source: 'name' });
  });
  it('merges the snapshots of one run', () => {
    expect(distinctRuns([0, 5 * MINUTE, 10 * MINUTE, 6 * HOUR])).toEqual([0, 6 * HOUR]);
  });
});

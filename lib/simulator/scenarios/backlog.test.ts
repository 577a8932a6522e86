import { describe, expect, it } from 'vitest';
import { createWorld } from '../world';
import { DAY_MS, HOUR_MS, MINUTE_MS, TEST_START_MS, smlogMessages } from '../world/test-factory';

const runsOf = (world: ReturnType<typeof createWorld>, vmName: string) => world.backupRuns().filter((run) => run.vmName === vmName);

describe('slow-sr', () => {
  it('skips the 4th nightly backup of erp-01 as the coalesce backlog grows, and records it', () => {
    const world = createWorld({ scenarios: ['slow-sr'], seed: 1, startMs: TEST_START_MS });
    world.advance(5 * DAY_MS);
    const runs = runsOf(world, 'erp-01');
    expect(runs.map((run) => run.outcome).slice(0, 4)).toEqual(['ok', 'ok', 'ok', 'skip']);
    const skip = runs[3];
    expect(new Date(skip.scheduledAtMs).toISOString()).toBe('2024-08-23T01:00:00.000Z');
    expect(skip.reason).toMatch(/^unhealthy VDI chain: 2 uncoalesced base copies/);
    expect(skip.snapshotVmUuid).toBeNull();
    // The nightly base copy takes longer to merge than the day between backups.
    const merges = world.coalesceRuns().filter((run) => run.bytes > 100 * 2 ** 30);
    expect(merges.length).toBeGreaterThan(1);
    expect(merges.every((run) => run.endMs - run.startMs > DAY_MS)).toBe(true);
  });
});

describe('near-limit', () => {
  it('grows the chain to 30 and then the snapshot fails with SM error 109', () => {
    const world = createWorld({ scenarios: ['near-limit'], seed: 1, startMs: TEST_START_MS });
    world.advance(3 * DAY_MS);
    const runs = runsOf(world, 'legacy-db');
    expect(runs.map((run) => run.outcome)).toEqual(['ok', 'ok', 'snapshot-fails']);
    expect(runs[2].reason).toBe('SR_BACKEND_FAILURE_109(, The snapshot chain is too long, )');
    expect(smlogMessages(world)).toContain('Raising exception [109, The snapshot chain is too long]');
  });
});

describe('overlapping-jobs', () => {
  it('keeps one snapshot per XO job on each VM, the second job starting right after the first one’s coalesces', () => {
    const world = createWorld({ scenarios: ['overlapping-jobs'], seed: 1, startMs: TEST_START_MS });
    world.advance(DAY_MS + HOUR_MS);
    const runs = runsOf(world, 'crm-01');
    const jobs = [...new Set(runs.map((run) => run.jobName))];
    expect(jobs).toEqual(['Delta to NAS', 'CR to DR site']);
    expect([...new Set(runs.map((run) => run.xoInstance))]).toEqual(['xo-prod', 'xo-dr']);
    expect(runs[1].scheduledAtMs - runs[0].scheduledAtMs).toBe(10 * MINUTE_MS);
    const [crmRef] = [...world.allRecords('VM')].find(([, vm]) => vm.name_label === 'crm-01' && vm.is_a_snapshot === false) ?? [];
    const snapshots = (world.record('VM', String(crmRef))?.snapshots as string[]).map((ref) => world.record('VM', ref));
    expect(snapshots.map((s) => s?.name_label).sort()).toEqual(['[XO Backup CR to DR site] crm-01', '[XO Backup Delta to NAS] crm-01']);
    const jobIds = new Set(snapshots.map((s) => (s?.other_config as Record<string, string>)['xo:backup:job']));
    expect(jobIds.size).toBe(2);
    const firstJobMerges = world.coalesceRuns().filter((run) => run.startMs > runs[0].scheduledAtMs && run.startMs < runs[1].scheduledAtMs);
    expect(firstJobMerges.length).toBeGreaterThan(0);
    const lastEndMs = Math.max(...firstJobMerges.map((run) => run.endMs));
    expect(runs[1].scheduledAtMs - lastEndMs).toBeGreaterThan(0);
    expect(runs[1].scheduledAtMs - lastEndMs).toBeLessThan(5 * MINUTE_MS);
  });
});

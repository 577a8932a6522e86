import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forecastBackups } from '@/lib/analysis/backup-cadence';
import { cronOverridesOf, deleteScheduleOverride, listScheduleOverrides, saveScheduleOverride } from './schedule-overrides';
import { createTestDb, createTestPool, type TestDb } from './test-db';

const VM_A = '11111111-2222-3333-4444-555555555555';
const VM_B = '66666666-7777-8888-9999-aaaaaaaaaaaa';
const NOON = Date.UTC(2026, 11, 4, 12, 0);

describe('schedule overrides in the database', () => {
  let t: TestDb;
  let poolId: number;
  beforeEach(async () => {
    t = await createTestDb();
    poolId = (await createTestPool(t.db)).id;
  });
  afterEach(() => t.close());

  it('keeps one per pool and one per VM: saving again replaces it', async () => {
    await saveScheduleOverride(t.db, poolId, { scope: 'pool', targetUuid: VM_A, cron: '0 2 * * *', label: 'nightly', createdBy: 'admin' });
    await saveScheduleOverride(t.db, poolId, { scope: 'vm', targetUuid: VM_A, cron: '0 */6 * * *', label: '', createdBy: 'admin' });
    await saveScheduleOverride(t.db, poolId, { scope: 'pool', targetUuid: '', cron: '30 3 * * *', label: 'nightly (moved)', createdBy: 'ops' });
    const rows = await listScheduleOverrides(t.db, poolId);
    expect(rows.map((r) => [r.scope, r.targetUuid, r.cron, r.label, r.createdBy])).toEqual([
      // A pool-wide schedule names no VM, whatever the caller passed.
      ['pool', '', '30 3 * * *', 'nightly (moved)', 'ops'],
      ['vm', VM_A, '0 */6 * * *', '', 'admin'],
    ]);
  });

  it('deletes only within its pool', async () => {
    const other = (await createTestPool(t.db, 'lab')).id;
    const id = await saveScheduleOverride(t.db, poolId, { scope: 'vm', targetUuid: VM_B, cron: '0 1 * * *', label: '', createdBy: 'admin' });
    expect(await deleteScheduleOverride(t.db, other, id)).toBe(false);
    expect(await listScheduleOverrides(t.db, poolId)).toHaveLength(1);
    expect(await deleteScheduleOverride(t.db, poolId, id)).toBe(true);
    expect(await listScheduleOverrides(t.db, poolId)).toEqual([]);
  });

  it('goes with its pool', async () => {
    await saveScheduleOverride(t.db, poolId, { scope: 'pool', targetUuid: '', cron: '0 2 * * *', label: '', createdBy: 'admin' });
    await t.db.pool.delete({ where: { id: poolId } });
    expect(await t.db.scheduleOverride.count()).toBe(0);
  });

  it('feeds the backup forecast: a VM with no snapshots gets its entered schedule, a VM override beats the pool’s', async () => {
    await saveScheduleOverride(t.db, poolId, { scope: 'pool', targetUuid: '', cron: '0 2 * * *', label: 'nightly', createdBy: 'admin' });
    await saveScheduleOverride(t.db, poolId, { scope: 'vm', targetUuid: VM_B, cron: '0 18 * * *', label: 'evening', createdBy: 'admin' });
    const overrides = cronOverridesOf(await listScheduleOverrides(t.db, poolId), 'pool:1');
    const [a, b] = forecastBackups([VM_A, VM_B], [], NOON, { overrides, poolId: 'pool:1' });
    expect(a).toMatchObject({ source: 'override', jobLabel: 'nightly', nextBackupMs: Date.UTC(2026, 11, 5, 2, 0) });
    expect(b).toMatchObject({ source: 'override', jobLabel: 'evening', nextBackupMs: Date.UTC(2026, 11, 4, 18, 0) });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveScheduleOverride } from '@/lib/db/schedule-overrides';
import { createTestDb, createTestPool, type TestDb } from '@/lib/db/test-db';
import { newScheduleSchema, readPoolSchedules } from './schedules';

const VM = '11111111-2222-3333-4444-555555555555';
const messages = (input: unknown) => {
  const r = newScheduleSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('newScheduleSchema', () => {
  it('accepts a pool-wide or a VM schedule, trimming text', () => {
    expect(newScheduleSchema.parse({ scope: 'pool', cron: ' 0 2 * * * ', label: ' nightly ' })).toEqual({ scope: 'pool', cron: '0 2 * * *', label: 'nightly' });
    expect(newScheduleSchema.parse({ scope: 'vm', vmUuid: VM, cron: '@daily' })).toEqual({ scope: 'vm', vmUuid: VM, cron: '@daily', label: '' });
  });

  it('says what is wrong with a cron expression', () => {
    expect(messages({ scope: 'pool', cron: '0 2 * *' })).toEqual(['cron: A cron schedule has 5 fields (minute hour day-of-month month day-of-week); "0 2 * *" has 4.']);
    expect(messages({ scope: 'pool', cron: '' })[0]).toMatch(/^cron: Enter a cron schedule/);
  });

  it('refuses a VM schedule without a VM, a pool schedule naming one, a bad uuid, unknown fields and multi-line labels', () => {
    expect(messages({ scope: 'vm', cron: '0 2 * * *' })).toEqual(['vmUuid: Choose the VM this schedule applies to.']);
    expect(messages({ scope: 'pool', vmUuid: VM, cron: '0 2 * * *' })).toEqual(['vmUuid: A pool-wide schedule names no VM.']);
    expect(messages({ scope: 'vm', vmUuid: 'vm-1; rm -rf /', cron: '0 2 * * *' })[0]).toMatch(/^vmUuid: A VM uuid is 32 hex digits/);
    expect(messages({ scope: 'pool', cron: '0 2 * * *', poolId: 3 })).toHaveLength(1);
    expect(messages({ scope: 'pool', cron: '0 2 * * *', label: 'a\nb' })).toEqual(['label: A label is one line of text.']);
    expect(messages({ scope: 'cluster', cron: '0 2 * * *' })[0]).toMatch(/^scope: Scope is "pool"/);
  });
});

describe('readPoolSchedules', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => t.close());

  it('names each schedule’s VM, marks a VM that is gone, and gives the next run', async () => {
    const lastRunAt = new Date(Date.UTC(2026, 11, 4, 12, 0));
    const pool = await createTestPool(t.db, 'prod', { lastRunAt });
    await t.db.vm.create({
      data: { poolId: pool.id, uuid: VM, ref: 'OpaqueRef:1', nameLabel: '<b>web</b>', powerState: 'Running', isControlDomain: false, updatedAt: lastRunAt },
    });
    await saveScheduleOverride(t.db, pool.id, { scope: 'vm', targetUuid: VM, cron: '0 18 * * *', label: '', createdBy: 'admin' });
    await saveScheduleOverride(t.db, pool.id, { scope: 'vm', targetUuid: '99999999-2222-3333-4444-555555555555', cron: '0 0 31 2 *', label: '', createdBy: 'admin' });
    const view = await readPoolSchedules(t.db, pool.id, lastRunAt.getTime());
    expect(view?.vms).toEqual([{ uuid: VM, name: '<b>web</b>' }]);
    expect(view?.schedules.map((s) => [s.vmName, s.nextRunMs])).toEqual([
      ['<b>web</b>', Date.UTC(2026, 11, 4, 18, 0)],
      [null, null],
    ]);
    expect(await readPoolSchedules(t.db, pool.id + 1, lastRunAt.getTime())).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { listSrChains } from './chains';
import { countReversals, listChainHistory } from './chain-history';
import { at, seedChainChange, seedPool, seedSr, seedVdi, seedVm } from './test-seed';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function srWithVm() {
  const pool = await seedPool(t.db);
  const sr = await seedSr(t.db, pool.id);
  const vm = await seedVm(t.db, pool.id, { nameLabel: 'web-01' });
  return { sr, vm };
}

describe('listSrChains', () => {
  it('takes the newest change of each leaf, drops removed leaves, and names leaves and VMs', async () => {
    const { sr, vm } = await srWithVm();
    const disk = await seedVdi(t.db, sr, { nameLabel: 'web-01 disk', vmUuids: JSON.stringify([vm.uuid, 'unknown-vm']) });
    await seedChainChange(t.db, sr.id, { leafUuid: disk.uuid, length: 2 });
    await seedChainChange(t.db, sr.id, { leafUuid: disk.uuid, length: 4, hiddenCount: 3, sizeBytes: 5n * 2n ** 40n, state: 'coalescing', xoUnhealthy: true });
    await seedChainChange(t.db, sr.id, { leafUuid: 'gone-leaf', length: 9 });
    await seedChainChange(t.db, sr.id, { leafUuid: 'gone-leaf', state: 'removed' });
    await seedChainChange(t.db, sr.id, { leafUuid: 'scan-only', length: 7 });
    const snapshot = await seedVdi(t.db, sr, { isSnapshot: true, snapshotOfUuid: disk.uuid, vmUuids: JSON.stringify(['snapshot-vm']) });
    await seedChainChange(t.db, sr.id, { leafUuid: snapshot.uuid, length: 3 });

    const chains = await listSrChains(t.db, sr);
    expect(chains.map((c) => c.leafUuid)).toEqual([disk.uuid, 'scan-only', snapshot.uuid]);
    expect(chains[2]).toMatchObject({ isSnapshot: true, vmNames: ['web-01', 'unknown-…'] });
    expect(chains[0]).toMatchObject({
      leafName: 'web-01 disk',
      vmNames: ['web-01', 'unknown-…'],
      length: 4,
      baseCopies: 3,
      sizeBytes: 5 * 2 ** 40,
      state: 'coalescing',
      xoUnhealthy: true,
      sinceMs: at(1).getTime(),
    });
    expect(chains[1]).toMatchObject({ leafName: null, vmNames: [], length: 7 });
  });
});

describe('listChainHistory', () => {
  it('puts the oscillating leaf first, with the step in force at the window start', async () => {
    const { sr } = await srWithVm();
    const oscillating = await seedVdi(t.db, sr, { nameLabel: 'db disk' });
    const lengths = [1, 2, 1, 2, 1, 2];
    for (const [i, length] of lengths.entries()) await seedChainChange(t.db, sr.id, { leafUuid: oscillating.uuid, length, at: at(10 * i) });
    await seedChainChange(t.db, sr.id, { leafUuid: 'steady', length: 3, at: at(15) });
    await seedChainChange(t.db, sr.id, { leafUuid: 'steady', length: 4, at: at(25) });
    await seedChainChange(t.db, sr.id, { leafUuid: 'new-and-unchanged', length: 2, at: at(30) });

    const window = { fromMs: at(5).getTime(), toMs: at(60).getTime() };
    const history = await listChainHistory(t.db, sr, window, 10);
    expect(history.changedLeaves).toBe(2);
    const [first, second] = history.leaves;
    expect(first).toMatchObject({ leafUuid: oscillating.uuid, leafName: 'db disk', changes: 5, reversals: 4 });
    expect(first.steps[0]).toMatchObject({ atMs: at(5).getTime(), length: 1 });
    expect(first.steps.map((s) => s.length)).toEqual(lengths);
    expect(second.steps.map((s) => s.length)).toEqual([3, 4]);
    expect((await listChainHistory(t.db, sr, window, 1)).leaves).toHaveLength(1);
    expect((await listChainHistory(t.db, sr, { ...window, toMs: at(20).getTime() }, 10)).leaves[0].steps.map((s) => s.length)).toEqual([1, 2, 1]);
  });

  it('counts reversals of direction, ignoring flat steps', () => {
    expect(countReversals([1, 2, 2, 1, 2])).toBe(2);
    expect(countReversals([1, 2, 3, 4])).toBe(0);
    expect(countReversals([])).toBe(0);
  });
});

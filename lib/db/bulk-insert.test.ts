import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkInsert } from './bulk-insert';
import { ensurePool } from './pools';
import { createTestDb, type TestDb } from './test-db';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t.close());

describe('bulkInsert', () => {
  it('stores values that Prisma reads back exactly, hostile text included', async () => {
    const poolId = await ensurePool(t.db, { name: 'p', url: 'u', demo: false });
    const hostile = `'); DROP TABLE "Vm"; -- <img src=x onerror=alert(1)> "q" \\ 🦀 \u202e\u0000end`;
    const at = new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 123));
    const rows = Array.from({ length: 1201 }, (_, i) => ({
      poolId,
      uuid: `vm-${i}`,
      ref: 'OpaqueRef:x',
      nameLabel: i === 0 ? hostile : `vm ${i}`,
      powerState: 'Running',
      isControlDomain: i % 2 === 0,
      updatedAt: at,
      removedAt: null,
    }));
    await bulkInsert(t.db, 'Vm', rows);
    expect(await t.db.vm.count()).toBe(1201);
    const first = await t.db.vm.findFirstOrThrow({ where: { uuid: 'vm-0' } });
    expect(first).toMatchObject({ nameLabel: hostile.replace('\u0000', '\uFFFD'), isControlDomain: true, removedAt: null });
    expect(first.updatedAt.getTime()).toBe(at.getTime());
    expect(await t.db.vm.count({ where: { updatedAt: { gte: at } } })).toBe(1201);
  });

  it('stores byte counts above 2^53 exactly', async () => {
    const poolId = await ensurePool(t.db, { name: 'p', url: 'u', demo: false });
    await bulkInsert(t.db, 'Sr', [
      { poolId, uuid: 's', ref: 'r', nameLabel: 's', type: 'lvm', shared: true, physicalSizeBytes: 2n ** 62n, physicalUtilisationBytes: 0n, gcEnabled: true, coalesceEnabled: false, leafCoalesceEnabled: true, gcNoSpace: false, updatedAt: new Date(0) },
    ]);
    expect(await t.db.sr.findFirstOrThrow()).toMatchObject({ physicalSizeBytes: 2n ** 62n, coalesceEnabled: false });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkInsert, bulkInsertTuples, idsByColumn, insertReturningIds, shareSqliteHandle } from './bulk-insert';
import { ensurePool } from './pools';
import { createTestDb, type TestDb } from './test-db';

let t: TestDb;

const HOSTILE = `'); DROP TABLE "Vm"; -- <img src=x onerror=alert(1)> "q" \\ 🦀 \u202e\u0000end`;
const AT = new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 123));

function vmRows(poolId: number, count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({
    poolId,
    uuid: `${prefix}-${i}`,
    ref: 'OpaqueRef:x',
    nameLabel: i === 0 ? HOSTILE : `vm ${i}`,
    powerState: 'Running',
    isControlDomain: i % 2 === 0,
    updatedAt: AT,
    removedAt: null,
  }));
}

async function expectVmsStored(count: number): Promise<void> {
  expect(await t.db.vm.count()).toBe(count);
  const first = await t.db.vm.findFirstOrThrow({ where: { uuid: 'vm-0' } });
  expect(first).toMatchObject({ nameLabel: HOSTILE.replace('\u0000', '\uFFFD'), isControlDomain: true, removedAt: null });
  expect(first.updatedAt.getTime()).toBe(AT.getTime());
  expect(await t.db.vm.count({ where: { updatedAt: { gte: AT } } })).toBe(count);
}

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t.close());

describe('bulkInsert', () => {
  it('stores values that Prisma reads back exactly, hostile text included', async () => {
    const poolId = await ensurePool(t.db, { name: 'p', url: 'u', demo: false });
    await bulkInsert(t.db, 'Vm', vmRows(poolId, 1201, 'vm'));
    await expectVmsStored(1201);
  });

  it('stores byte counts above 2^53 exactly', async () => {
    const poolId = await ensurePool(t.db, { name: 'p', url: 'u', demo: false });
    await bulkInsert(t.db, 'Sr', [
      { poolId, uuid: 's', ref: 'r', nameLabel: 's', type: 'lvm', shared: true, physicalSizeBytes: 2n ** 62n, physicalUtilisationBytes: 0n, gcEnabled: true, coalesceEnabled: false, leafCoalesceEnabled: true, gcNoSpace: false, updatedAt: new Date(0) },
    ]);
    expect(await t.db.sr.findFirstOrThrow()).toMatchObject({ physicalSizeBytes: 2n ** 62n, coalesceEnabled: false });
  });
});

describe('bulkInsertTuples', () => {
  it('stores value tuples in the order of the columns given, and refuses a tuple of the wrong width', async () => {
    const poolId = await ensurePool(t.db, { name: 'p', url: 'u', demo: false });
    const columns = ['uuid', 'poolId', 'ref', 'nameLabel', 'powerState', 'isControlDomain', 'updatedAt', 'removedAt'];
    await bulkInsertTuples(t.db, 'Vm', columns, [['a', poolId, 'OpaqueRef:a', HOSTILE, 'Halted', false, AT, null]]);
    expect(await t.db.vm.findFirstOrThrow()).toMatchObject({ uuid: 'a', nameLabel: HOSTILE.replace('\u0000', '\uFFFD'), powerState: 'Halted', isControlDomain: false });
    await expect(bulkInsertTuples(t.db, 'Vm', columns, [['b', poolId]])).rejects.toThrow('a row for Vm has 2 values for 8 columns');
    expect(await t.db.vm.count()).toBe(1);
  });
});

describe('bulkInsert in a collector transaction (prepared statements on the SQLite connection)', () => {
  it('stores the same values, and rolls back with the transaction', async () => {
    const poolId = await ensurePool(t.db, { name: 'p', url: 'u', demo: false });
    await t.db.$transaction(async (tx) => {
      shareSqliteHandle(t.db, tx);
      await bulkInsert(tx, 'Vm', vmRows(poolId, 123, 'vm'));
    });
    await expectVmsStored(123);
    await expect(
      t.db.$transaction(async (tx) => {
        shareSqliteHandle(t.db, tx);
        await bulkInsert(tx, 'Vm', vmRows(poolId, 10, 'gone'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.db.vm.count()).toBe(123);
  });

  it('looks ids up by a text column, on the client or on the connection a transaction holds', async () => {
    const uuids = [HOSTILE, ...Array.from({ length: 1200 }, (_, i) => `vhd-${i}`)];
    await bulkInsert(t.db, 'ChainVhd', uuids.map((uuid) => ({ uuid })));
    const direct = await idsByColumn(t.db, 'ChainVhd', 'uuid', [...uuids, 'absent']);
    const inTx = await t.db.$transaction(async (tx) => {
      shareSqliteHandle(t.db, tx);
      return idsByColumn(tx, 'ChainVhd', 'uuid', uuids);
    });
    const stored = await t.db.chainVhd.findMany();
    expect(direct).toEqual(inTx);
    expect(direct.size).toBe(uuids.length);
    // Keyed by the value asked for, though NUL is stored as U+FFFD.
    expect(direct.get(HOSTILE)).toBe(stored.find((row) => row.uuid === HOSTILE.replace('\u0000', '\uFFFD'))?.id);
    expect(direct.get('vhd-7')).toBe(stored.find((row) => row.uuid === 'vhd-7')?.id);
    expect(direct.has('absent')).toBe(false);
  });

  it('inserts values and returns their new ids, on the client or on the connection a transaction holds', async () => {
    const direct = await insertReturningIds(t.db, 'ChainVhd', 'uuid', [HOSTILE, ...Array.from({ length: 700 }, (_, i) => `a-${i}`)]);
    const inTx = await t.db.$transaction(async (tx) => {
      shareSqliteHandle(t.db, tx);
      return insertReturningIds(tx, 'ChainVhd', 'uuid', ['b-0', 'b-1']);
    });
    expect(direct.size).toBe(701);
    expect(inTx.size).toBe(2);
    // The ids are the stored rows' own, keyed by the value asked for (NUL is stored as U+FFFD).
    expect(await idsByColumn(t.db, 'ChainVhd', 'uuid', [HOSTILE, 'a-699', 'b-1'])).toEqual(
      new Map([
        [HOSTILE, direct.get(HOSTILE)],
        ['a-699', direct.get('a-699')],
        ['b-1', inTx.get('b-1')],
      ]),
    );
  });

  it('skips values stored already when asked, and answers the new ones alone', async () => {
    const first = await insertReturningIds(t.db, 'ChainVhd', 'uuid', ['kept', HOSTILE]);
    const inTx = await t.db.$transaction(async (tx) => {
      shareSqliteHandle(t.db, tx);
      return insertReturningIds(tx, 'ChainVhd', 'uuid', ['kept', 'new', HOSTILE], { skipExisting: true });
    });
    expect([...inTx.keys()]).toEqual(['new']);
    expect(await t.db.chainVhd.count()).toBe(3);
    expect(await idsByColumn(t.db, 'ChainVhd', 'uuid', ['kept', HOSTILE, 'new'])).toEqual(
      new Map([
        ['kept', first.get('kept')],
        [HOSTILE, first.get(HOSTILE)],
        ['new', inTx.get('new')],
      ]),
    );
    // Without the option a stored value is an error, as before.
    await expect(insertReturningIds(t.db, 'ChainVhd', 'uuid', ['kept'])).rejects.toThrow();
  });
});

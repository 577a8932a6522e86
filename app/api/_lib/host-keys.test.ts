import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestPool, type TestDb } from '@/lib/db/test-db';
import { forgetHostKey, readHostKeys } from './host-keys';

const MASTER = 'aaaaaaaa-0000-0000-0000-000000000001';
const SLAVE = 'aaaaaaaa-0000-0000-0000-000000000002';
const PINNED_AT = new Date(Date.UTC(2026, 11, 1, 8, 0));

describe('SSH host keys', () => {
  let t: TestDb;
  let poolId: number;
  beforeEach(async () => {
    t = await createTestDb();
    poolId = (await createTestPool(t.db)).id;
    const host = { poolId, ref: 'OpaqueRef:h', address: '10.0.0.1', enabled: true, updatedAt: PINNED_AT };
    await t.db.host.create({ data: { ...host, uuid: SLAVE, nameLabel: 'xcp-b', isMaster: false } });
    await t.db.host.create({ data: { ...host, uuid: MASTER, nameLabel: 'xcp-a', isMaster: true, sshHostKeySha256: 'SHA256:abc', sshHostKeySeenAt: PINNED_AT } });
  });
  afterEach(() => t.close());

  it('lists the master first, with its pinned key, and hosts not read yet without one', async () => {
    expect(await readHostKeys(t.db, poolId)).toEqual([
      { uuid: MASTER, name: 'xcp-a', address: '10.0.0.1', isMaster: true, fingerprint: 'SHA256:abc', pinnedAtMs: PINNED_AT.getTime() },
      { uuid: SLAVE, name: 'xcp-b', address: '10.0.0.1', isMaster: false, fingerprint: null, pinnedAtMs: null },
    ]);
  });

  it('forgets a pin only within its pool', async () => {
    const other = (await createTestPool(t.db, 'lab')).id;
    expect(await forgetHostKey(t.db, other, MASTER)).toBe(false);
    expect((await readHostKeys(t.db, poolId))[0].fingerprint).toBe('SHA256:abc');
    expect(await forgetHostKey(t.db, poolId, MASTER)).toBe(true);
    expect((await readHostKeys(t.db, poolId))[0]).toMatchObject({ fingerprint: null, pinnedAtMs: null });
  });
});

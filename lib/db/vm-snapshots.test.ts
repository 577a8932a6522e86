/** VM snapshots and their xo:backup keys as stored, against a real (throwaway) SQLite database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedXoBackup, VmSnapshotStore, xoBackupOf } from './vm-snapshots';
import { createTestDbWithPool, type TestDb } from './test-db';

let t: TestDb;
let poolId: number;
beforeEach(async () => ({ t, poolId } = await createTestDbWithPool()));
afterEach(async () => t.close());

describe('VmSnapshotStore', () => {
  it('adds new snapshots once and marks deleted ones', async () => {
    const snapshot = (uuid: string) => ({
      vmUuid: 'vm-1',
      snapshotUuid: uuid,
      nameLabel: `[XO Backup nightly] vm-1`,
      snapshotTimeMs: 1_000,
      xoBackup: { 'xo:backup:job': 'job-1', 'xo:backup:schedule': 's-1' },
    });
    const store = new VmSnapshotStore(poolId);
    expect(await store.sync(t.db, [snapshot('s1'), snapshot('s2')], 1_000)).toBe(2);
    expect(await new VmSnapshotStore(poolId).sync(t.db, [snapshot('s2')], 2_000)).toBe(0);
    const rows = await t.db.vmSnapshot.findMany({ orderBy: { snapshotUuid: 'asc' } });
    expect(rows.map((r) => [r.snapshotUuid, r.xoBackupJob, r.removedAt?.getTime() ?? null])).toEqual([
      ['s1', 'job-1', 2_000],
      ['s2', 'job-1', null],
    ]);
  });
});

describe('storedXoBackup', () => {
  const own = 'f1f1d777-5438-46cc-8ce8-c85871047695';
  const cases: [string, Record<string, string>][] = [
    ['an XO backup snapshot', { 'xo:backup:datetime': '20261207T023408Z', 'xo:backup:job': 'job-1', 'xo:backup:schedule': 's-1', 'xo:backup:vm': own }],
    ['one whose VM key names another VM', { 'xo:backup:job': 'job-1', 'xo:backup:vm': 'other-vm' }],
    ['one without a VM key', { 'xo:backup:job': 'job-1', 'xo:backup:datetime': 'x' }],
    ['one with the VM key alone', { 'xo:backup:vm': own }],
    ['a snapshot taken by hand', {}],
    ['hostile values', { 'xo:backup:vm': `${own}"`, 'xo:backup:x"y': '</script>', 'xo:backup:__proto__': 'x', 'xo:backup:constructor': 'y' }],
  ];

  it.each(cases)('gives back every key of %s', (_name, keys) => {
    const stored = storedXoBackup(own, keys);
    const json: Record<string, string> = JSON.parse(JSON.stringify(stored.xoBackup));
    expect(xoBackupOf({ vmUuid: own, ...stored }, json)).toEqual(keys);
  });

  it('keeps out of the JSON the prefix, the job and schedule, and the VM key naming its own VM', () => {
    const stored = storedXoBackup(own, cases[0][1]);
    expect(stored).toEqual({ xoBackupJob: 'job-1', xoBackupSchedule: 's-1', xoBackup: { datetime: '20261207T023408Z' }, xoBackupVmIsOwn: true });
    expect(storedXoBackup(own, cases[1][1])).toMatchObject({ xoBackup: { vm: 'other-vm' }, xoBackupVmIsOwn: false });
  });
});

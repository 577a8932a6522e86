// Upgrades: a database written by an older schema keeps its data through the newer migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from './client';
import { applyMigrations } from './test-db';
import { classifySmlogMessage } from '../vhd/smlog-message';
import { storeGcEvents } from './gc-events';
import { xoBackupOf } from './vm-snapshots';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainwatch-migrate-'));
  path = join(dir, 'old.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeOld(before: string, sql: string): void {
  applyMigrations(path, (name) => name < before);
  const sqlite = new Database(path);
  sqlite.exec(sql);
  sqlite.close();
}

describe('0003_epoch_ms_times', () => {
  it('turns the ISO text of older rows into epoch milliseconds, to the millisecond', async () => {
    writeOld(
      '0003',
      `INSERT INTO "User" ("name", "passwordHash") VALUES ('admin', 'x');
       INSERT INTO "Pool" ("name", "url", "createdAt", "updatedAt", "lastRunAt") VALUES ('p', 'u', '2024-02-29T12:00:00.123+00:00', '2024-02-29T12:00:01.000+00:00', NULL);
       INSERT INTO "CollectionRun" ("poolId", "kind", "startedAt", "finishedAt", "outcome", "sshStatus", "srsRebuilt", "vdis", "chainChanges", "xapiMs", "sshMs", "writeMs", "totalMs")
         VALUES (1, 'full', '2024-02-29T12:00:00.999+00:00', '2024-03-01T00:00:00.000+00:00', 'ok', 'ok', 0, 0, 0, 0, 0, 0, 0);`,
    );
    applyMigrations(path, (name) => name >= '0003');
    const db = openDb(`file:${path}`);
    try {
      const pool = await db.pool.findFirstOrThrow();
      expect(pool.createdAt.toISOString()).toBe('2024-02-29T12:00:00.123Z');
      expect(pool.lastRunAt).toBeNull();
      const run = await db.collectionRun.findFirstOrThrow({ where: { startedAt: { lt: new Date('2024-02-29T12:00:01Z') } } });
      expect(run.startedAt.getTime()).toBe(Date.UTC(2024, 1, 29, 12, 0, 0, 999));
      expect(run.finishedAt.toISOString()).toBe('2024-03-01T00:00:00.000Z');
      // SQLite's CURRENT_TIMESTAMP default ("YYYY-MM-DD HH:MM:SS") converts too.
      const user = await db.user.findFirstOrThrow();
      expect(Number.isFinite(user.createdAt.getTime())).toBe(true);
      const kinds = await db.$queryRawUnsafe<{ t: string }[]>(`SELECT DISTINCT typeof("createdAt") AS t FROM "Pool" UNION SELECT typeof("createdAt") FROM "User"`);
      expect(kinds.map((k) => k.t)).toEqual(['integer']);
    } finally {
      await db.$disconnect();
    }
  });
});

describe('0004_gc_lines', () => {
  it('keeps every stored GC event, its text, kind, SR and size, with one line per distinct text', async () => {
    const event = (id: number, at: string, kind: string, message: string, srUuid: string | null, size: string | null) =>
      `INSERT INTO "GcEvent" ("id", "poolId", "hostId", "srUuid", "at", "kind", "pid", "message", "vdiPrefixes", "sizeBytes", "dedupKey")
       VALUES (${id}, 1, 1, ${srUuid === null ? 'NULL' : `'${srUuid}'`}, '${at}', '${kind}', 628, '${message}', '[]', ${size ?? 'NULL'}, 'k${id}');`;
    writeOld(
      '0004',
      `INSERT INTO "Pool" ("name", "url", "updatedAt") VALUES ('p', 'u', 0);
       INSERT INTO "Host" ("poolId", "uuid", "ref", "nameLabel", "address", "isMaster", "enabled", "updatedAt") VALUES (1, 'h', 'r', 'rigel', 'a', 1, 1, 0);
       ${event(1, '2024-02-29T12:00:00.000+00:00', 'gc-start', '=== SR 6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c: gc ===', '6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c', null)}
       ${event(2, '2024-02-29T12:00:01.000+00:00', 'gc-exit', 'No work, exiting', null, null)}
       ${event(3, '2024-02-29T12:00:02.000+00:00', 'coalesced-size', 'Coalesced size = 1.000G', null, '1073741824')}
       ${event(4, '2024-02-29T13:00:01.000+00:00', 'gc-exit', 'No work, exiting', null, null)}`,
    );
    applyMigrations(path, (name) => name >= '0003');
    const db = openDb(`file:${path}`);
    try {
      const events = await db.gcEvent.findMany({ orderBy: { id: 'asc' }, include: { line: true } });
      // Kind and size as readers see them since 0009: read again from the text.
      const read = (message: string) => {
        const info = classifySmlogMessage(message);
        return [info.kind, info.fields?.sizeBytes ?? null];
      };
      expect(events.map((e) => [e.id, e.at.toISOString(), e.pid, ...read(e.line.message), e.line.message, e.line.srUuid])).toEqual([
        [1, '2024-02-29T12:00:00.000Z', 628, 'gc-start', null, '=== SR 6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c: gc ===', '6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c'],
        [2, '2024-02-29T12:00:01.000Z', 628, 'gc-exit', null, 'No work, exiting', null],
        [3, '2024-02-29T12:00:02.000Z', 628, 'coalesced-size', 2 ** 30, 'Coalesced size = 1.000G', null],
        [4, '2024-02-29T13:00:01.000Z', 628, 'gc-exit', null, 'No work, exiting', null],
      ]);
      expect(await db.gcLine.count()).toBe(3);
    } finally {
      await db.$disconnect();
    }
  });
});

describe('0005_chain_vhds', () => {
  it('keeps every stored chain change, its leaf and root, with one row per uuid', async () => {
    const change = (id: number, leaf: string, seq: number, state: string, root: string) =>
      `INSERT INTO "ChainChange" ("id", "srId", "leafUuid", "seq", "at", "length", "hiddenCount", "sizeBytes", "state", "rootUuid", "xoUnhealthy")
       VALUES (${id}, 1, '${leaf}', ${seq}, '2024-02-29T12:00:0${seq}.000+00:00', ${seq + 1}, ${seq}, 1073741824, '${state}', '${root}', ${seq % 2});`;
    writeOld(
      '0005',
      `INSERT INTO "Pool" ("name", "url", "updatedAt") VALUES ('p', 'u', 0);
       INSERT INTO "Sr" ("poolId", "uuid", "ref", "nameLabel", "type", "shared", "physicalSizeBytes", "physicalUtilisationBytes", "gcEnabled", "coalesceEnabled", "leafCoalesceEnabled", "gcNoSpace", "updatedAt")
         VALUES (1, 's', 'r', 'n', 'lvm', 0, 1, 1, 1, 1, 1, 0, 0);
       ${change(1, 'leaf-a', 1, 'clean', 'root')}
       ${change(2, 'leaf-b', 1, 'coalescing', 'root')}
       ${change(3, 'leaf-a', 2, 'removed', '')}
       ${change(4, 'root', 3, 'clean', 'root')}`,
    );
    applyMigrations(path, (name) => name >= '0005');
    const db = openDb(`file:${path}`);
    try {
      const changes = await db.chainChange.findMany({ orderBy: { id: 'asc' }, include: { leaf: true, root: true } });
      expect(changes.map((c) => [c.id, c.leaf.uuid, c.seq, c.at.toISOString(), c.length, c.hiddenCount, c.sizeBytes, c.state, c.root?.uuid ?? null, c.xoUnhealthy])).toEqual([
        [1, 'leaf-a', 1, '2024-02-29T12:00:01.000Z', 2, 1, 2n ** 30n, 'clean', 'root', true],
        [2, 'leaf-b', 1, '2024-02-29T12:00:01.000Z', 2, 1, 2n ** 30n, 'coalescing', 'root', true],
        [3, 'leaf-a', 2, '2024-02-29T12:00:02.000Z', 3, 2, 2n ** 30n, 'removed', null, false],
        [4, 'root', 3, '2024-02-29T12:00:03.000Z', 4, 3, 2n ** 30n, 'clean', 'root', true],
      ]);
      expect((await db.chainVhd.findMany({ orderBy: { id: 'asc' } })).map((v) => v.uuid)).toEqual(['leaf-a', 'root', 'leaf-b']);
    } finally {
      await db.$disconnect();
    }
  });
});

describe('0006_narrower_rows', () => {
  it('keeps every xo:backup key of a snapshot (job and schedule from their columns) and 72 bits of a VDI hash', async () => {
    const job = 'ac6f6a4c-44d7-4f3d-9ae0-d1e1d2f5c4f0';
    const keys = { 'xo:backup:datetime': '20261212T023419Z', 'xo:backup:job': job, 'xo:backup:schedule': 's1', 'xo:backup:vm': 'vm-1' };
    writeOld(
      '0006',
      `INSERT INTO "Pool" ("name", "url", "updatedAt") VALUES ('p', 'u', 0);
       INSERT INTO "VmSnapshot" ("poolId", "vmUuid", "snapshotUuid", "nameLabel", "xoBackupJob", "xoBackupSchedule", "xoBackup", "firstSeenAt")
         VALUES (1, 'vm-1', 'snap-1', '[XO Backup Daily] vm', '${job}', 's1', '${JSON.stringify(keys)}', 0),
                (1, 'vm-1', 'snap-2', 'by hand', NULL, NULL, '{}', 0);
       INSERT INTO "Sr" ("poolId", "uuid", "ref", "nameLabel", "type", "shared", "physicalSizeBytes", "physicalUtilisationBytes", "gcEnabled", "coalesceEnabled", "leafCoalesceEnabled", "gcNoSpace", "updatedAt")
         VALUES (1, 's', 'r', 'n', 'lvm', 0, 1, 1, 1, 1, 1, 0, 0);
       INSERT INTO "Vdi" ("poolId", "srId", "uuid", "ref", "nameLabel", "type", "managed", "missing", "isSnapshot", "virtualSizeBytes", "physicalUtilisationBytes", "vmUuids", "chainLength", "rowHash", "updatedAt")
         VALUES (1, 1, 'v', 'r', 'n', 'user', 1, 0, 0, 1, 1, '[]', 1, 'N7v2hJ3kP0qR8sT1uV4wX6yZ9a0', 0);`,
    );
    applyMigrations(path, (name) => name >= '0006');
    const db = openDb(`file:${path}`);
    try {
      const [withJob, byHand] = await db.vmSnapshot.findMany({ orderBy: { snapshotUuid: 'asc' } });
      // As 0011 leaves it: the prefix gone, and the VM key a flag.
      expect(JSON.parse(withJob.xoBackup)).toEqual({ datetime: '20261212T023419Z' });
      expect(xoBackupOf(withJob, JSON.parse(withJob.xoBackup))).toEqual(keys);
      expect(xoBackupOf(byHand, JSON.parse(byHand.xoBackup))).toEqual({});
      expect((await db.vdi.findFirstOrThrow()).rowHash).toBe('N7v2hJ3kP0qR');
    } finally {
      await db.$disconnect();
    }
  });
});

describe('0008_vdi_without_ref', () => {
  it('keeps every VDI row and its hash without the ref column', async () => {
    writeOld(
      '0008',
      `INSERT INTO "Pool" ("name", "url", "updatedAt") VALUES ('p', 'u', 0);
       INSERT INTO "Sr" ("poolId", "uuid", "ref", "nameLabel", "type", "shared", "physicalSizeBytes", "physicalUtilisationBytes", "gcEnabled", "coalesceEnabled", "leafCoalesceEnabled", "gcNoSpace", "updatedAt")
         VALUES (1, 's', 'r', 'n', 'lvm', 0, 1, 1, 1, 1, 1, 0, 0);
       INSERT INTO "Vdi" ("poolId", "srId", "uuid", "ref", "nameLabel", "type", "managed", "missing", "isSnapshot", "virtualSizeBytes", "physicalUtilisationBytes", "vmUuids", "chainLength", "rowHash", "updatedAt")
         VALUES (1, 1, 'v', 'OpaqueRef:0b6e2a6c-1d5e-4d4e-9a55-1f0e7d8c9b0a', 'disk', 'user', 1, 0, 0, 1, 1, '["vm-1"]', 3, 'N7v2hJ3kP0qR', 0);`,
    );
    applyMigrations(path, (name) => name >= '0008');
    const sqlite = new Database(path);
    const columns = (sqlite.prepare('SELECT name FROM pragma_table_info(\'Vdi\')').all() as { name: string }[]).map((c) => c.name);
    sqlite.close();
    expect(columns).not.toContain('ref');
    const db = openDb(`file:${path}`);
    try {
      expect(await db.vdi.findFirstOrThrow()).toMatchObject({ uuid: 'v', nameLabel: 'disk', vmUuids: '["vm-1"]', chainLength: 3, rowHash: 'N7v2hJ3kP0qR' });
    } finally {
      await db.$disconnect();
    }
  });
});

describe('0009_gc_lines_text_only', () => {
  it('keeps every GC line and event without the kind and size columns, which readers take from the text', async () => {
    writeOld(
      '0009',
      `INSERT INTO "Pool" ("name", "url", "updatedAt") VALUES ('p', 'u', 0);
       INSERT INTO "Host" ("poolId", "uuid", "ref", "nameLabel", "address", "isMaster", "enabled", "updatedAt") VALUES (1, 'h', 'r', 'rigel', 'a', 1, 1, 0);
       INSERT INTO "GcLine" ("id", "hash", "kind", "message", "srUuid", "sizeBytes")
         VALUES (1, 12345, 'gc-start', '=== SR 6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c: gc ===', '6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c', NULL),
                (2, 67890, 'coalesced-size', 'Coalesced size = 1.000G', NULL, 1073741824);
       INSERT INTO "GcEvent" ("poolId", "hostId", "lineId", "at", "pid") VALUES (1, 1, 1, 1000, 628), (1, 1, 2, 2000, 628), (1, 1, 2, 3000, 628);`,
    );
    applyMigrations(path, (name) => name >= '0009');
    const sqlite = new Database(path);
    const columns = (sqlite.prepare("SELECT name FROM pragma_table_info('GcLine')").all() as { name: string }[]).map((c) => c.name);
    sqlite.close();
    expect(columns).toEqual(['id', 'hash', 'message', 'srUuid']);
    const db = openDb(`file:${path}`);
    try {
      const lines = await db.gcLine.findMany({ orderBy: { id: 'asc' } });
      expect(lines).toEqual([
        { id: 1, hash: null, message: '=== SR 6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c: gc ===', srUuid: '6e3c29f4-6c56-4a3e-8c7b-0d1e2f3a4b5c' },
        { id: 2, hash: null, message: 'Coalesced size = 1.000G', srUuid: null },
      ]);
      expect((await db.gcEvent.findMany({ orderBy: { id: 'asc' } })).map((e) => [e.lineId, e.at.getTime()])).toEqual([
        [1, 1000],
        [2, 2000],
        [2, 3000],
      ]);
      // A line read again after the upgrade is not a new event.
      const again = { kind: 'coalesced-size' as const, atMs: 3000, host: 'rigel', ident: 'SMGC', pid: 628, line: 1, message: 'Coalesced size = 1.000G', vdis: [], sizeBytes: 2 ** 30 };
      expect(await storeGcEvents(db, 1, 1, [again])).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});

describe('0011_snapshot_keys_narrower', () => {
  it('keeps every xo:backup key of a snapshot, the VM key naming its own VM as a flag', async () => {
    const rows = [
      ['own', { 'xo:backup:datetime': '20261212T023419Z', 'xo:backup:vm': 'vm-1', 'xo:backup:x': "it's" }],
      ['other', { 'xo:backup:vm': 'vm-2' }],
      ['none', { 'xo:backup:datetime': '20261212T023419Z' }],
      ['hand', {}],
    ] as const;
    writeOld(
      '0011',
      `INSERT INTO "Pool" ("name", "url", "updatedAt") VALUES ('p', 'u', 0);
       INSERT INTO "VmSnapshot" ("poolId", "vmUuid", "snapshotUuid", "nameLabel", "xoBackupJob", "xoBackupSchedule", "xoBackup", "firstSeenAt") VALUES
       ${rows.map(([uuid, keys]) => `(1, 'vm-1', '${uuid}', 'n', 'job', NULL, '${JSON.stringify(keys).replace(/'/g, "''")}', 0)`).join(',\n')};
       INSERT INTO "VmSnapshot" ("poolId", "vmUuid", "snapshotUuid", "nameLabel", "xoBackupJob", "xoBackupSchedule", "xoBackup", "firstSeenAt")
         VALUES (1, 'vm-1', 'broken', 'n', NULL, NULL, 'not json', 0);`,
    );
    applyMigrations(path, (name) => name >= '0011');
    const db = openDb(`file:${path}`);
    try {
      const stored = new Map((await db.vmSnapshot.findMany()).map((row) => [row.snapshotUuid, row]));
      for (const [uuid, keys] of rows) {
        const row = stored.get(uuid)!;
        expect(xoBackupOf(row, JSON.parse(row.xoBackup))).toEqual({ ...keys, 'xo:backup:job': 'job' });
      }
      expect(stored.get('own')).toMatchObject({ xoBackupVmIsOwn: true, xoBackup: `{"datetime":"20261212T023419Z","x":"it's"}` });
      expect(stored.get('other')).toMatchObject({ xoBackupVmIsOwn: false, xoBackup: '{"vm":"vm-2"}' });
      expect(stored.get('broken')).toMatchObject({ xoBackupVmIsOwn: false, xoBackup: 'not json' });
    } finally {
      await db.$disconnect();
    }
  });
});

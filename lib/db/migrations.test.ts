// Upgrades: a database written by an older schema keeps its data through the newer migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from './client';
import { applyMigrations } from './test-db';

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

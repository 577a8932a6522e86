/**
 * A migrated throwaway SQLite database for tests: the migration SQL files are applied
 * directly with better-sqlite3 (milliseconds, no Prisma CLI), then a Prisma client opens it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openDb, type Db } from './client';

const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export interface TestDb {
  db: Db;
  url: string;
  path: string;
  /** Disconnects and deletes the file. */
  close(): Promise<void>;
}

/** Prisma's own bookkeeping table, so `prisma migrate deploy` sees these migrations as applied. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies every `prisma/migrations/<name>/migration.sql`, in name order, to the SQLite file at
 * `path`; with `only`, the migrations it accepts (a test of an upgrade stops at an old one).
 */
export function applyMigrations(path: string, only: (name: string) => boolean = () => true): void {
  const sqlite = new Database(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(MIGRATIONS_TABLE);
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .filter(only)
      .sort();
    const record = sqlite.prepare(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES (?, ?, current_timestamp, ?, 1)`,
    );
    for (const name of names) {
      const sql = readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8');
      sqlite.exec(sql);
      record.run(randomUUID(), createHash('sha256').update(sql).digest('hex'), name);
    }
  } finally {
    sqlite.close();
  }
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'chainwatch-test-'));
  const path = join(dir, 'test.db');
  applyMigrations(path);
  const url = `file:${path}`;
  const db = openDb(url);
  return {
    db,
    url,
    path,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh test database holding one watched pool: what a test of the history stores starts from. */
export async function createTestDbWithPool(): Promise<{ t: TestDb; poolId: number }> {
  const t = await createTestDb();
  return { t, poolId: (await createTestPool(t.db)).id };
}

/** A watched pool row for tests that need one (no collector behind it). */
export async function createTestPool(db: Db, name = 'prod', data: { lastRunAt?: Date } = {}): Promise<{ id: number }> {
  return db.pool.create({ data: { name, url: `https://${name}.example`, ...data }, select: { id: true } });
}

/** A full collection run of `poolId` that started and ended at `at`, with nothing in it: a row retention can age out. */
export function emptyRunData(poolId: number, at: Date, outcome: 'ok' | 'failed' = 'ok') {
  return { poolId, kind: 'full', startedAt: at, finishedAt: at, outcome, sshStatus: 'ok', srsRebuilt: 0, vdis: 0, chainChanges: 0, xapiMs: 0, sshMs: 0, writeMs: 0, totalMs: 0 };
}

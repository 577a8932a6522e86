/**
 * A migrated throwaway SQLite database for tests: the migration SQL files are applied
 * directly with better-sqlite3 (milliseconds, no Prisma CLI), then a Prisma client opens it.
 */
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

/** Applies every `prisma/migrations/<name>/migration.sql`, in name order, to the SQLite file at `path`. */
export function applyMigrations(path: string): void {
  const sqlite = new Database(path);
  try {
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const name of names) sqlite.exec(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'));
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

/**
 * Makes sure the SQLite database named by DATABASE_URL exists and is migrated before a CLI
 * command writes to it: when it has no migration table, `scripts/setup.mjs` (Prisma's
 * `migrate deploy`) runs first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sqliteFilePath } from './database-url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function isMigrated(path: string): boolean {
  if (!existsSync(path)) return false;
  const sqlite = new Database(path, { readonly: true });
  try {
    return sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() !== undefined;
  } finally {
    sqlite.close();
  }
}

export function ensureMigrated(databaseUrl: string): void {
  if (isMigrated(resolve(sqliteFilePath(databaseUrl)))) return;
  const result = spawnSync(process.execPath, [resolve(ROOT, 'scripts/setup.mjs')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`cannot prepare the database ${databaseUrl}: run \`npm run setup\` (${(result.stderr || result.stdout).trim().split('\n').pop()})`);
  }
}

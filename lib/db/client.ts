// One Prisma client per process, kept on globalThis so Next's hot reload does not open
// a new SQLite handle on every edit.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client';
import { sqliteFilePath } from './database-url';

export type Db = PrismaClient;

const holder = globalThis as unknown as { chainwatchDb?: PrismaClient };

/** Opens a client on `databaseUrl` (default: DATABASE_URL, else ./data/chainwatch.db). */
export function openDb(databaseUrl: string | undefined = process.env.DATABASE_URL): PrismaClient {
  const path = sqliteFilePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // WAL lets the dashboard read while the collector writes.
  const adapter = new PrismaBetterSQLite3({ url: path });
  return new PrismaClient({ adapter });
}

/** The process-wide client. */
export function db(): PrismaClient {
  holder.chainwatchDb ??= openDb();
  return holder.chainwatchDb;
}

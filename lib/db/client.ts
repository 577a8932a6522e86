// One Prisma client per process, kept on globalThis so Next's hot reload does not open
// a new SQLite handle on every edit.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { registerSqliteClient } from './bulk-insert';
import { withTurns } from './connection-gate';
import { PrismaClient } from './generated/client';
import { sqliteFilePath } from './database-url';

export type Db = PrismaClient;

/** How DateTime columns are stored in SQLite (migration 0003 converted older ISO text). */
export const TIMESTAMP_FORMAT = 'unixepoch-ms';

const holder = globalThis as unknown as { chainwatchDb?: PrismaClient };

/** The adapter factory, remembering the better-sqlite3 connection it opened (for bulk inserts). */
class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  database: BetterSqlite3.Database | undefined;

  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    this.database = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    // A statement that may fail halfway (a multi-row INSERT under a unique index) keeps a
    // statement journal to undo itself; SQLite puts it in a temporary file by default. In
    // memory, a first sync's 20,000 VDI rows insert in about half the time (~80 ms instead of
    // ~150 ms on this project's 2-core machine). It holds one statement's changes at a time.
    this.database?.pragma('temp_store = MEMORY');
    // Statements outside a transaction wait for it to end (see connection-gate.ts).
    return withTurns(adapter);
  }
}

/** Opens a client on `databaseUrl` (default: DATABASE_URL, else ./data/chainwatch.db). */
export function openDb(databaseUrl: string | undefined = process.env.DATABASE_URL): PrismaClient {
  const path = sqliteFilePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // WAL lets the dashboard read while the collector writes. Times are stored as epoch
  // milliseconds (an integer of 6 bytes instead of 29 characters of ISO text).
  const adapter = new SqliteAdapterFactory({ url: path }, { timestampFormat: TIMESTAMP_FORMAT });
  const client = new PrismaClient({ adapter });
  registerSqliteClient(client, () => adapter.database);
  return client;
}

/** The process-wide client. */
export function db(): PrismaClient {
  holder.chainwatchDb ??= openDb();
  return holder.chainwatchDb;
}

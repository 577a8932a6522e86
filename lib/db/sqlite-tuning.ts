/**
 * Write-ahead logging for the SQLite file: the dashboard reads while the collector writes,
 * and a commit costs one sync instead of two. The mode is stored in the file, so setting it
 * once from any connection is enough.
 */
import type { Db } from './client';

export async function enableWriteAheadLog(db: Db): Promise<void> {
  try {
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  } catch {
    // Not SQLite, or a read-only file: nothing to tune.
  }
}

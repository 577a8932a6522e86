/** Where the SQLite database lives when DATABASE_URL does not say: a file in ./data. */
export const DEFAULT_DATABASE_URL = 'file:./data/chainwatch.db';

/** `file:./data/x.db` → `./data/x.db`; rejects URLs that are not SQLite files. */
export function sqliteFilePath(databaseUrl: string | undefined): string {
  const url = databaseUrl && databaseUrl.trim() !== '' ? databaseUrl.trim() : DEFAULT_DATABASE_URL;
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite file URL like ${DEFAULT_DATABASE_URL} (got a URL with another scheme)`);
  }
  const path = url.slice('file:'.length).split('?')[0];
  if (path === '') throw new Error(`DATABASE_URL names no file: use ${DEFAULT_DATABASE_URL}`);
  return path;
}

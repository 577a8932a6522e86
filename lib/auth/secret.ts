// The key that signs session cookies: CHAINWATCH_SECRET, else a random key kept beside the
// database (created once, readable by its owner only).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sqliteFilePath } from '../db/database-url';

let cached: Buffer | null = null;

export function sessionSecret(): Buffer {
  if (cached) return cached;
  const fromEnv = process.env.CHAINWATCH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return (cached = Buffer.from(fromEnv));
  const file = join(dirname(sqliteFilePath(process.env.DATABASE_URL)), 'session-secret.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process (the collector, a second server) created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return (cached = Buffer.from(readFileSync(file, 'utf8').trim()));
}

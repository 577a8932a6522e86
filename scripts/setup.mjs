#!/usr/bin/env node
// Everything a fresh clone needs before the dashboard or the tests run: the data folder,
// the generated Prisma client and the migrations. Safe to run again (it is fast then).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const databaseUrl = process.env.DATABASE_URL || 'file:./data/chainwatch.db';
if (!databaseUrl.startsWith('file:')) {
  console.error(`setup: DATABASE_URL must be a SQLite file URL (file:./data/chainwatch.db); got another scheme.`);
  process.exit(2);
}
mkdirSync(dirname(resolve(root, databaseUrl.slice('file:'.length).split('?')[0])), { recursive: true });

function prisma(args) {
  const r = spawnSync(process.execPath, [resolve(root, 'node_modules/prisma/build/index.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    console.error(`setup: prisma ${args[0]} failed (exit ${r.status}).`);
    process.exit(1);
  }
}

// Regenerate the client only when the schema is newer than it.
const generated = resolve(root, 'lib/db/generated/client.ts');
const schema = resolve(root, 'prisma/schema.prisma');
if (!existsSync(generated) || statSync(generated).mtimeMs < statSync(schema).mtimeMs) {
  prisma(['generate']);
  console.log('setup: Prisma client generated');
}
prisma(['migrate', 'deploy']);
console.log(`setup: database ready (${databaseUrl})`);

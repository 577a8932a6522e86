#!/usr/bin/env node
// `npm start`: set up the database, build the dashboard when the sources are newer than the
// last build, then serve it. With no pool configured it watches the built-in simulated pool.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from './server-node-flags.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'generated' || entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

run(['scripts/setup.mjs']);
const buildId = join(root, '.next', 'BUILD_ID');
const sources = ['app', 'lib', 'public', 'instrumentation.ts', 'next.config.js', 'package.json', 'prisma/schema.prisma'];
const sourcesMtime = Math.max(...sources.map((s) => newestMtime(join(root, s))));
if (!existsSync(buildId) || statSync(buildId).mtimeMs < sourcesMtime) {
  console.log('start: building the dashboard (next build), about a minute...');
  run(['node_modules/next/dist/bin/next', 'build']);
}
const port = process.env.PORT || '3000';
const hostname = process.env.HOSTNAME_BIND || '127.0.0.1';
console.log(`start: Chainwatch on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
run([...serverNodeFlags(), 'node_modules/next/dist/bin/next', 'start', '-p', port, '-H', hostname]);

#!/usr/bin/env node
// `npm test`: every test — unit and integration (Vitest), then end-to-end (Playwright on a
// production build). Sets up what it needs (Prisma client, migrations, a Chromium) first,
// and ends with one line "N passed, N failed" summing both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './find-chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
// Not test-results/: Playwright empties that folder when it starts.
const results = resolve(root, '.test-summary');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };

function step(name, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, ...extraEnv } });
  return r.status === 0;
}

const node = process.execPath;
if (!step('setup', node, ['scripts/setup.mjs'])) process.exit(1);

const unitOk = step('unit and integration tests (vitest)', node, [
  'node_modules/vitest/vitest.mjs', 'run',
  '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`,
]);

let e2eOk = false;
const chromium = ensureChromium();
if (chromium === null) {
  console.error('test: no Chromium found or installable: set CHROMIUM_PATH to a Chromium binary.');
} else {
  const browserEnv = chromium ? { CHROMIUM_PATH: chromium } : {};
  e2eOk =
    step('build (next build)', node, ['node_modules/next/dist/bin/next', 'build']) &&
    step('end-to-end tests (playwright)', node, ['node_modules/@playwright/test/cli.js', 'test'], {
      ...browserEnv,
      PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json`,
    });
}

const unit = counts(`${results}/vitest.json`, (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: j.numFailedTests ?? 0,
  skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
}));
const e2e = counts(`${results}/playwright.json`, (j) => ({
  passed: j.stats?.expected ?? 0,
  failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0),
  skipped: j.stats?.skipped ?? 0,
}));
const passed = unit.passed + e2e.passed;
// A runner that failed without a failing test (a file that did not load, a build error) counts once.
const crashed = (!unitOk && unit.failed === 0 ? 1 : 0) + (!e2eOk && e2e.failed === 0 ? 1 : 0);
const failed = unit.failed + e2e.failed + crashed;
console.log(`\nvitest: ${unit.passed} passed, ${unit.failed} failed; playwright: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${passed} passed, ${failed} failed, ${unit.skipped + e2e.skipped} skipped`);
process.exit(unitOk && e2eOk && failed === 0 ? 0 : 1);

function counts(file, pick) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  try {
    return pick(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

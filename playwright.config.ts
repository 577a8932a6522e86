import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real server, on a throwaway data folder, watching the built-in simulated pool.
const dataDir = mkdtempSync(join(tmpdir(), 'chainwatch-e2e-'));
const port = Number(process.env.E2E_PORT ?? 3107);
/** A second server on an empty database with no account and no demo: the first-run page. */
export const FIRST_RUN_PORT = port + 1;
const firstRunDir = mkdtempSync(join(tmpdir(), 'chainwatch-e2e-first-run-'));
export const E2E_USER = 'admin';
export const E2E_PASSWORD = 'e2e-password-not-secret';

/** The production server (`next build` first) on `port`, with its database in `dir`. */
function dashboard(port: number, dir: string, env: Record<string, string>) {
  return {
    command: `node scripts/setup.mjs && node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { DATABASE_URL: `file:${join(dir, 'chainwatch.db')}`, NEXT_TELEMETRY_DISABLED: '1', ...env },
  };
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    { name: 'phone', use: { ...devices['Pixel 7'] } },
  ],
  webServer: [
    dashboard(port, dataDir, { CHAINWATCH_ADMIN_USER: E2E_USER, CHAINWATCH_ADMIN_PASSWORD: E2E_PASSWORD }),
    dashboard(FIRST_RUN_PORT, firstRunDir, { CHAINWATCH_ADMIN_USER: '', CHAINWATCH_ADMIN_PASSWORD: '', CHAINWATCH_DEMO: '0' }),
  ],
});

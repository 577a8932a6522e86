// Finds a Chromium for Playwright: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
// Playwright's own download. Installs Debian's package when we are root and have apt
// (as on CI), else tries `playwright install chromium` (machines with internet).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function found() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function run(cmd, args) {
  console.log(`test: ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}

export function ensureChromium() {
  const existing = found();
  if (existing) return existing;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
    const installed = found();
    if (installed) return installed;
  }
  // Playwright's own browser: its path is known to Playwright, so no executablePath is needed.
  if (run(process.execPath, ['node_modules/@playwright/test/cli.js', 'install', 'chromium'])) return '';
  return null;
}

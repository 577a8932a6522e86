/** The ssh2 shell against the simulator's SSH server: pinning, caps, timeouts, exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smlogSizeCommand, smlogTailCommand } from '../simulator/host-commands';
import { startSimulator, type RunningSimulator } from '../simulator/run';
import { openHostShell, SshError, type SshTarget } from './host-shell';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ scenarios: ['healthy'], speed: 0 });
  sim.world.advance(24 * 3_600_000);
});
afterAll(async () => sim.stop());

const target = (overrides: Partial<SshTarget> = {}): SshTarget => ({
  label: 'host h1 (127.0.0.1)',
  host: '127.0.0.1',
  port: sim.sshPort,
  username: sim.user,
  password: sim.password,
  pinnedHostKey: null,
  connectTimeoutMs: 5_000,
  ...overrides,
});

describe('openHostShell', () => {
  it('runs a command, reports its exit code, and caps or refuses output beyond the limit', async () => {
    const shell = await openHostShell(target());
    try {
      const size = await shell.exec(smlogSizeCommand(), { timeoutMs: 5_000, maxBytes: 64 });
      expect(size.exitCode).toBe(0);
      expect(Number(size.stdout.toString())).toBeGreaterThan(100);
      const cut = await shell.exec(smlogTailCommand(0), { timeoutMs: 5_000, maxBytes: 100, truncate: true });
      expect(cut).toMatchObject({ truncated: true, exitCode: null });
      expect(cut.stdout.length).toBe(100);
      await expect(shell.exec(smlogTailCommand(0), { timeoutMs: 5_000, maxBytes: 100 })).rejects.toMatchObject({ kind: 'output' });
      const refused = await shell.exec('cat /etc/shadow', { timeoutMs: 5_000, maxBytes: 1_000 });
      expect(refused.exitCode).not.toBe(0);
    } finally {
      shell.close();
    }
  });

  it('runs many commands at once on one connection, within the session limit sshd enforces', async () => {
    const shell = await openHostShell(target());
    try {
      const results = await Promise.all(Array.from({ length: 30 }, () => shell.exec(smlogSizeCommand(), { timeoutMs: 5_000, maxBytes: 64 })));
      expect(results.map((r) => r.exitCode)).toEqual(Array(30).fill(0));
    } finally {
      shell.close();
    }
  });

  it('pins on first use and refuses a different key', async () => {
    const first = await openHostShell(target());
    first.close();
    expect(first.hostKey).toMatch(/^SHA256:/);
    const again = await openHostShell(target({ pinnedHostKey: first.hostKey }));
    again.close();
    const error = await openHostShell(target({ pinnedHostKey: 'SHA256:somebody-else' })).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SshError);
    expect(error).toMatchObject({ kind: 'host-key' });
    expect((error as Error).message).toMatch(/SSH host key of host h1 \(127\.0\.0\.1\) changed/);
  });

  it('says which login failed, without the password', async () => {
    const error = (await openHostShell(target({ password: 'not-it-42' })).catch((err: unknown) => err)) as SshError;
    expect(error).toMatchObject({ kind: 'auth', message: 'SSH login to host h1 (127.0.0.1) failed: check the SSH user and password or key' });
    expect(error.message).not.toContain('not-it-42');
  });
});

import { describe, expect, it } from 'vitest';
import { runSimulate } from './cli';
import { startSimulator } from './run';
import { createTestWorld, waitFor } from './test-world';
import { rpc } from './xapi-test-helpers';

function bufferIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (chunk: string) => out.push(chunk) }, stderr: { write: (chunk: string) => err.push(chunk) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const knownScenarios = async () => ['healthy', 'slow-sr'];

describe('runSimulate', () => {
  it('prints one JSON line to reach the pool, serves it, and exits 0 when told to stop', async () => {
    const { io, stdout } = bufferIo();
    let stop = (): void => undefined;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const exitCode = runSimulate(['--scenario', 'healthy,slow-sr', '--speed', '60'], io, {
      knownScenarios,
      stopSignal,
      start: (options) => startSimulator({ ...options, world: createTestWorld({ hostCount: 2 }) }),
    });
    await waitFor(() => stdout().includes('\n'), 'the JSON line');
    const lines = stdout().split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const info = JSON.parse(lines[0]);
    expect(Object.keys(info)).toEqual(['xapiUrl', 'user', 'password', 'sshPort', 'scenarios', 'hosts']);
    expect(info).toMatchObject({ user: 'root', password: 'password', scenarios: ['healthy', 'slow-sr'] });
    expect(info.hosts.map((host: { address: string }) => host.address)).toEqual(['127.0.0.1', '127.0.0.2']);
    const loggedIn = await rpc(info.xapiUrl, 'session.login_with_password', [info.user, info.password]);
    expect(loggedIn.body!.result).toMatch(/^OpaqueRef:/);
    stop();
    expect(await exitCode).toBe(0);
    await expect(rpc(info.xapiUrl, 'system.listMethods', [])).rejects.toThrow();
  });

  it('lists the known scenarios when given an unknown one', async () => {
    const { io } = bufferIo();
    await expect(runSimulate(['--scenario', 'healthy,nope'], io, { knownScenarios })).rejects.toMatchObject({
      exitCode: 2,
      message: 'unknown scenario "nope"; known scenarios: healthy, slow-sr',
    });
  });

  it('checks the scenarios of CHAINWATCH_SCENARIOS as it checks the flag’s', async () => {
    const { io } = bufferIo();
    await expect(runSimulate([], io, { knownScenarios, env: { CHAINWATCH_SCENARIOS: 'slow-sr,nope' } })).rejects.toMatchObject({
      exitCode: 2,
      message: 'unknown scenario "nope"; known scenarios: healthy, slow-sr',
    });
  });

  it('prints the usage for --help', async () => {
    const { io, stdout } = bufferIo();
    expect(await runSimulate(['--help'], io, { knownScenarios })).toBe(0);
    expect(stdout()).toContain('Usage: chainwatch simulate --scenario NAME');
  });
});

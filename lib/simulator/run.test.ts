import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSimulator } from './run';
import { createTestWorld, waitFor } from './test-world';
import { rpc } from './xapi-test-helpers';

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startSimulator', () => {
  it('serves XAPI on the master and SSH on every host, and stops both', async () => {
    const world = createTestWorld({ hostCount: 2, masterIndex: 1 });
    const simulator = await startSimulator({ scenarios: [], world, speed: 0 });
    expect(simulator.xapiUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(simulator).toMatchObject({ user: 'root', password: 'password', hosts: world.hosts() });
    expect((await rpc(simulator.xapiUrl, 'session.login_with_password', ['root', 'password'])).body!.result).toMatch(/^OpaqueRef:/);
    expect(await canConnect('127.0.0.1', simulator.sshPort)).toBe(true);
    expect(await canConnect('127.0.0.2', simulator.sshPort)).toBe(true);
    await Promise.all([simulator.stop(), simulator.stop()]);
    expect(await canConnect('127.0.0.2', simulator.sshPort)).toBe(false);
    await expect(rpc(simulator.xapiUrl, 'system.listMethods', [])).rejects.toThrow();
  });

  it('moves simulated time forward at the given speed', async () => {
    const world = createTestWorld();
    const startMs = world.nowMs();
    const simulator = await startSimulator({ scenarios: [], world, speed: 3600, tickMs: 10 });
    await waitFor(() => world.nowMs() - startMs > 60_000, 'a simulated minute to pass');
    await simulator.stop();
    const stoppedAtMs = world.nowMs();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(world.nowMs()).toBe(stoppedAtMs);
  });

  it('keeps the clock running when the world fails to advance', async () => {
    const world = createTestWorld();
    const failures: unknown[] = [];
    let calls = 0;
    world.advance = () => {
      calls += 1;
      if (calls === 1) throw new Error('model bug');
    };
    const simulator = await startSimulator({ scenarios: [], world, tickMs: 5, onClockError: (error) => failures.push(error) });
    await waitFor(() => calls >= 3, 'more ticks after the failure');
    await simulator.stop();
    expect(failures).toHaveLength(1);
  });

  it('refuses a negative speed', async () => {
    await expect(startSimulator({ scenarios: [], world: createTestWorld(), speed: -1 })).rejects.toThrow(/speed/);
  });
});

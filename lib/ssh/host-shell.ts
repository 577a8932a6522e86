/**
 * A read-only shell on one host: an ssh2 connection that only runs `exec` with the commands
 * the collector builds, each with a timeout and a cap on its output.
 */
import { Client, type ConnectConfig } from 'ssh2';
import { checkHostKey, hostKeyFingerprint } from './host-key';

export interface SshTarget {
  /** Shown in errors: the host's name and address. */
  label: string;
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: Buffer;
  /** The pinned host key fingerprint, null to pin on this first use. */
  pinnedHostKey: string | null;
  connectTimeoutMs: number;
}

export interface ExecOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Keep the first `maxBytes` and stop reading instead of failing (a log tail). */
  truncate?: boolean;
}

export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  /** null when the command was stopped (output cap) or died on a signal. */
  exitCode: number | null;
  truncated: boolean;
}

export interface HostShell {
  /** The host key fingerprint the host showed (to pin when none was). */
  readonly hostKey: string;
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
  close(): void;
}

export class SshError extends Error {
  constructor(
    readonly kind: 'auth' | 'host-key' | 'unreachable' | 'timeout' | 'output' | 'other',
    message: string,
  ) {
    super(message);
  }
}

const STDERR_KEEP_BYTES = 4096;

function describeConnectError(err: Error & { level?: string; code?: string }, target: SshTarget): SshError {
  if (err.level === 'client-authentication') {
    return new SshError('auth', `SSH login to ${target.label} failed: check the SSH user and password or key`);
  }
  if (err.level === 'client-timeout' || /timed out/i.test(err.message)) {
    return new SshError('timeout', `SSH to ${target.label} timed out`);
  }
  if (err.code !== undefined) return new SshError('unreachable', `Cannot reach SSH on ${target.label} (${err.code})`);
  return new SshError('other', `SSH to ${target.label} failed: ${err.message}`);
}

/**
 * Commands run at once on one connection. Each is an SSH session, and sshd refuses sessions
 * beyond its `MaxSessions` (10 by default) on a connection: the rest wait their turn.
 */
export const SESSIONS_PER_CONNECTION = 8;

class Ssh2Shell implements HostShell {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly client: Client,
    private readonly target: SshTarget,
    readonly hostKey: string,
  ) {}

  async exec(command: string, options: ExecOptions): Promise<ExecResult> {
    if (this.running < SESSIONS_PER_CONNECTION) this.running++;
    // A finished command hands its session slot straight to the next one waiting.
    else await new Promise<void>((takeSlot) => this.waiting.push(takeSlot));
    try {
      return await this.execNow(command, options);
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.running--;
    }
  }

  private execNow(command: string, options: ExecOptions): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let exitCode: number | null = null;
      let truncated = false;
      let settled = false;
      const finish = (error: SshError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error !== null) reject(error);
        else resolve({ stdout: Buffer.concat(chunks), stderr, exitCode: truncated ? null : exitCode, truncated });
      };
      const timer = setTimeout(() => {
        finish(new SshError('timeout', `${command.split(' ')[0]} on ${this.target.label} took longer than ${options.timeoutMs} ms`));
        this.client.end();
      }, options.timeoutMs);
      this.client.exec(command, (err, stream) => {
        if (err) return finish(new SshError('other', `SSH exec on ${this.target.label} failed: ${err.message}`));
        stream.on('data', (chunk: Buffer) => {
          if (truncated || settled) return;
          if (size + chunk.length > options.maxBytes) {
            if (!options.truncate) {
              finish(new SshError('output', `${command.split(' ')[0]} on ${this.target.label} printed more than ${options.maxBytes} bytes`));
              stream.close();
              return;
            }
            chunks.push(chunk.subarray(0, options.maxBytes - size));
            size = options.maxBytes;
            truncated = true;
            stream.close();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        stream.stderr.on('data', (chunk: Buffer) => {
          if (stderr.length < STDERR_KEEP_BYTES) stderr += chunk.toString('utf8').slice(0, STDERR_KEEP_BYTES - stderr.length);
        });
        stream.on('exit', (code: number | null) => {
          exitCode = typeof code === 'number' ? code : null;
        });
        stream.on('close', () => finish(null));
      });
    });
  }

  close(): void {
    this.client.end();
  }
}

/** Connects and authenticates, refusing a host key that differs from the pinned one. */
export function openHostShell(target: SshTarget): Promise<HostShell> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seenKey = '';
    let refusal: string | null = null;
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: target.connectTimeoutMs,
      hostVerifier: (key: Buffer) => {
        seenKey = hostKeyFingerprint(key);
        const decision = checkHostKey(target.pinnedHostKey, seenKey, target.label);
        if (!decision.accept) refusal = decision.reason;
        return decision.accept;
      },
    };
    if (target.privateKey !== undefined) config.privateKey = target.privateKey;
    if (target.password !== undefined) config.password = target.password;
    client.on('ready', () => {
      // Commands are short request/answer exchanges: Nagle's delay would add ~40 ms to each.
      client.setNoDelay(true);
      resolve(new Ssh2Shell(client, target, seenKey));
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      client.end();
      reject(refusal !== null ? new SshError('host-key', refusal) : describeConnectError(err, target));
    });
    client.connect(config);
  });
}

/** Configured pools → what a PoolCollector needs (SSH defaults filled in, the key file read). */
import { readFileSync } from 'node:fs';
import type { PoolConfig } from '../config';
import { DEFAULT_HOST_READ_LIMITS } from './host-reads';
import type { PoolTarget } from './types';
import type { SshSettings } from './ssh-collection';

export const SSH_DEFAULT_PORT = 22;
const SSH_CONNECT_TIMEOUT_MS = 15_000;

export interface SshChoice {
  user?: string;
  password?: string;
  privateKeyPath?: string;
  port?: number;
}

/**
 * SSH as XCP-ng hosts come: root with the same password as XAPI, port 22. A key replaces the
 * XAPI password; an SSH password replaces both.
 */
export function sshSettings(pool: { name: string; user: string; password: string }, choice: SshChoice): SshSettings {
  let privateKey: Buffer | undefined;
  if (choice.privateKeyPath !== undefined) {
    try {
      privateKey = readFileSync(choice.privateKeyPath);
    } catch (err) {
      throw new Error(`Pool ${pool.name}: cannot read the SSH key ${choice.privateKeyPath} (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
    }
  }
  return {
    user: choice.user ?? pool.user,
    password: choice.password ?? (privateKey === undefined ? pool.password : undefined),
    privateKey,
    port: choice.port ?? SSH_DEFAULT_PORT,
    connectTimeoutMs: SSH_CONNECT_TIMEOUT_MS,
    limits: DEFAULT_HOST_READ_LIMITS,
  };
}

export function poolTarget(pool: PoolConfig): PoolTarget {
  return {
    name: pool.name,
    url: pool.url,
    user: pool.user,
    password: pool.password,
    demo: false,
    ssh: pool.ssh === undefined ? null : sshSettings(pool, pool.ssh),
  };
}

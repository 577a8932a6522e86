/** The shapes shared by the collector's parts: what a pool is, how to collect, what a step says. */
import type { Db } from '../db/client';
import type { RunKind } from '../db/collection-runs';
import type { HostShell, SshTarget } from '../ssh/host-shell';
import type { XapiConnectOptions, XapiSession } from '../xapi/session';
import type { Clock, Logger } from './clock';
import type { SshSettings } from './ssh-collection';

export interface PoolTarget {
  name: string;
  url: string;
  user: string;
  password: string;
  demo: boolean;
  /** null: XAPI only. */
  ssh: SshSettings | null;
}

export interface CollectorSettings {
  collectIntervalMs: number;
  /** Time between SSH reads (scans, SMlog, speed logs); full collections in between use XAPI alone. */
  sshIntervalMs?: number;
  callTimeoutMs: number;
  /** Longest single event.from wait. */
  eventWaitMs: number;
  tolerance: number;
}

export interface PoolCollectorDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  connect?: (options: XapiConnectOptions) => Promise<XapiSession>;
  openShell?: (target: SshTarget) => Promise<HostShell>;
}

export interface CollectionSummary {
  outcome: 'ok' | 'partial';
  srs: number;
  vdis: number;
  chains: number;
  maxChainLength: number;
  errors: string[];
}

export type StepResult = { ok: true; kind: RunKind } | { ok: false; kind: RunKind; error: string; reconnectNow: boolean };

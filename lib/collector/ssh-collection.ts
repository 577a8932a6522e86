/**
 * The SSH part of a full collection. Every host: the SMlog written since the last read (the
 * GC of an SR logs on the host that runs it: the master for shared SRs, the owner for local
 * ones). Plus, on the host that holds each SR (the master for shared SRs), its scan and
 * speed_log. A host that cannot be reached or refuses the login is reported; when it is the
 * master, SSH is "unavailable" for the run and the collection carries on with XAPI alone.
 */
import { recordsFromScan } from '../chains/from-scan';
import type { VhdRecord } from '../chains/types';
import { speedLogLines } from '../db/speed-log-lines';
import type { HostShell, SshTarget } from '../ssh/host-shell';
import { parseScan } from '../vhd/scan-parser';
import { parseSmlog } from '../vhd/smlog-parser';
import type { SmlogEvent } from '../vhd/types';
import { SPEED_LOGS_PER_COMMAND } from '../simulator/host-commands';
import { eachLimited } from './each-limited';
import { readScan, readSmlogSince, readSpeedLogs, type HostReadLimits } from './host-reads';

export interface SshSettings {
  user: string;
  password?: string;
  privateKey?: Buffer;
  port: number;
  connectTimeoutMs: number;
  limits: HostReadLimits;
}

export interface HostPlan {
  uuid: string;
  nameLabel: string;
  address: string;
  isMaster: boolean;
  /** SRs to scan and read the speed_log of on this host. */
  srs: { uuid: string; type: string }[];
  pinnedHostKey: string | null;
  smlogOffsetBytes: number | null;
}

export interface HostSshResult {
  hostUuid: string;
  reached: boolean;
  /** The host key to pin (first use). */
  newHostKey: string | null;
  smlog: { events: SmlogEvent[]; nextOffsetBytes: number; rotated: boolean } | null;
}

export interface SshPhaseResult {
  /** `unavailable` when the master could not be reached. */
  status: 'ok' | 'unavailable';
  errors: string[];
  hosts: HostSshResult[];
  scans: Map<string, VhdRecord[]>;
  speedLogs: Map<string, string[]>;
}

/** Hosts visited at once. */
const HOST_CONCURRENCY = 4;
/** Scans asked for at once on one host (the shell runs at most SESSIONS_PER_CONNECTION commands at once). */
const SR_CONCURRENCY = 8;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function visitHost(
  openShell: (target: SshTarget) => Promise<HostShell>,
  settings: SshSettings,
  poolName: string,
  host: HostPlan,
  nowMs: number,
  out: SshPhaseResult,
): Promise<HostSshResult> {
  const result: HostSshResult = { hostUuid: host.uuid, reached: false, newHostKey: null, smlog: null };
  const label = `host ${host.nameLabel || host.uuid} (${host.address}) of pool ${poolName}`;
  let shell: HostShell;
  try {
    shell = await openShell({
      label,
      host: host.address,
      port: settings.port,
      username: settings.user,
      password: settings.password,
      privateKey: settings.privateKey,
      pinnedHostKey: host.pinnedHostKey,
      connectTimeoutMs: settings.connectTimeoutMs,
    });
  } catch (err) {
    out.errors.push(message(err));
    return result;
  }
  result.reached = true;
  try {
    if (host.pinnedHostKey === null) result.newHostKey = shell.hostKey;
    const limits = settings.limits;
    // Each exec is a round trip: run them side by side on the one connection.
    const scanReads = eachLimited(host.srs, SR_CONCURRENCY, async (sr) => {
      try {
        out.scans.set(sr.uuid, recordsFromScan(parseScan(await readScan(shell, sr, limits)).nodes));
      } catch (err) {
        out.errors.push(message(err));
      }
    });
    const speedBatches: string[][] = [];
    for (let i = 0; i < host.srs.length; i += SPEED_LOGS_PER_COMMAND) {
      speedBatches.push(host.srs.slice(i, i + SPEED_LOGS_PER_COMMAND).map((sr) => sr.uuid));
    }
    const speedReads = Promise.all(
      speedBatches.map(async (batch) => {
        try {
          for (const [srUuid, text] of await readSpeedLogs(shell, batch, limits)) {
            if (text !== null) out.speedLogs.set(srUuid, speedLogLines(text));
          }
        } catch (err) {
          out.errors.push(message(err));
        }
      }),
    );
    const smlogRead = (async () => {
      try {
        const chunk = await readSmlogSince(shell, host.smlogOffsetBytes, limits);
        const events = chunk.text === '' ? [] : parseSmlog(chunk.text, { referenceMs: nowMs }).events;
        result.smlog = { events, nextOffsetBytes: chunk.nextOffsetBytes, rotated: chunk.rotated };
      } catch (err) {
        out.errors.push(`SMlog of ${label}: ${message(err)}`);
      }
    })();
    await Promise.all([scanReads, speedReads, smlogRead]);
  } finally {
    shell.close();
  }
  return result;
}

export async function collectOverSsh(
  openShell: (target: SshTarget) => Promise<HostShell>,
  settings: SshSettings,
  input: { poolName: string; hosts: HostPlan[]; nowMs: number },
): Promise<SshPhaseResult> {
  const out: SshPhaseResult = { status: 'ok', errors: [], hosts: [], scans: new Map(), speedLogs: new Map() };
  await eachLimited(input.hosts, HOST_CONCURRENCY, async (host) => {
    const result = await visitHost(openShell, settings, input.poolName, host, input.nowMs, out);
    out.hosts.push(result);
    if (host.isMaster && !result.reached) out.status = 'unavailable';
  });
  return out;
}

/**
 * What the collector reads on the pool master over SSH, each with the exact read-only
 * command from `host-commands.ts`, a timeout and an output cap.
 */
import { scanCommand, smlogSizeCommand, smlogTailCommand, speedLogPath, speedLogsCommand } from '../simulator/host-commands';
import { groupBy } from '../group-by';
import type { HostShell } from '../ssh/host-shell';
import { SshError } from '../ssh/host-shell';

export interface HostReadLimits {
  timeoutMs: number;
  /** A scan bigger than this is refused (a cut scan would invent roots). */
  maxScanBytes: number;
  /** At most this much SMlog per read; the rest waits for the next collection. */
  maxSmlogBytes: number;
}

export const DEFAULT_HOST_READ_LIMITS: HostReadLimits = {
  timeoutMs: 30_000,
  maxScanBytes: 32 * 1024 * 1024,
  maxSmlogBytes: 8 * 1024 * 1024,
};

const SPEED_LOG_MAX_BYTES = 64 * 1024;
const SIZE_MAX_BYTES = 64;

/** `vhd-util scan -p` output of one SR. A failed scan (exit status not 0) is an error. */
export async function readScan(shell: HostShell, sr: { uuid: string; type: string }, limits: HostReadLimits): Promise<string> {
  const result = await shell.exec(scanCommand(sr), { timeoutMs: limits.timeoutMs, maxBytes: limits.maxScanBytes });
  if (result.exitCode !== 0) {
    const why = result.stderr.trim().split('\n').pop() ?? '';
    throw new SshError('other', `vhd-util scan of SR ${sr.uuid} failed (exit ${result.exitCode ?? 'signal'}${why ? `: ${why}` : ''})`);
  }
  return result.stdout.toString('utf8');
}

export interface SmlogChunk {
  /** Whole lines read (empty when nothing is new). */
  text: string;
  /** Offset to read from next time. */
  nextOffsetBytes: number;
  /** The file was shorter than what was read before: it was rotated, so reading began at 0. */
  rotated: boolean;
}

/**
 * The SMlog written since `offsetBytes` (null: never read; then only the last
 * `maxSmlogBytes` are read, older history is not the collector's to replay). Only whole
 * lines are returned, so a line being written is read complete next time.
 */
export async function readSmlogSince(shell: HostShell, offsetBytes: number | null, limits: HostReadLimits): Promise<SmlogChunk> {
  const sizeResult = await shell.exec(smlogSizeCommand(), { timeoutMs: limits.timeoutMs, maxBytes: SIZE_MAX_BYTES });
  const size = Number(sizeResult.stdout.toString('utf8').trim());
  if (sizeResult.exitCode !== 0 || !Number.isSafeInteger(size) || size < 0) {
    throw new SshError('other', `cannot read the size of /var/log/SMlog (exit ${sizeResult.exitCode ?? 'signal'})`);
  }
  const rotated = offsetBytes !== null && size < offsetBytes;
  let start = offsetBytes === null ? Math.max(0, size - limits.maxSmlogBytes) : rotated ? 0 : offsetBytes;
  if (start >= size) return { text: '', nextOffsetBytes: start, rotated };
  const tail = await shell.exec(smlogTailCommand(start), {
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxSmlogBytes,
    truncate: true,
  });
  let bytes = tail.stdout;
  if (offsetBytes === null && start > 0) {
    // Started mid-file: drop the partial first line.
    const firstNewline = bytes.indexOf(0x0a);
    const skip = firstNewline === -1 ? bytes.length : firstNewline + 1;
    bytes = bytes.subarray(skip);
    start += skip;
  }
  const lastNewline = bytes.lastIndexOf(0x0a);
  const whole = lastNewline === -1 ? Buffer.alloc(0) : bytes.subarray(0, lastNewline + 1);
  return { text: whole.toString('utf8'), nextOffsetBytes: start + whole.length, rotated };
}

/**
 * The text of each SR's `/var/run/<sr>.speed_log` (at most SPEED_LOGS_PER_COMMAND SRs), in one
 * command; null for an SR whose log is missing or empty (no coalesce since boot): either way
 * there is no reading.
 */
export async function readSpeedLogs(shell: HostShell, srUuids: readonly string[], limits: HostReadLimits): Promise<Map<string, string | null>> {
  const result = await shell.exec(speedLogsCommand(srUuids), { timeoutMs: limits.timeoutMs, maxBytes: SPEED_LOG_MAX_BYTES * srUuids.length });
  // grep: 0 printed lines, 1 found none, 2 could not read some file (the others are printed).
  if (result.exitCode === null || result.exitCode > 2) {
    throw new SshError('other', `reading the speed logs failed (exit ${result.exitCode ?? 'signal'}: ${result.stderr.trim().split('\n').pop() ?? ''})`);
  }
  const uuidByPath = new Map(srUuids.map((uuid) => [speedLogPath(uuid), uuid]));
  const logLines = result.stdout.toString('utf8').split('\n').flatMap((line) => {
    // `<path>:<line>`; the path is one asked for, and has no colon.
    const colon = line.indexOf(':');
    const uuid = colon === -1 ? undefined : uuidByPath.get(line.slice(0, colon));
    return uuid === undefined ? [] : [{ uuid, text: line.slice(colon + 1) }];
  });
  const lines = groupBy(logLines, (line) => line.uuid, (line) => line.text);
  return new Map(srUuids.map((uuid) => [uuid, lines.has(uuid) ? `${lines.get(uuid)!.join('\n')}\n` : null]));
}

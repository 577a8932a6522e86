/**
 * The read-only commands Chainwatch runs on a host over SSH, as exact strings. The collector
 * builds them with the `*Command` builders and the simulator's SSH server accepts only what
 * `parseHostCommand` recognises, so both sides share one definition. The grammar is a closed
 * list of whole-line shapes: anything else (pipes, `;`, `&&`, `$(`, backticks, redirections,
 * extra arguments) is refused, because these strings run as root on a production host.
 */

export type SrLayout = 'lvm' | 'file';

export type HostCommand =
  | { kind: 'vhd-scan'; srUuid: string; layout: SrLayout }
  | { kind: 'smlog-size' }
  /** `byteOffset` is 0-based: the number of bytes of SMlog already read. */
  | { kind: 'smlog-tail'; byteOffset: number }
  /** Several SRs' speed logs at once, each line prefixed with its file's path (`grep -H`). */
  | { kind: 'speed-logs'; files: { srUuid: string; path: string }[] };

export type ParsedHostCommand = { ok: true; command: HostCommand } | { ok: false; reason: string };

export const SMLOG_PATH = '/var/log/SMlog';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_RE = new RegExp(`^${UUID}$`);
const LVM_SCAN_RE = new RegExp(`^vhd-util scan -f -m 'VHD-\\*' -l VG_XenStorage-(${UUID}) -p$`);
const FILE_SCAN_RE = new RegExp(`^vhd-util scan -f -m '/var/run/sr-mount/(${UUID})/\\*\\.vhd' -p$`);
const SMLOG_SIZE_RE = /^stat -c %s \/var\/log\/SMlog$/;
const SMLOG_TAIL_RE = /^tail -c \+(\d{1,15}) \/var\/log\/SMlog$/;
const SPEED_LOG_PATH_RE = new RegExp(`^(?:/var)?/run/(${UUID})\\.speed_log$`);
const SPEED_LOGS_PREFIX = "grep -H '' ";
/** Characters a shell would act on; none of the allowed shapes needs them. */
const SHELL_META_RE = /[;|&`$<>\\\n\r(){}]/;

/** SM's LVM-based drivers keep VHDs as logical volumes in `VG_XenStorage-<sr-uuid>`; the others as files. */
export function srLayout(srType: string): SrLayout {
  return srType.startsWith('lvm') ? 'lvm' : 'file';
}

function assertUuid(uuid: string): void {
  if (!UUID_RE.test(uuid)) throw new Error(`Not a lower-case uuid: ${JSON.stringify(uuid)}`);
}

/** `vhd-util scan` as SM runs it on the SR master: fast, tree (`-p`) output. */
export function scanCommand(sr: { uuid: string; type: string }): string {
  assertUuid(sr.uuid);
  return srLayout(sr.type) === 'lvm'
    ? `vhd-util scan -f -m 'VHD-*' -l VG_XenStorage-${sr.uuid} -p`
    : `vhd-util scan -f -m '/var/run/sr-mount/${sr.uuid}/*.vhd' -p`;
}

export function smlogSizeCommand(): string {
  return `stat -c %s ${SMLOG_PATH}`;
}

/** The SMlog from `byteOffset` (0-based, bytes already read) to its end; `tail -c +N` counts from 1. */
export function smlogTailCommand(byteOffset: number): string {
  if (!Number.isSafeInteger(byteOffset) || byteOffset < 0) {
    throw new Error(`Bad SMlog offset: ${byteOffset}`);
  }
  return `tail -c +${byteOffset + 1} ${SMLOG_PATH}`;
}

/** Speed logs one command reads at most (keeps the command line short). */
export const SPEED_LOGS_PER_COMMAND = 50;

/** `/var/run` is `/run` on every systemd host, and the only name on older ones. */
export function speedLogPath(srUuid: string): string {
  assertUuid(srUuid);
  return `/var/run/${srUuid}.speed_log`;
}

/**
 * The speed logs of several SRs in one command: `grep -H ''` prints every line of each file
 * prefixed with the file's path and a colon, and says on stderr which files are missing.
 */
export function speedLogsCommand(srUuids: readonly string[]): string {
  if (srUuids.length === 0 || srUuids.length > SPEED_LOGS_PER_COMMAND) {
    throw new Error(`Between 1 and ${SPEED_LOGS_PER_COMMAND} speed logs per command, not ${srUuids.length}`);
  }
  return SPEED_LOGS_PREFIX + srUuids.map(speedLogPath).join(' ');
}

function parseSpeedLogs(paths: string): ParsedHostCommand {
  const files: { srUuid: string; path: string }[] = [];
  for (const path of paths.split(' ')) {
    const match = SPEED_LOG_PATH_RE.exec(path);
    if (match === null) return { ok: false, reason: 'grep reads speed logs only' };
    files.push({ srUuid: match[1], path });
  }
  if (files.length > SPEED_LOGS_PER_COMMAND) return { ok: false, reason: `more than ${SPEED_LOGS_PER_COMMAND} speed logs` };
  return { ok: true, command: { kind: 'speed-logs', files } };
}

export function parseHostCommand(line: string): ParsedHostCommand {
  if (SHELL_META_RE.test(line)) return { ok: false, reason: 'shell metacharacters are not allowed' };
  const lvm = LVM_SCAN_RE.exec(line);
  if (lvm !== null) return { ok: true, command: { kind: 'vhd-scan', srUuid: lvm[1], layout: 'lvm' } };
  const file = FILE_SCAN_RE.exec(line);
  if (file !== null) return { ok: true, command: { kind: 'vhd-scan', srUuid: file[1], layout: 'file' } };
  if (SMLOG_SIZE_RE.test(line)) return { ok: true, command: { kind: 'smlog-size' } };
  const tail = SMLOG_TAIL_RE.exec(line);
  if (tail !== null) {
    // GNU tail treats `+0` like `+1`: the whole file.
    const byteOffset = Math.max(0, Number(tail[1]) - 1);
    return { ok: true, command: { kind: 'smlog-tail', byteOffset } };
  }
  if (line.startsWith(SPEED_LOGS_PREFIX)) return parseSpeedLogs(line.slice(SPEED_LOGS_PREFIX.length));
  return { ok: false, reason: 'not one of the read-only host commands' };
}

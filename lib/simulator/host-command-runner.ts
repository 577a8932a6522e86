/**
 * What a simulated host prints for each allowed command, with the exit codes and error text
 * of the real tools, read from the world at its current time.
 */
import { parseHostCommand, srLayout, type HostCommand } from './host-commands';
import type { SimWorld, XapiRecord } from './types';

export interface HostCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Byte-offset access to the SMlog, when the world offers it (else the whole text is sliced). */
interface SmlogIndex {
  smlogSize(hostRef: string): number;
  smlogSince(hostRef: string, byteOffset: number): { text: string; nextOffset: number; rotated: boolean };
}

/** Exit status 126: "command found but not executable", what a restricted shell answers. */
export const NOT_ALLOWED_EXIT_CODE = 126;
/** vhd-util returns -EINVAL / -EIO, which the shell sees modulo 256. */
const EINVAL_EXIT_CODE = 256 - 22;
const EIO_EXIT_CODE = 256 - 5;

function hasSmlogIndex(world: SimWorld): world is SimWorld & SmlogIndex {
  const candidate = world as Partial<SmlogIndex>;
  return typeof candidate.smlogSize === 'function' && typeof candidate.smlogSince === 'function';
}

function ok(stdout: string): HostCommandResult {
  return { stdout, stderr: '', exitCode: 0 };
}

function smlogSize(world: SimWorld, hostRef: string): number {
  return hasSmlogIndex(world) ? world.smlogSize(hostRef) : Buffer.byteLength(world.smlog(hostRef));
}

/** `tail -c +N`: from 0-based `byteOffset` to the end; nothing when the file is shorter. */
function smlogFrom(world: SimWorld, hostRef: string, byteOffset: number): string {
  if (!hasSmlogIndex(world)) return Buffer.from(world.smlog(hostRef)).subarray(byteOffset).toString('utf8');
  if (byteOffset >= world.smlogSize(hostRef)) return '';
  return world.smlogSince(hostRef, byteOffset).text;
}

interface SrOnHost {
  type: string;
  /** `hostRef` has a PBD of the SR: its volume group or mount is there. */
  plugged: boolean;
  /** The host whose SM runs the SR's GC (and writes its speed log): the master for a shared SR, else its PBD's host. */
  smHostRef: string;
}

/** The SR records by uuid, read once per command (a speed-log read names up to every SR). */
function srsByUuid(world: SimWorld): Map<string, XapiRecord> {
  return new Map([...world.allRecords('SR').values()].map((record) => [String(record.uuid), record]));
}

function srOnHost(world: SimWorld, record: XapiRecord | undefined, hostRef: string): SrOnHost | undefined {
  if (record === undefined) return undefined;
  const pbdRefs = Array.isArray(record.PBDs) ? (record.PBDs as unknown[]) : [];
  const pbdHosts = pbdRefs.map((pbdRef) => String(world.record('PBD', String(pbdRef))?.host ?? ''));
  const smHostRef = record.shared === true ? world.masterRef() : (pbdHosts[0] ?? world.masterRef());
  return { type: String(record.type), plugged: pbdHosts.includes(hostRef), smHostRef };
}

/** LVM answers for a volume group that does not exist; vhd-util then gives up with -EINVAL. */
function missingVolumeGroup(srUuid: string): HostCommandResult {
  const vg = `VG_XenStorage-${srUuid}`;
  const stderr =
    `  Volume group "${vg}" not found\n  Cannot process volume group ${vg}\n` +
    'lvm_scan_vg failed -22\nscan failed: -22. Check syslog for details\n';
  return { stdout: '', stderr, exitCode: EINVAL_EXIT_CODE };
}

/** glob() cannot open the mount directory: vhd-util reports it and the aborted glob as -EIO. */
function missingMount(srUuid: string): HostCommandResult {
  const dir = `/var/run/sr-mount/${srUuid}`;
  const stdout =
    `vhd=${dir} scan-error=2 error-message='failure scanning target'\n` +
    `vhd=${dir}/*.vhd scan-error=-5 error-message='failure scanning target'\n`;
  return { stdout, stderr: 'scan failed: -5. Check syslog for details\n', exitCode: EIO_EXIT_CODE };
}

/** A host sees the volume group or mount of an SR only where the SR is plugged (a local SR: on its own host). */
function scan(world: SimWorld, hostRef: string, command: Extract<HostCommand, { kind: 'vhd-scan' }>): HostCommandResult {
  const sr = srOnHost(world, srsByUuid(world).get(command.srUuid), hostRef);
  const text = sr !== undefined && sr.plugged && srLayout(sr.type) === command.layout ? world.vhdScan(command.srUuid) : null;
  if (text !== null) return ok(text);
  return command.layout === 'lvm' ? missingVolumeGroup(command.srUuid) : missingMount(command.srUuid);
}

function run(world: SimWorld, hostRef: string, command: HostCommand): HostCommandResult {
  switch (command.kind) {
    case 'vhd-scan':
      return scan(world, hostRef, command);
    case 'smlog-size':
      return ok(`${smlogSize(world, hostRef)}\n`);
    case 'smlog-tail':
      return ok(smlogFrom(world, hostRef, command.byteOffset));
    case 'speed-logs':
      return grepSpeedLogs(world, hostRef, command.files);
  }
}

/** `grep -H '' <files>` as GNU grep answers: 0 when it printed lines, 1 when none, 2 when a file is missing. */
function grepSpeedLogs(world: SimWorld, hostRef: string, files: readonly { srUuid: string; path: string }[]): HostCommandResult {
  let stdout = '';
  let stderr = '';
  const srs = srsByUuid(world);
  for (const { srUuid, path } of files) {
    // SM writes the speed log on the host that runs the SR's GC.
    const text = srOnHost(world, srs.get(srUuid), hostRef)?.smHostRef === hostRef ? world.speedLog(srUuid) : null;
    if (text === null) {
      stderr += `grep: ${path}: No such file or directory\n`;
      continue;
    }
    if (text === '') continue;
    for (const line of (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n')) stdout += `${path}:${line}\n`;
  }
  return { stdout, stderr, exitCode: stderr !== '' ? 2 : stdout !== '' ? 0 : 1 };
}

/** Runs one command line as `hostRef` would; anything outside the grammar is refused. */
export function runHostCommand(world: SimWorld, hostRef: string, line: string): HostCommandResult {
  const parsed = parseHostCommand(line);
  if (!parsed.ok) {
    return { stdout: '', stderr: `chainwatch-simulator: command not allowed: ${line}\n`, exitCode: NOT_ALLOWED_EXIT_CODE };
  }
  return run(world, hostRef, parsed.command);
}

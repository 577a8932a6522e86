import type { SimHost, SimSr, VhdNode, WorldContext } from './model';
import { formatSmlogLine, smlogMessages } from '../../vhd/smlog-format';
import type { VdiTokenFields } from '../../vhd/vdi-token';
import { allocatedBytes } from './vhd-sizes';
import { dataAt } from './vhd-tree';
import { footprintBytes, isLvm, vhdPhysical } from './vdi-sync';

export { smlogMessages as sm };

/** The host whose SM works on this SR: the pool master for a shared SR, the PBD's host for a local one. */
export function smHostOf(ctx: WorldContext, sr: SimSr): SimHost {
  const ref = sr.shared ? ctx.masterRef : sr.hostRef;
  return ctx.hosts.find((host) => host.ref === ref) ?? ctx.hosts[0];
}

/** A new process id on the host (pids grow by a few between SM invocations). */
export function newPid(ctx: WorldContext, host: SimHost): number {
  host.nextPid += ctx.rng.int(1, 40);
  return host.nextPid;
}

/** `util.SMlog`: one syslog line per line of the message. */
export function smlog(ctx: WorldContext, host: SimHost, ident: 'SM' | 'SMGC', pid: number, message: string): void {
  if (!ctx.smlogEnabled) return;
  const atMs = ctx.nowMs();
  for (const line of message.split('\n')) {
    host.smlog.append(formatSmlogLine({ atMs, host: host.hostname, ident, pid, message: line }));
  }
}

/** An SM logger bound to one process. */
export interface SmProcess {
  host: SimHost;
  pid: number;
  gc(message: string): void;
  sm(message: string): void;
  command(argv: readonly string[], pid?: number): void;
}

export function smProcess(ctx: WorldContext, host: SimHost, pid = newPid(ctx, host)): SmProcess {
  return {
    host,
    pid,
    gc: (message) => smlog(ctx, host, 'SMGC', pid, message),
    sm: (message) => smlog(ctx, host, 'SM', pid, message),
    command: (argv, commandPid = pid) => smlog(ctx, host, 'SM', commandPid, smlogMessages.command(argv)),
  };
}

/** Path of the VHD as SM names it on the host. */
export function vhdPath(sr: SimSr, uuid: string): string {
  return isLvm(sr) ? `/dev/VG_XenStorage-${sr.uuid}/VHD-${uuid}` : `/var/run/sr-mount/${sr.uuid}/${uuid}.vhd`;
}

/** VHDs of the SR opened by tapdisks (every VHD in the chain of an attached leaf). */
export function openVhds(sr: SimSr): Set<string> {
  const open = new Set<string>();
  for (const node of sr.vhds.values()) {
    if (node.attachedHostRef === null) continue;
    let current: VhdNode | undefined = node;
    while (current && !open.has(current.uuid)) {
      open.add(current.uuid);
      current = current.parentUuid === null ? undefined : sr.vhds.get(current.parentUuid);
    }
  }
  return open;
}

/**
 * The VDI as SMGC prints it. On LVM SRs the VHD's physical and allocated sizes print only once
 * SM loaded them for the VDI (`loaded`: a VDI being coalesced); file SRs load them on every scan.
 */
export function vdiToken(sr: SimSr, node: VhdNode, atMs: number, open: ReadonlySet<string>, loaded = false): VdiTokenFields {
  const lvm = isLvm(sr);
  const showSizes = loaded || !lvm;
  return {
    hidden: node.hidden,
    uuidPrefix: node.uuid.slice(0, 8),
    vdiType: lvm ? 'VHD' : null,
    format: lvm ? 'lvm-4' : 'file-3',
    virtualSizeBytes: node.virtualSizeBytes,
    sizeBytes: showSizes ? vhdPhysical(sr, node, atMs) : null,
    allocatedBytes: showSizes ? allocatedBytes(dataAt(node, atMs)) : null,
    lvSizeBytes: lvm ? footprintBytes(sr, node, atMs) : null,
    flags: lvm ? (open.has(node.uuid) ? 'ao' : 'n') : null,
  };
}

/** Python's `str(float)` for the speed log: `52428800.0`, `48123456.789`. */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

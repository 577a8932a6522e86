import { describe, expect, it } from 'vitest';
import { scanCommand, smlogSizeCommand, smlogTailCommand, speedLogsCommand } from './host-commands';
import { runHostCommand } from './host-command-runner';
import { createTestWorld } from './test-world';
import type { SimWorld } from './types';

const LINES = 'Jan  1 00:00:00 host1 SMGC: [1] === SR x: gc ===\nJan  1 00:00:01 host1 SMGC: [1] No work, exiting\n';

function worldWithSmlog() {
  const world = createTestWorld({ hostCount: 2 });
  const master = world.hosts()[0].ref;
  world.appendSmlog(master, LINES);
  return { world, master };
}

describe('runHostCommand', () => {
  it('prints the scan of an SR of the matching layout', () => {
    const world = createTestWorld();
    const result = runHostCommand(world, world.masterRef(), scanCommand({ uuid: world.srUuid, type: 'lvm' }));
    expect(result).toEqual({ stdout: world.vhdScan(world.srUuid), stderr: '', exitCode: 0 });
  });

  it('fails like vhd-util when the SR is not there in that layout', () => {
    const world = createTestWorld();
    const result = runHostCommand(world, world.masterRef(), scanCommand({ uuid: world.srUuid, type: 'ext' }));
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain(`vhd=/var/run/sr-mount/${world.srUuid} scan-error=2`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const lvm = runHostCommand(world, world.masterRef(), scanCommand({ uuid: unknown, type: 'lvm' }));
    expect(lvm.exitCode).toBe(234);
    expect(lvm.stderr).toContain(`Volume group "VG_XenStorage-${unknown}" not found`);
  });

  it('reports the SMlog size in bytes and tails it from an offset', () => {
    const { world, master } = worldWithSmlog();
    expect(runHostCommand(world, master, smlogSizeCommand()).stdout).toBe(`${Buffer.byteLength(LINES)}\n`);
    const firstLineBytes = LINES.indexOf('\n') + 1;
    expect(runHostCommand(world, master, smlogTailCommand(firstLineBytes)).stdout).toBe(LINES.slice(firstLineBytes));
    expect(runHostCommand(world, master, smlogTailCommand(0)).stdout).toBe(LINES);
    expect(runHostCommand(world, master, smlogTailCommand(10_000)).stdout).toBe('');
  });

  it('uses the world byte index when it has one', () => {
    const { world, master } = worldWithSmlog();
    const calls: number[] = [];
    const indexed: SimWorld = Object.assign(Object.create(world) as SimWorld, {
      smlogSize: () => 500,
      smlogSince: (_: string, byteOffset: number) => {
        calls.push(byteOffset);
        return { text: 'from index\n', nextOffset: 500, rotated: false };
      },
    });
    expect(runHostCommand(indexed, master, smlogSizeCommand()).stdout).toBe('500\n');
    expect(runHostCommand(indexed, master, smlogTailCommand(42)).stdout).toBe('from index\n');
    expect(runHostCommand(indexed, master, smlogTailCommand(500)).stdout).toBe('');
    expect(calls).toEqual([42]);
  });

  it('reads speed logs on the master only, as grep -H prints them', () => {
    const world = createTestWorld({ hostCount: 2 });
    world.setSpeedLog(world.srUuid, '52428800\n41943040\n');
    const [master, slave] = world.hosts().map((host) => host.ref);
    const path = `/var/run/${world.srUuid}.speed_log`;
    expect(runHostCommand(world, master, speedLogsCommand([world.srUuid]))).toEqual({ stdout: `${path}:52428800\n${path}:41943040\n`, stderr: '', exitCode: 0 });
    expect(runHostCommand(world, slave, speedLogsCommand([world.srUuid]))).toEqual({
      stdout: '',
      stderr: `grep: ${path}: No such file or directory\n`,
      exitCode: 2,
    });
    world.setSpeedLog(world.srUuid, '');
    expect(runHostCommand(world, master, speedLogsCommand([world.srUuid]))).toEqual({ stdout: '', stderr: '', exitCode: 1 });
  });

  it('scans a local SR and reads its speed log only on the host it is plugged on (its PBD’s host), master or not', () => {
    const world = createTestWorld({ hostCount: 2, masterIndex: 1 });
    world.setSpeedLog(world.srUuid, '52428800\n');
    const [owner, master] = world.hosts().map((host) => host.ref);
    expect(master).toBe(world.masterRef());
    const scan = scanCommand({ uuid: world.srUuid, type: 'lvm' });
    expect(runHostCommand(world, owner, scan)).toEqual({ stdout: world.vhdScan(world.srUuid), stderr: '', exitCode: 0 });
    const elsewhere = runHostCommand(world, master, scan);
    expect(elsewhere.exitCode).toBe(234);
    expect(elsewhere.stderr).toContain(`Volume group "VG_XenStorage-${world.srUuid}" not found`);
    expect(runHostCommand(world, owner, speedLogsCommand([world.srUuid])).exitCode).toBe(0);
    expect(runHostCommand(world, master, speedLogsCommand([world.srUuid])).exitCode).toBe(2);
  });

  it('scans a shared SR on every host, and reads its speed log on the master', () => {
    const world = createTestWorld({ hostCount: 2 });
    const [master, member] = world.hosts().map((host) => host.ref);
    const sr = world.record('SR', world.srRef)!;
    // Shared: plugged on every host, a PBD each.
    const memberPbd = 'OpaqueRef:0bdd0000-0000-4000-8000-000000000002';
    world.put('PBD', memberPbd, { uuid: memberPbd.slice(10), host: member, SR: world.srRef, device_config: {}, currently_attached: true, other_config: {} });
    world.put('SR', world.srRef, { ...sr, type: 'lvmoiscsi', shared: true, PBDs: [...(sr.PBDs as string[]), memberPbd] });
    world.setSpeedLog(world.srUuid, '52428800\n');
    for (const host of [master, member]) expect(runHostCommand(world, host, scanCommand({ uuid: world.srUuid, type: 'lvmoiscsi' })).exitCode).toBe(0);
    expect(runHostCommand(world, master, speedLogsCommand([world.srUuid])).exitCode).toBe(0);
    expect(runHostCommand(world, member, speedLogsCommand([world.srUuid])).exitCode).toBe(2);
  });

  it('refuses anything else with exit code 126', () => {
    const world = createTestWorld();
    expect(runHostCommand(world, world.masterRef(), 'rm -rf /')).toEqual({
      stdout: '',
      stderr: 'chainwatch-simulator: command not allowed: rm -rf /\n',
      exitCode: 126,
    });
  });
});

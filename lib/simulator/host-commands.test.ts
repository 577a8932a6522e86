import { describe, expect, it } from 'vitest';
import {
  parseHostCommand,
  scanCommand,
  smlogSizeCommand,
  smlogTailCommand,
  SPEED_LOGS_PER_COMMAND,
  speedLogsCommand,
  srLayout,
} from './host-commands';

const SR = '3f8a8c3e-2b7d-4a4e-9c1d-0a1b2c3d4e5f';
const SR2 = '0a1b2c3d-4e5f-4a4e-9c1d-3f8a8c3e2b7d';

describe('command builders', () => {
  it('build the scan SM runs for each SR layout', () => {
    expect(scanCommand({ uuid: SR, type: 'lvmoiscsi' })).toBe(`vhd-util scan -f -m 'VHD-*' -l VG_XenStorage-${SR} -p`);
    expect(scanCommand({ uuid: SR, type: 'nfs' })).toBe(`vhd-util scan -f -m '/var/run/sr-mount/${SR}/*.vhd' -p`);
  });

  it('build the SMlog and speed log reads', () => {
    expect(smlogSizeCommand()).toBe('stat -c %s /var/log/SMlog');
    expect(smlogTailCommand(0)).toBe('tail -c +1 /var/log/SMlog');
    expect(smlogTailCommand(1234)).toBe('tail -c +1235 /var/log/SMlog');
    expect(speedLogsCommand([SR, SR2])).toBe(`grep -H '' /var/run/${SR}.speed_log /var/run/${SR2}.speed_log`);
  });

  it('refuse inputs that are not uuids or offsets', () => {
    expect(() => scanCommand({ uuid: `${SR}; rm -rf /`, type: 'lvm' })).toThrow(/uuid/);
    expect(() => speedLogsCommand([SR, '../etc/shadow'])).toThrow(/uuid/);
    expect(() => speedLogsCommand([])).toThrow(/Between 1 and/);
    expect(() => speedLogsCommand(Array(SPEED_LOGS_PER_COMMAND + 1).fill(SR))).toThrow(/Between 1 and/);
    expect(() => smlogTailCommand(-1)).toThrow(/offset/);
    expect(() => smlogTailCommand(1.5)).toThrow(/offset/);
  });

  it('classify SR types by how SM stores VHDs', () => {
    expect(['lvm', 'lvmoiscsi', 'lvmohba'].map(srLayout)).toEqual(['lvm', 'lvm', 'lvm']);
    expect(['ext', 'nfs', 'smb'].map(srLayout)).toEqual(['file', 'file', 'file']);
  });
});

describe('parseHostCommand', () => {
  it('round-trips every builder', () => {
    expect(parseHostCommand(scanCommand({ uuid: SR, type: 'lvm' }))).toEqual({
      ok: true,
      command: { kind: 'vhd-scan', srUuid: SR, layout: 'lvm' },
    });
    expect(parseHostCommand(scanCommand({ uuid: SR, type: 'ext' }))).toEqual({
      ok: true,
      command: { kind: 'vhd-scan', srUuid: SR, layout: 'file' },
    });
    expect(parseHostCommand(smlogSizeCommand())).toEqual({ ok: true, command: { kind: 'smlog-size' } });
    expect(parseHostCommand(smlogTailCommand(99))).toEqual({ ok: true, command: { kind: 'smlog-tail', byteOffset: 99 } });
    expect(parseHostCommand(speedLogsCommand([SR, SR2]))).toEqual({
      ok: true,
      command: {
        kind: 'speed-logs',
        files: [
          { srUuid: SR, path: `/var/run/${SR}.speed_log` },
          { srUuid: SR2, path: `/var/run/${SR2}.speed_log` },
        ],
      },
    });
  });

  it('accepts the /run speed log and reads tail +0 as the whole file', () => {
    expect(parseHostCommand(`grep -H '' /run/${SR}.speed_log`)).toMatchObject({ ok: true, command: { files: [{ path: `/run/${SR}.speed_log` }] } });
    expect(parseHostCommand('tail -c +0 /var/log/SMlog')).toEqual({ ok: true, command: { kind: 'smlog-tail', byteOffset: 0 } });
  });

  it.each([
    ['a chained command', `stat -c %s /var/log/SMlog; cat /etc/shadow`],
    ['a pipe', 'tail -c +1 /var/log/SMlog | grep SMGC'],
    ['an and-list', 'stat -c %s /var/log/SMlog && reboot'],
    ['backticks', 'cat /run/`id`.speed_log'],
    ['a command substitution', `cat /run/$(echo ${SR}).speed_log`],
    ['a redirection', 'stat -c %s /var/log/SMlog > /etc/motd'],
    ['a trailing newline with a second command', 'stat -c %s /var/log/SMlog\nreboot'],
    ['another file', 'cat /etc/shadow'],
    ['a speed log read by cat', `cat /run/${SR}.speed_log`],
    ['grep of another file', `grep -H '' /var/run/${SR}.speed_log /etc/shadow`],
    ['grep with another pattern', `grep -H 'x' /var/run/${SR}.speed_log`],
    ['grep with two spaces', `grep -H ''  /var/run/${SR}.speed_log`],
    ['grep of no file', "grep -H '' "],
    ['grep of too many files', `grep -H '' ${Array(SPEED_LOGS_PER_COMMAND + 1).fill(`/run/${SR}.speed_log`).join(' ')}`],
    ['a path traversal', `cat /run/../etc/${SR}.speed_log`],
    ['an extra flag', `vhd-util scan -f -m 'VHD-*' -l VG_XenStorage-${SR} -p -v`],
    ['an unquoted glob', `vhd-util scan -f -m VHD-* -l VG_XenStorage-${SR} -p`],
    ['an upper-case uuid', `cat /run/${SR.toUpperCase()}.speed_log`],
    ['a write command', `vhd-util coalesce -n /dev/VG_XenStorage-${SR}/VHD-${SR}`],
    ['an empty line', ''],
  ])('refuses %s', (_, line) => {
    expect(parseHostCommand(line).ok).toBe(false);
  });
});

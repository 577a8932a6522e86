import { describe, expect, it } from 'vitest';
import type { ExecOptions, ExecResult, HostShell } from '../ssh/host-shell';
import { readScan, readSmlogSince, readSpeedLogs, type HostReadLimits } from './host-reads';

const limits: HostReadLimits = { timeoutMs: 1000, maxScanBytes: 1000, maxSmlogBytes: 16 };

/** A host whose SMlog is `smlog`; other commands answer from `answers`. */
function fakeHost(smlog: string, answers: Record<string, ExecResult> = {}): HostShell & { commands: string[] } {
  const commands: string[] = [];
  return {
    hostKey: 'SHA256:x',
    commands,
    async exec(command: string, options: ExecOptions): Promise<ExecResult> {
      commands.push(command);
      if (command === 'stat -c %s /var/log/SMlog') return { stdout: Buffer.from(`${Buffer.byteLength(smlog)}\n`), stderr: '', exitCode: 0, truncated: false };
      const tail = /^tail -c \+(\d+) /.exec(command);
      if (tail) {
        const all = Buffer.from(smlog).subarray(Number(tail[1]) - 1);
        const truncated = all.length > options.maxBytes;
        return { stdout: all.subarray(0, options.maxBytes), stderr: '', exitCode: truncated ? null : 0, truncated };
      }
      return answers[command] ?? { stdout: Buffer.alloc(0), stderr: 'No such file', exitCode: 1, truncated: false };
    },
    close() {},
  };
}

describe('readSmlogSince', () => {
  it('reads whole lines from the offset and leaves a partial line for next time', async () => {
    const host = fakeHost('aaa\nbbb\ncc');
    expect(await readSmlogSince(host, 4, limits)).toEqual({ text: 'bbb\n', nextOffsetBytes: 8, rotated: false });
    expect(host.commands).toContain('tail -c +5 /var/log/SMlog');
  });

  it('starts again from 0 after a rotation', async () => {
    expect(await readSmlogSince(fakeHost('new\n'), 100, limits)).toEqual({ text: 'new\n', nextOffsetBytes: 4, rotated: true });
  });

  it('reads only the end of a long log the first time, from a line start', async () => {
    const chunk = await readSmlogSince(fakeHost('0123456789\nabcdefgh\nijkl\n'), null, limits);
    // 25 bytes, the last 16 start mid-line "…89\n": that partial line is dropped.
    expect(chunk).toEqual({ text: 'abcdefgh\nijkl\n', nextOffsetBytes: 25, rotated: false });
  });

  it('caps one read and resumes where it stopped', async () => {
    const log = 'line-one\nline-two\nline-three\n';
    const first = await readSmlogSince(fakeHost(log), 0, limits);
    expect(first).toEqual({ text: 'line-one\n', nextOffsetBytes: 9, rotated: false });
    const second = await readSmlogSince(fakeHost(log), first.nextOffsetBytes, limits);
    expect(second.text).toBe('line-two\n');
  });

  it('reads nothing when nothing was written', async () => {
    const host = fakeHost('abc\n');
    expect(await readSmlogSince(host, 4, limits)).toEqual({ text: '', nextOffsetBytes: 4, rotated: false });
    expect(host.commands).toHaveLength(1);
  });
});

describe('readScan and readSpeedLog', () => {
  const sr = { uuid: '11111111-2222-3333-4444-555555555555', type: 'lvmoiscsi' };

  it('returns the scan text and refuses a failed scan', async () => {
    const command = `vhd-util scan -f -m 'VHD-*' -l VG_XenStorage-${sr.uuid} -p`;
    const ok = fakeHost('', { [command]: { stdout: Buffer.from('vhd=VHD-x ...\n'), stderr: '', exitCode: 0, truncated: false } });
    expect(await readScan(ok, sr, limits)).toBe('vhd=VHD-x ...\n');
    const failed = fakeHost('', { [command]: { stdout: Buffer.alloc(0), stderr: 'scan failed: -22\n', exitCode: 234, truncated: false } });
    await expect(readScan(failed, sr, limits)).rejects.toThrow(/scan of SR .* failed \(exit 234: scan failed: -22\)/);
  });

  it('reads several speed logs in one command, null for a missing or empty one, and fails on anything but grep\'s 0, 1, 2', async () => {
    const other = '99999999-2222-3333-4444-555555555555';
    const empty = '88888888-2222-3333-4444-555555555555';
    const command = `grep -H '' /var/run/${sr.uuid}.speed_log /var/run/${other}.speed_log /var/run/${empty}.speed_log`;
    const stdout = `/var/run/${sr.uuid}.speed_log:1000\n/var/run/${sr.uuid}.speed_log:2000\n/var/run/${sr.uuid}.speed_logged:3\n`;
    const host = fakeHost('', {
      [command]: { stdout: Buffer.from(stdout), stderr: `grep: /var/run/${other}.speed_log: No such file or directory\n`, exitCode: 2, truncated: false },
    });
    expect(await readSpeedLogs(host, [sr.uuid, other, empty], limits)).toEqual(
      new Map([
        [sr.uuid, '1000\n2000\n'],
        [other, null],
        [empty, null],
      ]),
    );
    const broken = fakeHost('', { [command]: { stdout: Buffer.alloc(0), stderr: 'grep: out of memory\n', exitCode: 137, truncated: false } });
    await expect(readSpeedLogs(broken, [sr.uuid, other, empty], limits)).rejects.toThrow(/speed logs failed \(exit 137: grep: out of memory\)/);
  });
});

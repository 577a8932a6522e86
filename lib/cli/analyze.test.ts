import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures');
const TREE = join(FIXTURES, 'forum-lvm-sr-tree.vhd-util-scan.txt');
const SMLOG = join(FIXTURES, 'forum-smlog-excerpt.log');

async function run(argv: string[], stdinText?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdin: stdinText === undefined ? undefined : Readable.from([Buffer.from(stdinText)]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

function tempFile(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'chainwatch-cli-')), name);
  writeFileSync(file, content);
  return file;
}

describe('chainwatch analyze', () => {
  it('finds the forum tree facts (json)', async () => {
    const { code, stdout } = await run(['analyze', TREE, '--format', 'json']);
    expect(code).toBe(0);
    const { scan, smlog } = JSON.parse(stdout);
    expect(smlog).toBeNull();
    expect(scan).toMatchObject({ nodes: 31, hiddenNodes: 15, trees: 1, maxChainLength: 16, truncatedLines: 25, malformedLines: 0 });
    expect(scan.deepestLeaves).toContain('VHD-9ffc4f7c-c27a-4976-8c93-b1522822fab4');
    expect(scan.gc).toEqual({ garbage: 0, coalesceable: 0, leafCoalesceable: 0 });
    expect(scan.chains[0]).toMatchObject({ length: 16, hidden: 15 });
    expect(scan.chains[0]).toHaveProperty('leaf');
    expect(scan.chains[0]).toHaveProperty('sizeBytes');
  });

  it('says plainly that 15 snapshots pin the chain (text)', async () => {
    const { code, stdout } = await run(['analyze', TREE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/15 snapshots pin the chain/);
    expect(stdout).toMatch(/GC cannot shorten it/);
    expect(stdout).toMatch(/longest chain 16/);
    expect(stdout).toContain('└─ VHD-9ffc4f7c-c27a-4976-8c93-b1522822fab4');
  });

  it('reads SMlog, with the year from --reference-date', async () => {
    const { code, stdout } = await run(['analyze', SMLOG, '--format', 'json', '--reference-date', '2019-09-01']);
    expect(code).toBe(0);
    const { scan, smlog } = JSON.parse(stdout);
    expect(scan).toBeNull();
    expect(smlog).toMatchObject({ lines: 21, gcLines: 11, gcPids: [628] });
    expect(smlog.events[0].at).toMatch(/^2019-08-21T10:3/);
  });

  it('reads both kinds from one file, from standard input', async () => {
    const both = readFileSync(TREE, 'utf8') + '\n[10:31 rigel ~]# grep -i coales /var/log/SMlog\n' + readFileSync(SMLOG, 'utf8');
    const { code, stdout } = await run(['analyze', '-', '--format', 'json'], both);
    expect(code).toBe(0);
    const { scan, smlog } = JSON.parse(stdout);
    expect(scan.nodes).toBe(31);
    expect(smlog.gcLines).toBe(11);
  });

  it('exports CSV with a row per chain and per event', async () => {
    const { code, stdout } = await run(['analyze', TREE, '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.trim().split('\r\n');
    expect(rows[0]).toBe('section,leaf,length,hidden,sizeBytes,at,host,pid,kind,vdis,message');
    expect(rows.filter((r) => r.startsWith('chain,'))).toHaveLength(16);
  });

  it('gives clear errors and non-zero exits, never a stack trace', async () => {
    const missing = await run(['analyze', '/nonexistent/scan.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/scan.txt: no such file/);

    const empty = await run(['analyze', tempFile('notes.txt', 'hello\nworld\n')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no `vhd-util scan` lines .* and no SMlog lines/);

    const binary = await run(['analyze', tempFile('x.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))]);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toMatch(/binary/);

    const format = await run(['analyze', TREE, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of text, json, csv/);

    const unknown = await run(['analyze', TREE, '--frobnicate']);
    expect(unknown.code).toBe(2);

    for (const r of [missing, empty, binary, format, unknown]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown command with the usage', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr).toMatch(/Usage: chainwatch/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import { startSimulator, type RunningSimulator } from '../simulator/run';
import { runCollect } from './collect';
import { CliError } from './io';

function buffers() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
}

describe('chainwatch collect', () => {
  let sim: RunningSimulator;
  let testDb: TestDb;
  beforeAll(async () => {
    sim = await startSimulator({ scenarios: ['healthy'], speed: 0 });
    testDb = await createTestDb();
  });
  afterAll(async () => {
    await sim.stop();
    await testDb.close();
  });

  const env = () => ({ DATABASE_URL: testDb.url });
  const flags = () => ['--once', '--url', sim.xapiUrl, '--user', sim.user, '--password', sim.password, '--ssh-port', String(sim.sshPort)];

  it('collects once over XAPI and SSH and prints a JSON summary', async () => {
    const { out, io } = buffers();
    expect(await runCollect(flags(), io, { env: env() })).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary).toMatchObject({ pools: 1, errors: [] });
    expect(summary.srs).toBeGreaterThan(0);
    expect(summary.chains).toBeGreaterThan(0);
    expect(await testDb.db.collectionRun.count({ where: { outcome: 'ok', sshStatus: 'ok' } })).toBe(1);
  });

  it('collects without SSH when asked', async () => {
    const { out, io } = buffers();
    expect(await runCollect([...flags(), '--no-ssh'], io, { env: env() })).toBe(0);
    expect(JSON.parse(out.stdout).errors).toEqual([]);
    expect(await testDb.db.collectionRun.count({ where: { sshStatus: 'disabled' } })).toBe(1);
  });

  it('fails with a sentence on a wrong password and never prints the password', async () => {
    const { out, io } = buffers();
    const argv = flags().map((arg) => (arg === sim.password ? 'wrong-secret' : arg));
    expect(await runCollect(argv, io, { env: env() })).toBe(1);
    expect(out.stderr).toMatch(/XAPI login failed for pool 127\.0\.0\.1:\d+: check the user and password/);
    expect(out.stdout + out.stderr).not.toContain('wrong-secret');
  });

  it('refuses incomplete flags', async () => {
    const { io } = buffers();
    await expect(runCollect(['--url', sim.xapiUrl], io, { env: env() })).rejects.toThrow(CliError);
    await expect(runCollect(['--once'], io, { env: env() })).rejects.toThrow(/give --url URL --user U --password P, or set CHAINWATCH_POOLS/);
  });

  it('keeps collecting until told to stop', async () => {
    const { io } = buffers();
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const collections = async () => (await testDb.db.collectionRun.aggregate({ _sum: { collections: true } }))._sum.collections ?? 0;
    const before = await collections();
    const running = runCollect(flags().slice(1), io, { env: env(), stopSignal });
    await expect.poll(collections, { timeout: 10_000 }).toBeGreaterThan(before);
    stop();
    expect(await running).toBe(0);
  });

  it('runs the retention jobs while it keeps collecting (a server with CHAINWATCH_COLLECT=0 does not)', async () => {
    const { io } = buffers();
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const poolId = (await testDb.db.pool.findFirstOrThrow()).id;
    const longAgo = new Date(Date.now() - 400 * 24 * 3_600_000);
    const old = await testDb.db.collectionRun.create({
      data: { poolId, kind: 'full', startedAt: longAgo, finishedAt: longAgo, outcome: 'ok', sshStatus: 'ok', srsRebuilt: 0, vdis: 0, chainChanges: 0, xapiMs: 0, sshMs: 0, writeMs: 0, totalMs: 0 },
    });
    const running = runCollect(flags().slice(1), io, { env: env(), stopSignal, retentionFirstDelayMs: 100 });
    await expect.poll(() => testDb.db.collectionRun.count({ where: { id: old.id } }), { timeout: 10_000 }).toBe(0);
    stop();
    expect(await running).toBe(0);
    // The runs of this week are kept.
    expect(await testDb.db.collectionRun.count({ where: { poolId } })).toBeGreaterThan(0);
  });

  it('refuses a --url that is not a URL without repeating its credentials', async () => {
    const { io } = buffers();
    const argv = ['--once', '--url', 'root:s3cret@pool-master:99999', '--user', 'root', '--password', 'x'];
    const refused = runCollect(argv, io, { env: env() });
    await expect(refused).rejects.toThrow('collect: --url pool-master:99999 is not a URL.');
    await expect(runCollect(argv, io, { env: env() })).rejects.not.toThrow(/s3cret/);
  });
});

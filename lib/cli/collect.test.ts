import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, emptyRunData, type TestDb } from '../db/test-db';
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

  /** A run row of the pool, `ageMs` old. */
  async function runAged(ageMs: number) {
    const poolId = (await testDb.db.pool.findFirstOrThrow()).id;
    const at = new Date(Date.now() - ageMs);
    return testDb.db.collectionRun.create({
      data: emptyRunData(poolId, at, 'failed'),
    });
  }
  const exists = (id: number) => testDb.db.collectionRun.count({ where: { id } });
  const DAY_MS = 24 * 3_600_000;

  it('runs the retention jobs while it keeps collecting', async () => {
    const { io } = buffers();
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const old = await runAged(400 * DAY_MS);
    const recent = await runAged(7 * DAY_MS);
    const running = runCollect(flags().slice(1), io, { env: env(), stopSignal, retentionFirstDelayMs: 100 });
    await expect.poll(() => exists(old.id), { timeout: 10_000 }).toBe(0);
    stop();
    expect(await running).toBe(0);
    expect(await exists(recent.id)).toBe(1);
  });

  it('runs the retention jobs once after --once too (a cron job prunes as it collects)', async () => {
    const { io } = buffers();
    const old = await runAged(400 * DAY_MS);
    const recent = await runAged(7 * DAY_MS);
    expect(await runCollect(flags(), io, { env: env() })).toBe(0);
    expect(await exists(old.id)).toBe(0);
    expect(await exists(recent.id)).toBe(1);
  });

  it('refuses a --url that is not a URL without repeating it', async () => {
    const { io } = buffers();
    for (const url of ['root:s3cret@pool-master:99999', 'root:s3/cret@pool-master']) {
      const argv = ['--once', '--url', url, '--user', 'root', '--password', 'x'];
      const error = await runCollect(argv, io, { env: env() }).catch((err: unknown) => err as Error);
      expect(error).toBeInstanceOf(CliError);
      expect((error as Error).message).toBe('collect: --url is not a URL: write https://host or host[:port] (the user and password go in --user and --password).');
    }
  });
});

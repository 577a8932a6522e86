// The collector's targets (issue #5): full sync of the `large` scenario (≤ 2 s, ≤ 300 MB),
// event-to-stored latency (≤ 5 s), bytes stored per chain-day at 1-minute collection over a
// simulated week (≤ 1 KB). Figures are printed, never asserted.
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { silentLogger } from '../lib/collector/clock';
import { DEMO_SCENARIOS } from '../lib/collector/demo';
import { startPoolLoop } from '../lib/collector/pool-loop';
import { startTestPool } from '../lib/collector/test-pool';

const ROOT = join(import.meta.dirname, '..');
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

interface SimInfo {
  xapiUrl: string;
  user: string;
  password: string;
  sshPort: number;
}

/** The simulator in a child process, so the sync's memory is measured alone. */
async function startSimProcess(scenario: string): Promise<{ info: SimInfo; stop(): void }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/chainwatch.mjs'), 'simulate', '--scenario', scenario, '--speed', '0.000001'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  return { info: JSON.parse(line) as SimInfo, stop: () => child.kill('SIGTERM') };
}

function syncInWorker(sim: SimInfo, ssh: boolean) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'collector-worker.ts'), sim.xapiUrl, sim.user, sim.password, String(sim.sshPort), ssh ? 'ssh' : 'no-ssh'],
    { encoding: 'utf8', cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`collector bench worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function fullSyncBench(): Promise<void> {
  const sim = await startSimProcess('large');
  try {
    for (const ssh of [false, true]) {
      const r = syncInWorker(sim.info, ssh);
      console.log(`full sync of "large" ${ssh ? 'with SSH (200 scans, SMlog of 8 hosts)' : 'XAPI only'}: ${r.vdis} VDIs, ${r.srs} SRs, ${r.chains} chains`);
      console.log(`  first sync (empty database)  ${r.firstMs.toFixed(0)} ms   target ≤ 2000 ms   (XAPI ${r.first.xapiMs} ms, SSH ${r.first.sshMs} ms, write ${r.first.writeMs} ms)`);
      console.log(`  next full collection         ${r.secondMs.toFixed(0)} ms   (XAPI ${r.second.xapiMs} ms, SSH ${r.second.sshMs} ms, write ${r.second.writeMs} ms)`);
      console.log(`  peak memory (maxRSS)         ${r.maxRssMb.toFixed(0)} MB   target ≤ 300 MB`);
    }
  } finally {
    sim.stop();
  }
}

async function latencyBench(): Promise<void> {
  const pool = await startTestPool(DEMO_SCENARIOS);
  const collector = pool.collector({ settings: { eventWaitMs: 30_000, collectIntervalMs: 365 * DAY_MS } });
  const { db } = pool.testDb;
  const loop = startPoolLoop(collector, { clock: { nowMs: () => pool.sim.world.nowMs(), setTimeout, clearTimeout } });
  // Anything the collector stores for a change: a VDI row, a chain row or an SR sample.
  const stamp = async () => {
    const vdi = (await db.vdi.aggregate({ _max: { updatedAt: true } }))._max.updatedAt?.getTime() ?? 0;
    return `${vdi}/${await db.chainChange.count()}/${await db.srSample.count()}`;
  };
  while ((await db.collectionRun.count()) === 0) await new Promise((r) => setTimeout(r, 10));
  const latenciesMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const before = await stamp();
    const t0 = performance.now();
    pool.sim.world.advance(HOUR_MS);
    const deadline = t0 + 10_000;
    while ((await stamp()) === before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if ((await stamp()) !== before) latenciesMs.push(performance.now() - t0);
  }
  await loop.stop();
  await pool.close();
  latenciesMs.sort((a, b) => a - b);
  const median = latenciesMs[Math.floor(latenciesMs.length / 2)] ?? NaN;
  console.log(
    `event-to-stored latency (demo scenarios, ${latenciesMs.length} of 20 simulated hours changed something): ` +
      `median ${median.toFixed(0)} ms, max ${(latenciesMs.at(-1) ?? NaN).toFixed(0)} ms   target ≤ 5000 ms`,
  );
}

/**
 * A simulated week of the demo pool at one full collection a minute (SSH reads every 15
 * minutes, as a deployment with CHAINWATCH_SSH_INTERVAL_S=900 does: a week of per-minute
 * SSH against the simulator would take most of an hour). Bytes are the database file's
 * growth after a checkpoint, indexes included.
 */
async function storageBench(days: number): Promise<void> {
  const pool = await startTestPool(DEMO_SCENARIOS);
  const collector = pool.collector({ settings: { collectIntervalMs: MINUTE_MS, sshIntervalMs: 15 * MINUTE_MS }, log: silentLogger });
  const { db, path } = pool.testDb;
  await collector.collectOnce();
  const size = async () => {
    await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    return statSync(path).size;
  };
  const startBytes = await size();
  let chainMinutes = 0;
  const t0 = performance.now();
  for (let minute = 0; minute < days * 24 * 60; minute++) {
    pool.sim.world.advance(MINUTE_MS);
    await collector.step();
    chainMinutes += collector.lastSummary?.chains ?? 0;
  }
  const grownBytes = (await size()) - startBytes;
  const chainDays = chainMinutes / (24 * 60);
  const count = async (table: string) => Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
  console.log(`storage over ${days} simulated days at 1-minute collection (demo scenarios): ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`  database grew ${(grownBytes / 1024).toFixed(0)} KiB for ${chainDays.toFixed(0)} chain-days: ${(grownBytes / chainDays).toFixed(0)} bytes per chain-day   target ≤ 1024`);
  const tables = ['CollectionRun', 'ChainChange', 'SrSample', 'GcEvent', 'SpeedReading', 'VmSnapshot', 'Vdi'];
  console.log(`  rows: ${(await Promise.all(tables.map(async (t) => `${t} ${await count(t)}`))).join(', ')}`);
  const bytesByTable = await db.$queryRawUnsafe<{ name: string; bytes: bigint }[]>(
    `SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8`,
  );
  console.log(`  largest (tables and indexes, whole database): ${bytesByTable.map((r) => `${r.name} ${(Number(r.bytes) / 1024).toFixed(0)} KiB`).join(', ')}`);
  await pool.close();
}

export { storageBench };

export async function runCollectorBench(options: { storageDays?: number } = {}): Promise<void> {
  await fullSyncBench();
  await latencyBench();
  await storageBench(options.storageDays ?? Number(process.env.CHAINWATCH_BENCH_DAYS ?? 7));
}

// The collector's targets: full sync of the `large` scenario (≤ 2 s, ≤ 300 MB), event-to-stored
// latency (≤ 5 s), bytes stored per chain-day at 1-minute collection (≤ 1 KB). Figures are
// printed, never asserted. The storage run covers the simulated week of the target (~2 minutes);
// CHAINWATCH_BENCH_DAYS=1 runs one day (~15 s, whose figure moves by a 4 KiB page: ±130 B).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { silentLogger } from '../lib/collector/clock';
import { DEMO_SCENARIOS } from '../lib/collector/demo';
import { startPoolLoop } from '../lib/collector/pool-loop';
import { startTestPool } from '../lib/collector/test-pool';
import type { World } from '../lib/simulator/world/world';
import type { ForecastFigures } from './collector-forecast';
import { serverNodeFlags } from '../scripts/server-node-flags.mjs';
import { machineReferenceMs } from './machine-reference';

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

/**
 * CPU time used so far by process `pid` (user + system), from /proc on Linux; null elsewhere.
 * The simulator shares the machine's cores with the collector, so its share is printed.
 */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The process name, in parentheses, may hold spaces and parentheses: fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

/** The simulator in a child process, so the sync's memory is measured alone. */
async function startSimProcess(scenario: string): Promise<{ info: SimInfo; cpuMs(): number | null; stop(): void }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/chainwatch.mjs'), 'simulate', '--scenario', scenario, '--speed', '0.000001'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  return { info: JSON.parse(line) as SimInfo, cpuMs: () => processCpuMs(child.pid), stop: () => child.kill('SIGTERM') };
}

/**
 * The worker compiled to one JavaScript file, as the Next server runs the collector: run
 * through tsx, the TypeScript loader alone would add ~30 MB to the peak. `bench/out/` is two
 * levels down, like the sources, so their paths relative to the project still resolve.
 */
async function buildWorker(): Promise<string> {
  await build({
    // The worker, and the forecast it loads once its memory figures are taken.
    entryPoints: [join(import.meta.dirname, 'collector-worker.ts'), join(import.meta.dirname, 'collector-forecast.ts')],
    outdir: join(ROOT, 'bench/out'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return join(ROOT, 'bench/out/collector-worker.mjs');
}

interface SyncFigures {
  vdis: number;
  srs: number;
  chains: number;
  firstMs: number;
  /** CPU time of the collector process during the first sync (all its threads). */
  firstCpuMs: number;
  secondMs: number;
  first: { xapiMs: number; sshMs: number; writeMs: number };
  second: { xapiMs: number; sshMs: number; writeMs: number };
  /** Peak of the process up to the end of the first sync. */
  firstMaxRssMb: number;
  /** Peak with the next full collection too. */
  maxRssMb: number;
  /** CPU time of the simulator during both collections, where /proc tells. */
  simCpuMs: number | null;
  /** The dashboard's pool forecast of the stored pool, when asked for. */
  forecast: ForecastFigures | null;
}

type SimProcess = Awaited<ReturnType<typeof startSimProcess>>;

/** The Node flags the server runs with (npm start): the collector runs there with them. */
const SERVER_NODE_FLAGS = serverNodeFlags();

function syncInWorker(worker: string, sim: SimProcess, ssh: boolean, forecast = false): SyncFigures {
  const { info } = sim;
  const simCpuBefore = sim.cpuMs();
  const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, worker, info.xapiUrl, info.user, info.password, String(info.sshPort), ssh ? 'ssh' : 'no-ssh', forecast ? 'forecast' : 'no-forecast'], {
    encoding: 'utf8',
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`collector bench worker failed: ${r.stderr}`);
  const simCpuAfter = sim.cpuMs();
  const figures = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<SyncFigures, 'simCpuMs'>;
  return { ...figures, simCpuMs: simCpuBefore === null || simCpuAfter === null ? null : simCpuAfter - simCpuBefore };
}

/** Runs per variant: a 2-core machine shared with the simulator varies by ±20 % from run to run. */
const SYNC_RUNS = Number(process.env.CHAINWATCH_BENCH_SYNC_RUNS ?? 3);

/** "1325–2090": the lowest and highest of the runs. */
function spread(values: number[]): string {
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function fullSyncBench(): Promise<void> {
  const worker = await buildWorker();
  const sim = await startSimProcess('large');
  try {
    // One untimed sync first: xapi is a long-running process, and so the simulator is warmed.
    syncInWorker(worker, sim, true);
    const referenceBefore = machineReferenceMs();
    const flags = SERVER_NODE_FLAGS.length > 0 ? `with ${SERVER_NODE_FLAGS.join(' ')}` : 'with no extra Node flags';
    console.log(`the collector runs in a fresh process per run, ${flags} as npm start serves it`);
    for (const ssh of [false, true]) {
      // With SSH the stored pool has its GC events and speed readings: the forecast reads them too.
      const runs = Array.from({ length: SYNC_RUNS }, () => syncInWorker(worker, sim, ssh, ssh));
      const mid = runs.find((r) => r.firstMs === median(runs.map((x) => x.firstMs)))!;
      const range = (pick: (r: SyncFigures) => number) => spread(runs.map(pick));
      console.log(`full sync of "large" ${ssh ? "with SSH (200 scans, each on its SR's host; SMlog of 8 hosts)" : 'XAPI only'}: ${mid.vdis} VDIs, ${mid.srs} SRs, ${mid.chains} chains, median of ${SYNC_RUNS} runs`);
      console.log(
        `  first sync (empty database)  ${mid.firstMs.toFixed(0)} ms   target ≤ 2000 ms   (runs ${range((r) => r.firstMs)} ms; median run: XAPI ${mid.first.xapiMs} ms, SSH ${mid.first.sshMs} ms, write ${mid.first.writeMs} ms, collector CPU ${mid.firstCpuMs.toFixed(0)} ms)`,
      );
      if (mid.simCpuMs !== null) console.log(`  the simulator's CPU, on the same cores: ${mid.simCpuMs.toFixed(0)} ms over the median run's two collections`);
      console.log(`  next full collection         ${median(runs.map((r) => r.secondMs)).toFixed(0)} ms   (runs ${range((r) => r.secondMs)} ms)`);
      console.log(`  peak memory of the first sync ${Math.max(...runs.map((r) => r.firstMaxRssMb)).toFixed(0)} MB   target ≤ 300 MB   (maxRSS, highest of the runs; ${range((r) => r.firstMaxRssMb)} MB)`);
      console.log(`  with the next full collection ${Math.max(...runs.map((r) => r.maxRssMb)).toFixed(0)} MB   (${range((r) => r.maxRssMb)} MB)`);
      const forecasts = runs.flatMap((r) => (r.forecast === null ? [] : [r.forecast]));
      if (forecasts.length > 0) {
        const pick = (f: (x: ForecastFigures) => number) => `${median(forecasts.map(f)).toFixed(0)} ms (${spread(forecasts.map(f))})`;
        console.log(
          `  the dashboard's forecast of that pool (recomputed every 30 s while a page shows it): first ${pick((f) => f.coldMs)}, again ${pick((f) => f.againMs)}, ` +
            `${(forecasts[0].bytes / 1e6).toFixed(1)} MB of JSON for the whole pool`,
        );
      }
    }
    console.log(
      `  machine reference (a fixed JSON parse, lower is faster; compare figures at like references): ${referenceBefore.toFixed(0)} ms before these runs, ${machineReferenceMs().toFixed(0)} ms after`,
    );
  } finally {
    sim.stop();
  }
}

/** From a change on the pool (a VM snapshot: new VDIs, a longer chain) to its rows in the database. */
export async function latencyBench(): Promise<void> {
  const pool = await startTestPool(DEMO_SCENARIOS);
  const world = pool.sim.world as World;
  const collector = pool.collector({ settings: { eventWaitMs: 30_000, collectIntervalMs: 365 * DAY_MS } });
  const { db } = pool.testDb;
  const loop = startPoolLoop(collector, { clock: { nowMs: () => world.nowMs(), setTimeout, clearTimeout } });
  while ((await db.collectionRun.count()) === 0) await new Promise((r) => setTimeout(r, 10));
  const vmRefs = [...world.allRecords('VM')].filter(([, vm]) => !vm.is_a_snapshot && !vm.is_control_domain).map(([ref]) => ref);
  const latenciesMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const before = await db.vdi.count();
    const t0 = performance.now();
    const result = world.snapshotVm(vmRefs[i % vmRefs.length], { nameLabel: `bench ${i}`, otherConfig: {} });
    if (!result.ok) continue;
    const deadline = t0 + 10_000;
    // Poll gently: queries queue on the one SQLite connection the collector writes through.
    while ((await db.vdi.count()) === before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if ((await db.vdi.count()) !== before) latenciesMs.push(performance.now() - t0);
  }
  await loop.stop();
  await pool.close();
  latenciesMs.sort((a, b) => a - b);
  const median = latenciesMs[Math.floor(latenciesMs.length / 2)] ?? NaN;
  console.log(
    `event-to-stored latency (VM snapshots on the demo pool, ${latenciesMs.length} changes): ` +
      `median ${median.toFixed(0)} ms, max ${(latenciesMs.at(-1) ?? NaN).toFixed(0)} ms   target ≤ 5000 ms`,
  );
}

/**
 * `days` of the demo pool at one full collection a minute (SSH reads every 15 minutes, as a
 * deployment with CHAINWATCH_SSH_INTERVAL_S=900 does: per-minute SSH against the simulator
 * would make a week take most of an hour; what SSH stores, GC events and speed readings, does
 * not depend on how often it is read). Bytes are the database file's growth after a
 * checkpoint, indexes included.
 */
export async function storageBench(days: number): Promise<void> {
  const pool = await startTestPool(DEMO_SCENARIOS);
  const collector = pool.collector({ settings: { collectIntervalMs: MINUTE_MS, sshIntervalMs: 15 * MINUTE_MS }, log: silentLogger });
  const { db, path } = pool.testDb;
  await collector.collectOnce();
  const size = async () => {
    await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    return statSync(path).size;
  };
  const bytesByName = async () =>
    new Map(
      (await db.$queryRawUnsafe<{ name: string; bytes: bigint }[]>('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name')).map((r) => [r.name, Number(r.bytes)]),
    );
  const startBytes = await size();
  const startByName = await bytesByName();
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
  const grownByName = [...(await bytesByName())]
    .map(([name, bytes]) => [name, bytes - (startByName.get(name) ?? 0)] as const)
    .filter(([, bytes]) => bytes !== 0)
    .sort((a, b) => b[1] - a[1]);
  console.log(`  growth by table and index (pages of 4 KiB): ${grownByName.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KiB`).join(', ')}`);
  await pool.close();
}

export async function runCollectorBench(options: { storageDays?: number } = {}): Promise<void> {
  await fullSyncBench();
  await latencyBench();
  await storageBench(options.storageDays ?? Number(process.env.CHAINWATCH_BENCH_DAYS ?? 7));
}

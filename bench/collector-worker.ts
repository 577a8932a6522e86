// One full sync of a running simulator into a fresh database, in a process of its own so its
// peak memory is the collector's alone. Prints one JSON line.
import { silentLogger, systemClock } from '../lib/collector/clock';
import { DEFAULT_HOST_READ_LIMITS } from '../lib/collector/host-reads';
import { PoolCollector } from '../lib/collector/pool-collector';
import { createTestDb } from '../lib/db/test-db';
import type { ForecastFigures } from './collector-forecast';

const [xapiUrl, user, password, sshPort, withSsh, withForecast] = process.argv.slice(2);
const testDb = await createTestDb();
const collector = new PoolCollector(
  {
    name: 'bench',
    url: xapiUrl,
    user,
    password,
    demo: false,
    ssh: withSsh === 'ssh' ? { user, password, port: Number(sshPort), connectTimeoutMs: 30_000, limits: DEFAULT_HOST_READ_LIMITS } : null,
  },
  // No interval: each collectOnce is its own run row, so both runs' durations can be read back.
  { collectIntervalMs: 0, callTimeoutMs: 120_000, eventWaitMs: 1_000, tolerance: 1 },
  { db: testDb.db, clock: systemClock, log: silentLogger },
);
// The database client is open before the clock starts, as a running server's is (its first
// query loads Prisma's query compiler: ~100 ms once per process).
await testDb.db.pool.count();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const first = await collector.collectOnce();
const firstMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const firstCpuMs = (cpu.user + cpu.system) / 1000;
// maxRSS only grows: read now, it is the peak of the process up to the end of the first sync.
const firstMaxRssMb = process.resourceUsage().maxRSS / 1024;
const firstRun = await testDb.db.collectionRun.findFirstOrThrow({ orderBy: { id: 'desc' } });
const t1 = performance.now();
await collector.collectOnce();
const secondMs = performance.now() - t1;
const secondRun = await testDb.db.collectionRun.findFirstOrThrow({ orderBy: { id: 'desc' } });
const maxRssMb = process.resourceUsage().maxRSS / 1024;
await collector.stop();
// The dashboard's pool forecast of what was just stored, after the memory figures: recomputed
// every 30 s while a page shows the pool. Its bundle is loaded only now (a path esbuild leaves as is).
let forecast: ForecastFigures | null = null;
if (withForecast === 'forecast') {
  const forecastBundle = new URL('./collector-forecast.mjs', import.meta.url).href;
  const { forecastFigures } = (await import(forecastBundle)) as typeof import('./collector-forecast');
  forecast = await forecastFigures(testDb.db);
}
await testDb.close();
console.log(
  JSON.stringify({
    ...first,
    firstMs,
    firstCpuMs,
    secondMs,
    first: { xapiMs: firstRun.xapiMs, sshMs: firstRun.sshMs, writeMs: firstRun.writeMs },
    second: { xapiMs: secondRun.xapiMs, sshMs: secondRun.sshMs, writeMs: secondRun.writeMs },
    firstMaxRssMb,
    maxRssMb,
    forecast,
  }),
);

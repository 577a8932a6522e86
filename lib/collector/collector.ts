/**
 * Every configured pool's loop, started staggered, plus the retention jobs; or, with no pool
 * configured and the demo allowed, the simulator and a loop watching it. `stop()` ends all.
 */
import type { Config } from '../config';
import type { Db } from '../db/client';
import { enableWriteAheadLog } from '../db/sqlite-tuning';
import type { RunningSimulator } from '../simulator/run';
import { consoleLogger, systemClock, type Clock, type Logger } from './clock';
import { checkDemoScenarios, DEMO_HISTORY_MS, DEMO_SPEED, demoTarget, startDemoLoop, startDemoSimulator } from './demo';
import { deleteDemoPools } from '../db/pools';
import { PoolCollector } from './pool-collector';
import type { CollectorSettings, PoolTarget } from './types';
import { startPoolLoop, type PoolLoop } from './pool-loop';
import { poolTarget } from './pool-targets';
import { RETENTION_FIRST_DELAY_MS, RETENTION_INTERVAL_MS, startRetention, type RetentionRunner } from './retention';

export interface StartCollectorOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  log?: Logger;
  /** Delay between the first steps of two pools. */
  staggerMs?: number;
  /** When the retention runs, on the wall clock (default: 5 minutes after the start, then hourly; the demo's 60 times sooner). */
  retention?: { firstDelayMs: number; intervalMs: number };
  /** How much past the demo pool is collected before it runs live (default DEMO_HISTORY_MS). */
  demoHistoryMs?: number;
}

export interface RunningCollector {
  /** Names of the pools watched. */
  pools: string[];
  demo: RunningSimulator | null;
  stop(): Promise<void>;
}

const DEFAULT_STAGGER_MS = 2_000;
/** Longest event.from wait: short enough that a full collection is never late by much. */
const EVENT_WAIT_MS = 30_000;

export function collectorSettings(config: Config): CollectorSettings {
  return {
    collectIntervalMs: config.collectIntervalMs,
    sshIntervalMs: config.sshIntervalMs,
    callTimeoutMs: config.callTimeoutMs,
    eventWaitMs: Math.min(EVENT_WAIT_MS, config.collectIntervalMs),
    tolerance: config.xoTolerance,
  };
}

export async function startCollector(options: StartCollectorOptions): Promise<RunningCollector> {
  const { config, db } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLogger;
  const settings = collectorSettings(config);
  await enableWriteAheadLog(db);
  const targets: { target: PoolTarget; clock: Clock }[] = config.pools.map((pool) => ({ target: poolTarget(pool), clock }));
  const startedAtMs = clock.nowMs();
  let demo: RunningSimulator | null = null;
  let demoClock: Clock | null = null;
  const demoStarts = targets.length === 0 && config.demo;
  // A mistyped scenario is refused before anything is deleted.
  if (demoStarts) await checkDemoScenarios(config.demoScenarios);
  // The last run's demo pool goes, whether a new demo starts or real pools are watched now.
  if ((await deleteDemoPools(db)) > 0) {
    log.info(`demo: the previous run's simulated pool was deleted${demoStarts ? '; a new one starts now' : ''}`);
  }
  if (demoStarts) {
    demo = await startDemoSimulator(config.demoScenarios, options.demoHistoryMs ?? DEMO_HISTORY_MS);
    const world = demo.world;
    demoClock = { ...clock, nowMs: () => world.nowMs() };
    targets.push({ target: demoTarget(demo), clock: demoClock });
    log.info('no pool configured (CHAINWATCH_POOLS): watching the demo simulator, marked as demo data');
  } else if (targets.length === 0) {
    log.info('no pool configured (CHAINWATCH_POOLS) and the demo is off (CHAINWATCH_DEMO=0): nothing to collect');
  }

  const stagger = options.staggerMs ?? DEFAULT_STAGGER_MS;
  const loops: PoolLoop[] = targets.map(({ target, clock: poolClock }, i) => {
    const collector = new PoolCollector(target, settings, { db, clock: poolClock, log });
    if (target.demo && demo !== null) return startDemoLoop(collector, demo, poolClock, startedAtMs);
    return startPoolLoop(collector, { clock: poolClock, initialDelayMs: i * stagger });
  });
  // Each runner on the clock its pools' history is timed by: the demo's runs DEMO_SPEED times
  // faster, so its runner also runs that many times more often.
  const retention: RetentionRunner[] = [startRetention({ db, clock, log, scope: { demo: false }, ...options.retention })];
  if (demoClock !== null) {
    const timing = options.retention ?? { firstDelayMs: RETENTION_FIRST_DELAY_MS / DEMO_SPEED, intervalMs: RETENTION_INTERVAL_MS / DEMO_SPEED };
    retention.push(startRetention({ db, clock: demoClock, log, scope: { demo: true }, ...timing }));
  }

  let stopping: Promise<void> | null = null;
  return {
    pools: targets.map(({ target }) => target.name),
    demo,
    stop() {
      stopping ??= (async () => {
        await Promise.all(retention.map((runner) => runner.stop()));
        await Promise.all(loops.map((loop) => loop.stop()));
        await demo?.stop();
      })();
      return stopping;
    },
  };
}

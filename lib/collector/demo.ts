/**
 * The demo: with no pool configured, the dashboard watches the embedded simulator, a pool
 * whose time runs `DEMO_SPEED` times faster. Its rows carry `demo = true`, and its collector
 * runs on the simulated clock, so every stored time of the demo pool is simulated time. The
 * pool starts `DEMO_HISTORY_MS` in the past and its collector catches up an hour at a time, so
 * the first page already shows a past: charts, GC runs, coalesce speeds, backup schedules.
 */
import type { RunningSimulator } from '../simulator/run';
import { unknownScenariosMessage } from '../simulator/scenario-list';
import type { Clock } from './clock';
import { DEFAULT_HOST_READ_LIMITS } from './host-reads';
import type { PoolCollector } from './pool-collector';
import { startPoolLoop, type PoolLoop } from './pool-loop';
import type { PoolTarget } from './types';

export const DEMO_SCENARIOS = ['healthy', 'slow-sr', 'oscillating-leaf', 'pinned-by-snapshots'];
export const DEMO_SPEED = 60;
export const DEMO_POOL_NAME = 'Demo pool (simulated)';
const HOUR_MS = 3_600_000;
/** Two nights of backups: enough for the schedules, speeds and trends the dashboard shows. */
export const DEMO_HISTORY_MS = 48 * HOUR_MS;

/** Throws, naming them, when CHAINWATCH_SCENARIOS has names no scenario has. */
export async function checkDemoScenarios(scenarios: readonly string[] | null): Promise<void> {
  const { scenarioNames } = await import('../simulator/scenarios');
  const unknown = unknownScenariosMessage(scenarios ?? [], scenarioNames());
  if (unknown !== null) throw new Error(`CHAINWATCH_SCENARIOS: ${unknown}`);
}

/**
 * The demo's simulator, with `scenarios` (CHAINWATCH_SCENARIOS, which the caller checked first
 * with checkDemoScenarios) or the default four, its clock `historyMs` behind the wall clock
 * (startDemoLoop catches up).
 */
export async function startDemoSimulator(scenarios: readonly string[] | null = null, historyMs = DEMO_HISTORY_MS): Promise<RunningSimulator> {
  const { startSimulator } = await import('../simulator/run');
  return startSimulator({ scenarios: [...(scenarios ?? DEMO_SCENARIOS)], speed: DEMO_SPEED, startMs: Date.now() - historyMs });
}

/**
 * The demo's loop: first the simulator's past, an hour of it per step as fast as the collector
 * goes (a full collection each: records, SSH, every SR), until the pool's clock reaches
 * `untilMs`; then the usual loop on the pool's clock. `stop()` ends either part.
 */
export function startDemoLoop(collector: PoolCollector, simulator: RunningSimulator, clock: Clock, untilMs: number): PoolLoop {
  const world = simulator.world;
  let stopped = false;
  let loop: PoolLoop | null = null;
  const catchUp = (async () => {
    await collector.step();
    while (!stopped && world.nowMs() < untilMs) {
      world.advance(Math.min(HOUR_MS, untilMs - world.nowMs()));
      // A failed step is recorded as a failed run; the next hour tries again.
      await collector.step();
    }
    if (!stopped) loop = startPoolLoop(collector, { clock });
  })();
  return {
    async stop() {
      stopped = true;
      await catchUp;
      if (loop !== null) await loop.stop();
      else await collector.stop();
    },
  };
}

export function demoTarget(simulator: RunningSimulator): PoolTarget {
  return {
    name: DEMO_POOL_NAME,
    url: simulator.xapiUrl,
    user: simulator.user,
    password: simulator.password,
    demo: true,
    ssh: {
      user: simulator.user,
      password: simulator.password,
      port: simulator.sshPort,
      connectTimeoutMs: 5_000,
      limits: DEFAULT_HOST_READ_LIMITS,
    },
  };
}

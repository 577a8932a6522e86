/**
 * The demo: with no pool configured, the dashboard watches the embedded simulator, a pool
 * whose time runs `DEMO_SPEED` times faster. Its rows carry `demo = true`, and its collector
 * runs on the simulated clock, so every stored time of the demo pool is simulated time.
 */
import type { RunningSimulator } from '../simulator/run';
import { unknownScenariosMessage } from '../simulator/scenario-list';
import { DEFAULT_HOST_READ_LIMITS } from './host-reads';
import type { PoolTarget } from './types';

export const DEMO_SCENARIOS = ['healthy', 'slow-sr', 'oscillating-leaf', 'pinned-by-snapshots'];
export const DEMO_SPEED = 60;
export const DEMO_POOL_NAME = 'Demo pool (simulated)';

/** Throws, naming them, when CHAINWATCH_SCENARIOS has names no scenario has. */
export async function checkDemoScenarios(scenarios: readonly string[] | null): Promise<void> {
  const { scenarioNames } = await import('../simulator/scenarios');
  const unknown = unknownScenariosMessage(scenarios ?? [], scenarioNames());
  if (unknown !== null) throw new Error(`CHAINWATCH_SCENARIOS: ${unknown}`);
}

/** The demo's simulator, with `scenarios` (CHAINWATCH_SCENARIOS, checked) or the default four. */
export async function startDemoSimulator(scenarios: readonly string[] | null = null): Promise<RunningSimulator> {
  await checkDemoScenarios(scenarios);
  const { startSimulator } = await import('../simulator/run');
  return startSimulator({ scenarios: [...(scenarios ?? DEMO_SCENARIOS)], speed: DEMO_SPEED });
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

import type { SimCredentials } from '../types';
import { SCENARIOS, isScenarioName, type ScenarioName } from '../scenarios';
import { buildWorld, type World } from './world';

export type { World } from './world';
export type { BackupRun, CoalesceRun, ScenarioInfo } from './model';
export { SCENARIOS, type ScenarioName };

export interface CreateWorldOptions {
  /** Scenario names (see `SCENARIOS`); each adds its SRs and VMs to the one pool. */
  scenarios: readonly string[];
  seed?: number;
  startMs?: number;
  credentials?: SimCredentials;
  changeLogLimit?: number;
}

/** A simulated XCP-ng pool built from scenarios. Deterministic for a given seed and start time. */
export function createWorld(opts: CreateWorldOptions): World {
  const unknown = opts.scenarios.filter((name) => !isScenarioName(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown simulator scenario ${unknown.join(', ')}: pick from ${Object.keys(SCENARIOS).join(', ')}`);
  }
  const setups = (opts.scenarios as ScenarioName[]).map((name) => ({ name, description: SCENARIOS[name].description, setup: SCENARIOS[name] }));
  return buildWorld(setups, opts);
}

import type { ScenarioSetup } from '../world/world';

/** A named slice of the demo pool: its SRs, VMs, backup jobs and timed events. */
export interface ScenarioDefinition extends ScenarioSetup {
  description: string;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

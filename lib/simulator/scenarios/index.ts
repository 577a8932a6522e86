import type { ScenarioDefinition } from './scenario';
import { healthy } from './healthy';
import { slowSr } from './slow-sr';
import { oscillatingLeaf } from './oscillating-leaf';
import { pinnedBySnapshots } from './pinned-by-snapshots';
import { staleParent } from './stale-parent';
import { nearLimit } from './near-limit';
import { overlappingJobs } from './overlapping-jobs';
import { masterFailover } from './master-failover';
import { flappingXapi } from './flapping-xapi';
import { hostileNames } from './hostile-names';
import { large } from './large';

export type { ScenarioDefinition } from './scenario';

/** Every scenario a world can be built from; several compose into one pool. */
export const SCENARIOS = {
  healthy,
  'slow-sr': slowSr,
  'oscillating-leaf': oscillatingLeaf,
  'pinned-by-snapshots': pinnedBySnapshots,
  'stale-parent': staleParent,
  'near-limit': nearLimit,
  'overlapping-jobs': overlappingJobs,
  'master-failover': masterFailover,
  'flapping-xapi': flappingXapi,
  'hostile-names': hostileNames,
  large,
} satisfies Record<string, ScenarioDefinition>;

export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

export function scenarioNames(): ScenarioName[] {
  return Object.keys(SCENARIOS) as ScenarioName[];
}

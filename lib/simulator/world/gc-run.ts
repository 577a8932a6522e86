import type { SimSr, VhdNode, WorldContext } from './model';
import type { LogFilter } from './gc-log-state';
import type { SmProcess } from './sm-log';

/** One SMGC process working on one SR (`_gcLoop`), from start to "GC process exiting". */
export interface GcRun {
  ctx: WorldContext;
  sr: SimSr;
  proc: SmProcess;
  filter: LogFilter;
  /** The "Garbage Collection" task, once there is work. */
  taskRef: string | null;
  /** Pairs done by this process (the task's `done`). */
  coalesced: number;
  /** Candidates found by the last search (the task's `coalescable`). */
  coalescable: number;
  /** `_failedCoalesceTargets`: skipped for the rest of this process. */
  failed: Set<string>;
  /** VDIs the last search could not coalesce for lack of space. */
  noSpace: Set<string>;
}

export const SECOND_MS = 1000;

/** Convenience: is the node still on the SR. */
export function present(run: GcRun, node: VhdNode): boolean {
  return run.sr.vhds.get(node.uuid) === node;
}

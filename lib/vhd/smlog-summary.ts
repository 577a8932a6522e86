/**
 * What the GC did, counted from a parsed SMlog. Goes as is into `chainwatch analyze --format json`
 * under `"smlog"`.
 */
import type { SmlogEvent, SmlogEventKind, SmlogParseResult } from './types';

export interface SmlogSummaryEvent extends SmlogEvent {
  /** `atMs` as an ISO 8601 UTC string. */
  at: string;
  /** One of the `failures` kinds, logged by the GC. */
  failure: boolean;
}

/**
 * How cleanup.py logs one operation, and so how each figure counts (only SMGC lines count, per pid,
 * since one GC process runs per SR):
 * - `lines`, `gcLines`, `gcPids`: as in the parse result (syslog lines incl. malformed; SMGC lines;
 *   SMGC pids in order of appearance).
 * - `coalesceAttempts`: coalesce operations started. `SR.coalesce` logs `Coalescing A -> B` and
 *   `SR.coalesceLeaf` logs `Leaf-coalescing A -> B`; each is one attempt. Inside them, every
 *   `Running VHD coalesce on` (one per snapshot-coalesce iteration, one for the final live pass) is
 *   part of that attempt. A `Running VHD coalesce` with no such start before it in its pid (the log
 *   starts mid-operation) counts as one attempt, and later ones join it. An operation ends at the
 *   SR update `_gcLoop` starts after each step, at the next start or candidate line (the next
 *   round's search), or at a GC start, quiet period or exit.
 * - `leafCoalesceCandidates`: distinct VDIs (uuid prefixes) named by `Leaf-coalesce candidate:`,
 *   which SM logs twice per round (`hasWork` and the round itself search for it).
 * - `failures`: failed operations. These kinds mean the GC did not do what it set out to:
 *   snapshot-coalesce abandoned, max iterations, no progress for n iterations, unexpected size bump,
 *   set leaf-coalesce offline, no space, coalesce failed, exception, undo leaf-coalesce. One failed
 *   operation logs several of them (`Max iterations (10) exceeded`, then `leaf-coalesce: EXCEPTION`,
 *   then `Leaf-coalesce failed on ..., skipping`; or `Snapshot-coalesce did not help` then `Set
 *   leaf-coalesce = offline`), so failure lines of one pid count once until an operation boundary
 *   (as for `coalesceAttempts`) or a new attempt. Each such event has `failure: true`.
 * - `events`: every SMGC line, plus the lines of other idents that are more than `other` (commands,
 *   exceptions); the rest of SM's chatter is left out.
 */
export interface SmlogSummary {
  lines: number;
  gcLines: number;
  gcPids: number[];
  coalesceAttempts: number;
  leafCoalesceCandidates: number;
  failures: number;
  events: SmlogSummaryEvent[];
}

/** cleanup.py logs these when an operation fails or is given up (the GC timeline marks them too). */
export const FAILURE_KINDS: ReadonlySet<string> = new Set<SmlogEventKind>([
  'snapshot-coalesce-abandoned',
  'max-iterations',
  'no-progress-iterations',
  'unexpected-size-bump',
  'set-leaf-coalesce-offline',
  'no-space',
  'coalesce-failed',
  'exception',
  'undo-leaf-coalesce',
]);

const OPERATION_BOUNDARIES: ReadonlySet<SmlogEventKind> = new Set<SmlogEventKind>([
  'gc-start',
  'gc-quiet',
  'gc-exit',
  'gc-already-active',
  'sr-update',
  'coalesce-candidate',
  'leaf-coalesce-candidate',
]);

const OPTIONAL_KEYS = [
  'srUuid',
  'srUuidPrefix',
  'srName',
  'treeDepth',
  'treeHeight',
  'attempt',
  'iterations',
  'sizeBytes',
  'freeSpaceBytes',
  'vdiCount',
  'treeCount',
  'argv',
  'exceptionTag',
  'exceptionType',
  'exceptionMessage',
] as const satisfies readonly (keyof SmlogEvent)[];

interface PidState {
  inOperation: boolean;
  inFailure: boolean;
}

export function summarizeSmlog(result: SmlogParseResult): SmlogSummary {
  const pids = new Map<number, PidState>();
  const leafCandidates = new Set<string>();
  const events: SmlogSummaryEvent[] = [];
  let coalesceAttempts = 0;
  let failures = 0;

  for (const event of result.events) {
    const byGc = event.ident === 'SMGC';
    const failure = byGc && FAILURE_KINDS.has(event.kind);
    if (byGc) {
      const state = pids.get(event.pid) ?? { inOperation: false, inFailure: false };
      pids.set(event.pid, state);
      if (startsAttempt(event, state)) {
        coalesceAttempts++;
        state.inOperation = true;
        state.inFailure = false;
      } else if (OPERATION_BOUNDARIES.has(event.kind)) {
        state.inOperation = false;
        state.inFailure = false;
      }
      if (failure && !state.inFailure) failures++;
      state.inFailure ||= failure;
      if (event.kind === 'leaf-coalesce-candidate') event.vdis.forEach((vdi) => leafCandidates.add(vdi.uuidPrefix));
    }
    if (byGc || event.kind !== 'other') events.push(withTime(event, failure));
  }

  return {
    lines: result.lines,
    gcLines: result.gcLines,
    gcPids: result.gcPids,
    coalesceAttempts,
    leafCoalesceCandidates: leafCandidates.size,
    failures,
    events,
  };
}

/** The fixed fields first, so that the copies share one object shape (a spread is slow on a million events). */
function withTime(event: SmlogEvent, failure: boolean): SmlogSummaryEvent {
  const { kind, atMs, host, ident, pid, line, message, vdis } = event;
  const at = new Date(atMs).toISOString();
  const copy: SmlogSummaryEvent = { kind, at, atMs, host, ident, pid, line, message, vdis, failure };
  for (const key of OPTIONAL_KEYS) {
    if (event[key] !== undefined) Object.assign(copy, { [key]: event[key] });
  }
  return copy;
}

function startsAttempt(event: SmlogEvent, state: PidState): boolean {
  if (event.kind === 'coalescing' || event.kind === 'leaf-coalescing') return true;
  return event.kind === 'running-coalesce' && !state.inOperation;
}

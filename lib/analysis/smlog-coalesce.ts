/**
 * When the GC merged what, read from SMlog. SMGC logs the start of each merge
 * (`Coalescing A -> B`, `  Running VHD coalesce on A`, `Leaf-coalescing A -> B`) but not its
 * end: the next line the same GC process writes (under `SMGC` or `SM`) marks it.
 */
import type { SmlogEvent, SmlogEventKind, VdiToken } from '../vhd/types';

export interface CoalesceInterval {
  kind: 'coalesce' | 'leaf-coalesce';
  host: string;
  pid: number;
  /** SR of the GC process (from its `=== SR <uuid>: gc ===` line), null when not seen. */
  srUuid: string | null;
  /** The VHD merged into its parent. */
  vdi: VdiToken | null;
  parent: VdiToken | null;
  startMs: number;
  endMs: number;
  /** Bytes moved: the child's size as printed (allocated, else physical, else its LV), else the `Coalesced size` logged just before. */
  bytes: number | null;
  bytesFrom: 'vdi-size' | 'coalesced-size' | null;
  outcome: 'done' | 'failed' | 'gave-up';
}

const FAILURE_KINDS = new Set<SmlogEventKind>(['coalesce-failed', 'exception', 'no-space']);
const LEAF_END_KINDS = new Set<SmlogEventKind>([
  'finish-leaf-coalesce',
  'undo-leaf-coalesce',
  'set-leaf-coalesce-offline',
  'snapshot-coalesce-abandoned',
  'max-iterations',
  'no-progress-iterations',
  'coalesce-failed',
  'exception',
  'gc-exit',
  'gc-quiet',
  'gc-start',
  'coalesce-candidate',
  'leaf-coalesce-candidate',
  'leaf-coalescing',
  'coalescing',
]);
const GIVE_UP_KINDS = new Set<SmlogEventKind>([
  'set-leaf-coalesce-offline',
  'snapshot-coalesce-abandoned',
  'max-iterations',
  'no-progress-iterations',
  'undo-leaf-coalesce',
]);
/** A `Coalesced size` older than this is not about the merge that starts now. */
const COALESCED_SIZE_MAX_AGE_MS = 60_000;

interface Open {
  interval: Omit<CoalesceInterval, 'endMs' | 'outcome'>;
  startedBy: SmlogEventKind;
}

interface ProcessState {
  srUuid: string | null;
  coalesce: Open | null;
  leaf: Open | null;
  lastCoalescedSize: { bytes: number; atMs: number } | null;
}

function tokenBytes(token: VdiToken | undefined): number | null {
  if (!token) return null;
  return token.allocatedBytes ?? token.sizeBytes ?? token.lvSizeBytes ?? null;
}

function open(kind: CoalesceInterval['kind'], event: SmlogEvent, state: ProcessState): Open {
  const vdi = event.vdis[0] ?? null;
  const recent = state.lastCoalescedSize;
  const sizeFromVdi = tokenBytes(event.vdis[0]);
  const sizeFromLog = recent && event.atMs - recent.atMs <= COALESCED_SIZE_MAX_AGE_MS ? recent.bytes : null;
  return {
    startedBy: event.kind,
    interval: {
      kind,
      host: event.host,
      pid: event.pid,
      srUuid: state.srUuid,
      vdi,
      parent: event.vdis[1] ?? null,
      startMs: event.atMs,
      bytes: sizeFromVdi ?? sizeFromLog,
      bytesFrom: sizeFromVdi !== null ? 'vdi-size' : sizeFromLog !== null ? 'coalesced-size' : null,
    },
  };
}

function close(o: Open, event: SmlogEvent, outcome: CoalesceInterval['outcome']): CoalesceInterval {
  return { ...o.interval, endMs: event.atMs, outcome };
}

/** Every merge SMlog shows, in start order. Events may come from several hosts and GC processes. */
export function coalesceIntervals(events: readonly SmlogEvent[]): CoalesceInterval[] {
  const ordered = [...events].sort((a, b) => a.atMs - b.atMs || a.line - b.line);
  const states = new Map<string, ProcessState>();
  const found: CoalesceInterval[] = [];

  for (const event of ordered) {
    const key = `${event.host}\u0000${event.pid}`;
    let state = states.get(key);
    if (!state || event.kind === 'gc-start') {
      state = { srUuid: event.srUuid ?? state?.srUuid ?? null, coalesce: null, leaf: null, lastCoalescedSize: null };
      states.set(key, state);
    }
    if (event.srUuid && (event.kind === 'gc-start' || event.kind === 'tree-dump')) state.srUuid = event.srUuid;

    const c = state.coalesce;
    if (c) {
      const refines = c.startedBy === 'coalescing' && (event.kind === 'running-coalesce' || event.kind === 'coalesced-size');
      if (refines && event.kind === 'running-coalesce') {
        const refined = open('coalesce', event, state);
        refined.interval.parent = c.interval.parent;
        state.coalesce = refined;
      } else if (refines && event.sizeBytes !== undefined && c.interval.bytes === null) {
        c.interval.bytes = event.sizeBytes;
        c.interval.bytesFrom = 'coalesced-size';
      } else if (!refines) {
        found.push(close(c, event, FAILURE_KINDS.has(event.kind) ? 'failed' : 'done'));
        state.coalesce = null;
      }
    }

    const l = state.leaf;
    if (l && LEAF_END_KINDS.has(event.kind)) {
      const sameLeaf = event.kind === 'leaf-coalesce-candidate' && event.vdis[0]?.uuidPrefix === l.interval.vdi?.uuidPrefix;
      if (!sameLeaf) {
        const outcome = GIVE_UP_KINDS.has(event.kind) ? 'gave-up' : FAILURE_KINDS.has(event.kind) ? 'failed' : 'done';
        found.push(close(l, event, outcome));
        state.leaf = null;
      }
    }

    if (event.kind === 'coalesced-size' && event.sizeBytes !== undefined) {
      state.lastCoalescedSize = { bytes: event.sizeBytes, atMs: event.atMs };
    } else if ((event.kind === 'coalescing' || event.kind === 'running-coalesce') && !state.coalesce) {
      state.coalesce = open('coalesce', event, state);
      state.lastCoalescedSize = null;
    } else if (event.kind === 'leaf-coalescing') {
      state.leaf = open('leaf-coalesce', event, state);
    }
  }
  return found.sort((a, b) => a.startMs - b.startMs);
}

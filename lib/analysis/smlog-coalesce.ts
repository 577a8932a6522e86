/**
 * When the GC merged what, read from SMlog. SMGC logs the start of each merge
 * (`Coalescing A -> B`, `  Running VHD coalesce on A`, `Leaf-coalescing A -> B`) but not its
 * end: the next line the same GC process writes (under `SMGC` or `SM`) marks it.
 */
import type { SmlogEvent, SmlogEventKind, VdiToken } from '../vhd/types';

/** SMGC prints VDIs by the first 8 hex digits of their uuid. */
export function uuidPrefixOf(id: string): string {
  return (/[0-9a-f]{8}(?=-[0-9a-f]{4}-)/i.exec(id)?.[0] ?? id.slice(0, 8)).toLowerCase();
}

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

/**
 * The SR a GC line names: `=== SR <uuid>: gc ===` whole, a tree-dump header only by its first
 * 4 characters, resolved against the SRs the caller knows (the parser cannot when the log is
 * read piece by piece).
 */
function srNamed(e: SmlogEvent, knownSrUuids: readonly string[]): string | null {
  if (e.kind !== 'gc-start' && e.kind !== 'tree-dump') return null;
  if (e.srUuid) return e.srUuid;
  const prefix = e.srUuidPrefix;
  const matches = prefix ? knownSrUuids.filter((u) => u.startsWith(prefix)) : [];
  return matches.length === 1 ? matches[0] : null;
}

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
export function coalesceIntervals(events: readonly SmlogEvent[], knownSrUuids: readonly string[] = []): CoalesceInterval[] {
  const ordered = [...events].sort((a, b) => a.atMs - b.atMs || a.line - b.line);
  const states = new Map<string, ProcessState>();
  const found: CoalesceInterval[] = [];

  for (const event of ordered) {
    const key = `${event.host}\u0000${event.pid}`;
    let state = states.get(key);
    if (!state || event.kind === 'gc-start') {
      state = { srUuid: state?.srUuid ?? null, coalesce: null, leaf: null, lastCoalescedSize: null };
      states.set(key, state);
    }
    state.srUuid = srNamed(event, knownSrUuids) ?? state.srUuid;

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

/** A merge SMlog shows started and not yet ended: the GC process has written nothing since. */
export interface OpenMerge {
  kind: CoalesceInterval['kind'];
  srUuid: string | null;
  /** First 8 hex digits of the VHD being merged. */
  uuidPrefix: string;
  startMs: number;
}

const START_KINDS = new Set<SmlogEventKind>(['coalescing', 'running-coalesce', 'leaf-coalescing']);

/** The merges under way at the end of the log, one per GC process at most. */
export function openMerges(events: readonly SmlogEvent[], knownSrUuids: readonly string[] = []): OpenMerge[] {
  const ordered = [...events].sort((a, b) => a.atMs - b.atMs || a.line - b.line);
  const lastByProcess = new Map<string, SmlogEvent>();
  const srByProcess = new Map<string, string>();
  const startByProcess = new Map<string, SmlogEvent>();
  for (const e of ordered) {
    const key = `${e.host}\u0000${e.pid}`;
    const sr = srNamed(e, knownSrUuids);
    if (sr) srByProcess.set(key, sr);
    lastByProcess.set(key, e);
    if (START_KINDS.has(e.kind) && !(e.kind === 'running-coalesce' && startByProcess.get(key)?.kind === 'leaf-coalescing')) startByProcess.set(key, e);
    if (e.kind === 'gc-exit' || e.kind === 'finish-leaf-coalesce' || e.kind === 'removed-leaf-coalesce') startByProcess.delete(key);
  }
  const open: OpenMerge[] = [];
  for (const [key, start] of startByProcess) {
    const last = lastByProcess.get(key)!;
    const stillRunning = last === start || (start.kind === 'leaf-coalescing' && !GIVE_UP_KINDS.has(last.kind));
    const prefix = start.vdis[0]?.uuidPrefix;
    if (!stillRunning || !prefix) continue;
    const kind = start.kind === 'leaf-coalescing' ? 'leaf-coalesce' : 'coalesce';
    open.push({ kind, srUuid: srByProcess.get(key) ?? null, uuidPrefix: prefix.toLowerCase(), startMs: start.atMs });
  }
  return open;
}

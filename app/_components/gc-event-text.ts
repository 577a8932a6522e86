/**
 * SMGC lines in words, for the GC timelines: "Coalescing *e25e01be → *43454904" instead of
 * `Coalescing *e25e01be[VHD](500.000G//152.000M|ao) -> *43454904[VHD](...)`. A star marks a
 * hidden VHD (base copy), as SM prints it.
 */
import type { GcEventView } from '@/lib/db/read/gc-event-view';
import { formatBytes } from './format';

export type GcEventTone = 'failure' | 'success' | 'work' | 'quiet';

const vdi = (e: GcEventView, i: number) => {
  const v = e.vdis[i];
  return v === undefined ? 'a VDI' : `${v.hidden ? '*' : ''}${v.uuidPrefix}`;
};

const count = (n: number | null, one: string, many = `${one}s`) => (n === null ? `some ${many}` : `${n} ${n === 1 ? one : many}`);

type Describe = (e: GcEventView) => string;

const TEXT: Partial<Record<GcEventView['kind'], Describe>> = {
  'gc-start': (e) => `GC started${e.srUuid ? ` on SR ${e.srUuid.slice(0, 8)}` : ''}`,
  'gc-quiet': () => 'GC about to go quiet (it pauses 5 minutes before looking again)',
  'gc-exit': (e) => (e.message.includes('No work') ? 'GC found no work and stopped' : 'GC finished: no work left'),
  'gc-already-active': () => 'Another GC was already running on this SR',
  'tree-dump': (e) => (e.vdiCount === null ? `VHD tree line: ${vdi(e, 0)}` : `GC sees ${count(e.vdiCount, 'VDI')} in ${count(e.treeCount, 'VHD tree')}`),
  'coalesce-candidate': (e) => `Picked ${vdi(e, 0)} to coalesce${e.treeHeight === null ? '' : ` (tree height ${e.treeHeight})`}`,
  coalescing: (e) => `Coalescing ${vdi(e, 0)} → ${vdi(e, 1)}`,
  'coalesced-size': (e) => `Coalesced size will be ${e.sizeBytes === null ? 'unknown' : formatBytes(e.sizeBytes)}`,
  'running-coalesce': (e) => `Running vhd-util coalesce on ${vdi(e, 0)}`,
  'leaf-coalesce-candidate': (e) => `Leaf-coalesce candidate: ${vdi(e, 0)}`,
  'leaf-coalescing': (e) => `Leaf-coalescing ${vdi(e, 0)} → ${vdi(e, 1)}`,
  'single-snapshotting': (e) => `Snapshotting ${vdi(e, 0)} to coalesce the snapshot while the VM runs`,
  'coalescing-parent': (e) => `Coalescing parent ${vdi(e, 0)}`,
  'no-progress': (e) => `No progress on the leaf-coalesce (attempt ${e.attempt ?? '?'})`,
  'max-iterations': (e) => `Gave up leaf-coalesce after ${count(e.iterations, 'iteration')}`,
  'no-progress-iterations': (e) => `Gave up leaf-coalesce: no progress for ${count(e.iterations, 'iteration')}`,
  'unexpected-size-bump': () => 'Gave up leaf-coalesce: the disk grew faster than the GC could merge',
  'set-leaf-coalesce-offline': (e) => `${vdi(e, 0)} needs an offline coalesce (VM shut down): live leaf-coalesce abandoned`,
  'removed-leaf-coalesce': (e) => `Cleared the leaf-coalesce setting of ${vdi(e, 0)}`,
  'snapshot-coalesce-abandoned': () => 'Snapshot-coalesce did not help: gave up',
  'no-space': (e) =>
    `No space to coalesce ${vdi(e, 0)}${e.freeSpaceBytes === null ? '' : ` (${formatBytes(Math.max(0, e.freeSpaceBytes))} free)`}`,
  'coalesce-failed': (e) => (e.vdis.length > 0 ? `Leaf-coalesce of ${vdi(e, 0)} failed, skipped` : 'Coalesce failed, skipped'),
  'finish-leaf-coalesce': () => 'Leaf-coalesce finished',
  'undo-leaf-coalesce': () => 'Leaf-coalesce undone (rolled back)',
  exception: (e) => `Error${e.exceptionType ? ` (${e.exceptionType})` : ''}: ${e.exceptionMessage || e.message}`,
  command: (e) => `Ran ${e.program ?? 'a command'}`,
};

export function describeGcEvent(e: GcEventView): string {
  return TEXT[e.kind]?.(e) ?? e.message.trim();
}

export function gcEventTone(e: GcEventView): GcEventTone {
  if (e.failure) return 'failure';
  if (e.kind === 'finish-leaf-coalesce' || e.kind === 'gc-exit') return 'success';
  if (e.kind === 'coalescing' || e.kind === 'leaf-coalescing' || e.kind === 'running-coalesce' || e.kind === 'coalescing-parent') return 'work';
  return 'quiet';
}

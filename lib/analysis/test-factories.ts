/** Factories for the analysis tests: histories built from a few numbers, not hand-written records. */
import type { SmlogEvent, SmlogEventKind, VdiToken } from '../vhd/types';
import type { ChainLengthPoint, LeafHistory, SnapshotRecord, SrAggregate, SrHistory } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MB = 1_000_000;
export const GB = 1_000_000_000;
/** Monday 2024-03-04 00:00 UTC. */
export const MONDAY = Date.UTC(2024, 2, 4);

export function token(prefix: string, overrides: Partial<VdiToken> = {}): VdiToken {
  return {
    raw: `${overrides.hidden ? '*' : ''}${prefix}[VHD](20.000G//100.000M|ao)`,
    hidden: false,
    uuidPrefix: prefix,
    vdiType: 'VHD',
    format: 'lvm-3',
    virtualSizeBytes: 20 * GB,
    sizeBytes: null,
    allocatedBytes: null,
    lvSizeBytes: 100 * MB,
    flags: 'ao',
    ...overrides,
  };
}

let line = 0;
export function smlogEvent(kind: SmlogEventKind, atMs: number, overrides: Partial<SmlogEvent> = {}): SmlogEvent {
  line += 1;
  return {
    kind,
    atMs,
    host: 'xcp1',
    ident: 'SMGC',
    pid: 628,
    line,
    message: kind,
    vdis: [],
    ...overrides,
  };
}

/** One GC coalesce in SMlog: start line, then the GC's next line `durationMs` later. */
export function coalesceEvents(startMs: number, durationMs: number, bytes: number, pid = 628, prefix = 'e25e01be'): SmlogEvent[] {
  return [
    smlogEvent('running-coalesce', startMs, { pid, vdis: [token(prefix, { hidden: true, lvSizeBytes: bytes })] }),
    smlogEvent('command', startMs + durationMs, { pid, ident: 'SM', message: "['/sbin/lvremove', ...]" }),
  ];
}

export function aggregate(atMs: number, backlogBytes: number, gcRunning = true, overrides: Partial<SrAggregate> = {}): SrAggregate {
  return {
    atMs,
    nodes: 10,
    hiddenNodes: 4,
    backlogNodes: backlogBytes > 0 ? 1 : 0,
    backlogBytes,
    maxChainLength: 3,
    gcRunning,
    ...overrides,
  };
}

export function srHistory(overrides: Partial<SrHistory> = {}): SrHistory {
  return { srId: 'sr1', aggregates: [], speedLog: [], smlog: [], gaps: [], ...overrides };
}

/** Chain-length change points from a list of lengths, `stepMs` apart. */
export function lengthPoints(startMs: number, stepMs: number, lengths: number[]): ChainLengthPoint[] {
  return lengths.map((length, i) => ({ atMs: startMs + i * stepMs, length, hidden: length - 1 }));
}

export function leafHistory(points: ChainLengthPoint[], leafId = '7ef76d55-683d-430f-91e6-39e5cceb9ec1'): LeafHistory {
  return { leafId, srId: 'sr1', vmId: 'vm1', points };
}

/** XO's `xo:backup:datetime` format. */
export function xoDatetime(atMs: number): string {
  return new Date(atMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function xoSnapshot(vmUuid: string, atMs: number, job = 'job-a', overrides: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    vmUuid,
    snapshotUuid: `snap-${vmUuid}-${atMs}`,
    snapshotTimeMs: atMs,
    otherConfig: {
      'xo:backup:job': job,
      'xo:backup:schedule': `${job}-schedule`,
      'xo:backup:vm': vmUuid,
      'xo:backup:datetime': xoDatetime(atMs),
    },
    nameLabel: `[XO Backup ${job}] ${vmUuid}`,
    ...overrides,
  };
}

/**
 * Inputs of the forecasts: history as the collector stores it (changes, not samples), and
 * the shapes the forecasts share. Every time is epoch milliseconds, UTC.
 */
import type { SmlogEvent } from '../vhd/types';

/** A change of one leaf's chain: written when its length or hidden count changes. */
export interface ChainLengthPoint {
  atMs: number;
  /** VHDs root → leaf inclusive. */
  length: number;
  /** Hidden VHDs (base copies) in the chain. */
  hidden: number;
}

/** The chain history of one leaf VDI, points in time order. */
export interface LeafHistory {
  leafId: string;
  srId: string;
  vmId?: string;
  points: ChainLengthPoint[];
}

/** Per-SR figures of one collection. */
export interface SrAggregate {
  atMs: number;
  nodes: number;
  hiddenNodes: number;
  /** VHDs the GC still has to merge (coalesce or leaf-coalesce), garbage excluded. */
  backlogNodes: number;
  /** Allocated bytes of those VHDs. */
  backlogBytes: number;
  maxChainLength: number;
  /** A "Garbage Collection" task (or an SMGC process) was seen for this SR. */
  gcRunning: boolean;
}

/** A time span with no collection: nothing is known about it, nothing is interpolated across it. */
export interface CollectionGap {
  fromMs: number;
  toMs: number;
}

/** One line of `/run/<sr-uuid>.speed_log`; atMs = when the collector first saw that line. */
export interface SpeedReading {
  atMs: number;
  bytesPerSec: number;
}

/** A VM snapshot as seen on the pool (kept after deletion: it is the backup history). */
export interface SnapshotRecord {
  vmUuid: string;
  snapshotUuid: string;
  /** XAPI `snapshot_time`. */
  snapshotTimeMs: number;
  /** Snapshot VM `other_config` (`xo:backup:job`, `xo:backup:schedule`, `xo:backup:datetime`...). */
  otherConfig: Record<string, string>;
  /** Snapshot VM name_label (`[XO Backup <job>] <vm>`), untrusted text. */
  nameLabel?: string;
}

/** Everything stored about one SR that the speed estimate reads. */
export interface SrHistory {
  /** The SR as the records name it (`VhdRecord.srId`). */
  srId: string;
  /** The SR uuid SMlog prints, when `srId` is something else (a XAPI ref). */
  srUuid?: string;
  aggregates: SrAggregate[];
  speedLog: SpeedReading[];
  /** SMlog events of the SR master; events of GC processes working on other SRs are ignored. */
  smlog: SmlogEvent[];
  gaps: CollectionGap[];
}

/** 0 (nothing to go on) .. 1 (as sure as the data allows). */
export type Confidence = number;

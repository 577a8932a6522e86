import type { SimFaults } from '../types';
import type { EventQueue } from './event-queue';
import type { Prng } from './prng';
import type { RecordStore } from './record-store';
import type { TextLog } from './text-log';
import type { SrType } from './records/sr-record';

export type { SrType };

/** One VHD of an SR: the truth the scan shows. Its XAPI VDI record is kept in step by `vdi-sync`. */
export interface VhdNode {
  uuid: string;
  vdiRef: string;
  parentUuid: string | null;
  /** Base copy (XAPI `managed=false`). */
  hidden: boolean;
  virtualSizeBytes: number;
  /** Allocated data as of `dataAtMs` (grows while `writeBytesPerSec` > 0, see `vhd-tree.dataAt`). */
  dataBytes: number;
  dataAtMs: number;
  /** Guest write rate while this is the active leaf of a running VM; 0 otherwise. */
  writeBytesPerSec: number;
  /** The guest's working set: the distinct blocks its writes keep landing on (at most the virtual size). */
  writeSetBytes: number;
  /** Host the VDI is attached RW on (active leaf of a running VM), else null. */
  attachedHostRef: string | null;
  /** A managed, non-snapshot VDI: SM keeps its LV fully inflated on LVM SRs. */
  inflated: boolean;
}

export interface SimSr {
  ref: string;
  uuid: string;
  type: SrType;
  shared: boolean;
  /** Host of the PBD of a local SR; a shared SR's GC runs on the pool master instead. */
  hostRef: string;
  pbdRefs: string[];
  physicalSizeBytes: number;
  /** Sustained `vhd-util coalesce` throughput on this SR. */
  coalesceBytesPerSec: number;
  /** Each coalesce runs at this speed scaled by up to ±`speedJitter` (0 = exact). */
  speedJitter: number;
  /** `/run/<sr-uuid>.speed_log` lines, null until the first coalesce. */
  speedLog: number[] | null;
  vhds: Map<string, VhdNode>;
  /** A GC process is running on this SR. */
  gcActive: boolean;
  /** SMGC's `gc_init` file exists (a GC ran since boot): later GCs start with the 5-minute quiet period. */
  gcInitDone: boolean;
  /** Children whose XAPI `vhd-parent` the next relink leaves stale (the known XCP-ng bug). */
  staleParentOnRelink: Set<string>;
}

export interface SimHost {
  ref: string;
  uuid: string;
  hostname: string;
  address: string;
  controlDomainRef: string;
  smlog: TextLog;
  nextPid: number;
}

export type BackupOutcome = 'ok' | 'skip' | 'snapshot-fails';

/** Ground truth of one VM in one backup run. */
export interface BackupRun {
  jobId: string;
  jobName: string;
  /** The Xen Orchestra that ran the job, when the scenario names it (jobs of two XOs ignore each other). */
  xoInstance: string | null;
  scheduleId: string;
  vmUuid: string;
  vmName: string;
  scheduledAtMs: number;
  /** When the VM's turn came (its chain check and snapshot). */
  startedAtMs: number;
  outcome: BackupOutcome;
  reason: string;
  snapshotVmUuid: string | null;
}

/** Ground truth of one `vhd-util coalesce` run. */
export interface CoalesceRun {
  srUuid: string;
  kind: 'coalesce' | 'snapshot-coalesce' | 'live-leaf-coalesce';
  /** The VHD merged into its parent. */
  vdiUuid: string;
  parentUuid: string;
  startMs: number;
  endMs: number;
  bytes: number;
  bytesPerSec: number;
}

export interface ScenarioInfo {
  name: string;
  description: string;
  srUuids: string[];
  vmUuids: string[];
  /** What a watcher should see, for the accuracy benchmark and e2e tests. */
  expectations: string[];
}

/** Everything the world's models share. */
export interface WorldContext {
  store: RecordStore;
  queue: EventQueue;
  rng: Prng;
  faults: SimFaults;
  nowMs(): number;
  poolRef: string;
  masterRef: string;
  hosts: SimHost[];
  srs: Map<string, SimSr>;
  /** VDI ref → its SR and node. */
  vdis: Map<string, { sr: SimSr; node: VhdNode }>;
  backupRuns: BackupRun[];
  coalesceRuns: CoalesceRun[];
  scenarios: ScenarioInfo[];
  /** False while the world is being built: history seeded then is not written to SMlog. */
  smlogEnabled: boolean;
}

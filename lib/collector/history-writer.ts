/**
 * Writes what one collection saw, in one transaction: current state, chain changes, SR
 * aggregates, GC events, speed readings, VM snapshots and the run itself. A failed write
 * rolls back whole and the writer forgets its memory of the tables, so the next write starts
 * from what is really stored.
 */
import { shareSqliteHandle } from '../db/bulk-insert';
import type { Db } from '../db/client';
import { ChainHistoryStore } from '../db/chain-history';
import { recordRun, type RunKind, type RunRecord } from '../db/collection-runs';
import { CurrentStateStore } from '../db/current-state';
import { setSmlogOffset, storeGcEvents } from '../db/gc-events';
import { markPoolConnected, pinHostKey } from '../db/pools';
import type { DbTx, HostRow, SnapshotRow, SrRow, VmRow } from '../db/rows';
import { SpeedLogStore } from '../db/speed-readings';
import { SrSampleStore } from '../db/sr-samples';
import { VmSnapshotStore } from '../db/vm-snapshots';
import type { SrBuild } from './sr-builds';
import type { SshPhaseResult } from './ssh-collection';

export interface WriteInput {
  atMs: number;
  pool?: { uuid: string; nameLabel: string; masterHostUuid: string | null };
  /** Every host of the pool, when they may have changed. */
  hosts?: HostRow[];
  /** Every VHD SR of the pool (stored SRs not listed are marked removed); else only the built SRs are upserted. */
  allSrs?: SrRow[];
  builds: SrBuild[];
  vms?: VmRow[];
  snapshots?: SnapshotRow[];
  ssh?: SshPhaseResult;
  /** The run to record with the data (its counts, write time and total are filled in here). */
  run?: Omit<RunRecord, 'poolId' | 'srsRebuilt' | 'vdis' | 'chainChanges' | 'writeMs' | 'totalMs' | 'finishedAtMs'> & {
    /** performance.now() when the run started, for its total duration. */
    startedPerfMs: number;
    /** A clean run this soon after the last clean one extends its row (see recordRun). */
    mergeWithinMs: number;
  };
}

export interface WriteResult {
  chainChanges: number;
  samples: number;
  gcEvents: number;
  speedReadings: number;
  newSnapshots: number;
  vdis: number;
  writeMs: number;
}

/** Transactions here can be large (a first sync of thousands of VDIs). */
const TRANSACTION_TIMEOUT_MS = 5 * 60 * 1000;

export class HistoryWriter {
  private readonly current: CurrentStateStore;
  private readonly chains = new ChainHistoryStore();
  private readonly samples = new SrSampleStore();
  private readonly speedLogs = new SpeedLogStore();
  private readonly snapshots: VmSnapshotStore;

  constructor(
    private readonly db: Db,
    readonly poolId: number,
    private readonly nowMs: () => number,
  ) {
    this.current = new CurrentStateStore(poolId);
    this.snapshots = new VmSnapshotStore(poolId);
  }

  async write(input: WriteInput): Promise<WriteResult> {
    const startedMs = performance.now();
    try {
      return await this.db.$transaction(
        (tx) => {
          shareSqliteHandle(this.db, tx);
          return this.writeIn(tx, input, startedMs);
        },
        {
          timeout: TRANSACTION_TIMEOUT_MS,
          maxWait: TRANSACTION_TIMEOUT_MS,
        },
      );
    } catch (err) {
      this.forget();
      throw err;
    }
  }

  /** A run that failed before it had data to store. */
  async recordFailedRun(kind: RunKind, startedAtMs: number, error: string, elapsedMs: number): Promise<void> {
    await recordRun(this.db, {
      poolId: this.poolId,
      kind,
      startedAtMs,
      finishedAtMs: this.nowMs(),
      outcome: 'failed',
      error,
      sshStatus: 'skipped',
      srsRebuilt: 0,
      vdis: 0,
      chainChanges: 0,
      xapiMs: elapsedMs,
      sshMs: 0,
      writeMs: 0,
      totalMs: elapsedMs,
    });
  }

  private forget(): void {
    this.current.reset();
    this.chains.reset();
    this.samples.reset();
    this.speedLogs.reset();
    this.snapshots.reset();
  }

  private async writeIn(tx: DbTx, input: WriteInput, startedMs: number): Promise<WriteResult> {
    const { atMs } = input;
    const result: WriteResult = { chainChanges: 0, samples: 0, gcEvents: 0, speedReadings: 0, newSnapshots: 0, vdis: 0, writeMs: 0 };
    if (input.pool) await markPoolConnected(tx, this.poolId, { ...input.pool, atMs });
    if (input.hosts) await this.current.syncHosts(tx, input.hosts, atMs);

    const srRows = input.allSrs ?? input.builds.map((build) => build.sr);
    const srSync = await this.current.syncSrs(tx, srRows, atMs, input.allSrs !== undefined);
    const gone = srSync.removedKeys.map((srUuid) => ({ srUuid, rows: [], srId: this.current.srId(srUuid)!, chains: [] }));
    const built = input.builds.map((build) => ({
      srUuid: build.sr.uuid,
      rows: build.vdis,
      srId: this.current.srId(build.sr.uuid)!,
      chains: build.view.chains,
    }));
    await this.current.syncVdis(tx, [...gone, ...built], atMs);
    result.vdis = built.reduce((sum, sr) => sum + sr.rows.length, 0);
    result.chainChanges = await this.chains.recordAll(tx, [...gone, ...built], atMs);
    const samples = input.builds.map((build, i) => ({ srId: built[i].srId, values: build.view.aggregates }));
    result.samples = await this.samples.recordAll(tx, samples, atMs);
    if (input.vms) await this.current.syncVms(tx, input.vms, atMs);
    if (input.snapshots) result.newSnapshots = await this.snapshots.sync(tx, input.snapshots, atMs);
    if (input.ssh) await this.writeSsh(tx, input.ssh, atMs, result);

    result.writeMs = performance.now() - startedMs;
    if (input.run) {
      const { startedPerfMs, mergeWithinMs, ...run } = input.run;
      await recordRun(tx, {
        ...run,
        poolId: this.poolId,
        finishedAtMs: this.nowMs(),
        totalMs: performance.now() - startedPerfMs,
        srsRebuilt: input.builds.length,
        vdis: result.vdis,
        chainChanges: result.chainChanges,
        writeMs: result.writeMs,
      }, mergeWithinMs);
    }
    return result;
  }

  private async writeSsh(tx: DbTx, ssh: SshPhaseResult, atMs: number, result: WriteResult): Promise<void> {
    for (const host of ssh.hosts) {
      const hostId = this.current.hostId(host.hostUuid);
      if (hostId === undefined) continue;
      if (host.newHostKey !== null) await pinHostKey(tx, hostId, host.newHostKey, atMs);
      if (host.smlog !== null) {
        result.gcEvents += await storeGcEvents(tx, this.poolId, hostId, host.smlog.events);
        await setSmlogOffset(tx, hostId, host.smlog.nextOffsetBytes);
      }
    }
    const logs = new Map<number, readonly string[]>();
    for (const [srUuid, lines] of ssh.speedLogs) {
      const srId = this.current.srId(srUuid);
      if (srId !== undefined) logs.set(srId, lines);
    }
    result.speedReadings = await this.speedLogs.recordAll(tx, logs, atMs);
  }
}

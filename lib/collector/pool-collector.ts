/**
 * One pool, one step at a time: connect and read everything, then follow `event.from` and
 * rebuild only the SRs that changed; every `collectIntervalMs`, a full collection (SSH scan,
 * SMlog, speed logs, every SR's aggregates, a run row). Each step reports how it went; the
 * loop around it (pool-loop.ts) decides when the next one runs.
 */
import type { RunKind } from '../db/collection-runs';
import { ensurePool, hostSshState } from '../db/pools';
import { openHostShell } from '../ssh/host-shell';
import type { EventImpact, PoolRecords } from '../xapi/pool-records';
import { WATCHED_CLASSES } from '../xapi/pool-records';
import { str } from '../xapi/record-fields';
import { connectXapi, type XapiConnectOptions, type XapiSession } from '../xapi/session';
import { classifyXapiError, redactUrl } from '../xapi/xapi-error';
import { HistoryWriter } from './history-writer';
import { buildSrs, vhdSrRefs, type ScanCache } from './sr-builds';
import { collectOverSsh, type SshPhaseResult } from './ssh-collection';
import { localSrHosts, planSshHosts } from './ssh-plan';
import { candidateUrls, loadPool, openFirstReachable } from './xapi-connection';
import type { CollectionSummary, CollectorSettings, PoolCollectorDeps, PoolTarget, StepResult } from './types';
import { hostRows, snapshotRows, vmRows } from './xapi-rows';

interface TimedSsh {
  result: SshPhaseResult | undefined;
  ms: number;
}

export class PoolCollector {
  private session: XapiSession | null = null;
  private records: PoolRecords | null = null;
  private token = '';
  private readonly scans = new Map<string, ScanCache>();
  /** VDIs changed by events since the last scans (shared by every ScanCache). */
  private staleVdiUuids = new Set<string>();
  private nextFullAtMs = 0;
  private nextSshAtMs = 0;
  private writer: HistoryWriter | null = null;
  private preferredHost: string | null = null;
  private stopped = false;
  private pbdUnsupported = false;
  lastSummary: CollectionSummary | null = null;

  constructor(
    readonly target: PoolTarget,
    private readonly settings: CollectorSettings,
    private readonly deps: PoolCollectorDeps,
  ) {}

  /** Whole milliseconds: what a DateTime column keeps (a simulated clock has fractions). */
  private now(): number {
    return Math.floor(this.deps.clock.nowMs());
  }

  /** One unit of work. Never throws: a failure is recorded as a failed run and returned. */
  async step(): Promise<StepResult> {
    const kind: RunKind = this.session === null ? 'connect' : this.now() >= this.nextFullAtMs ? 'full' : 'events';
    const startedAtMs = this.now();
    const startedPerfMs = performance.now();
    try {
      if (kind === 'connect') await this.connectAndCollect();
      else if (kind === 'full') await this.catchUpAndCollect(startedAtMs, startedPerfMs);
      else await this.followEvents();
      return { ok: true, kind };
    } catch (err) {
      return this.handleFailure(err, kind, startedAtMs, startedPerfMs);
    }
  }

  /** Connects when needed and runs one full collection; throws what went wrong. */
  async collectOnce(): Promise<CollectionSummary> {
    const result = this.session === null ? await this.step() : await this.stepFull();
    if (!result.ok) throw new Error(result.error);
    return this.lastSummary!;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    await session?.close();
  }

  /** Closes for good: a step still running ends without recording its interruption as a failure. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.close();
  }

  private async stepFull(): Promise<StepResult> {
    this.nextFullAtMs = 0;
    this.nextSshAtMs = 0;
    return this.step();
  }

  private async poolWriter(): Promise<HistoryWriter> {
    if (this.writer === null) {
      const url = redactUrl(this.target.url);
      const poolId = await ensurePool(this.deps.db, { name: this.target.name, url, demo: this.target.demo });
      this.writer = new HistoryWriter(this.deps.db, poolId, () => this.now());
    }
    return this.writer;
  }

  private async handleFailure(err: unknown, kind: RunKind, startedAtMs: number, startedPerfMs: number): Promise<StepResult> {
    const failure = classifyXapiError(err, this.target.name, this.target.url);
    if (this.stopped) return { ok: false, kind, error: failure.message, reconnectNow: false };
    if (failure.kind === 'events-lost' && this.session !== null) {
      this.deps.log.info(failure.message);
      try {
        await this.resync();
        return { ok: true, kind: 'full' };
      } catch (resyncErr) {
        return this.handleFailure(resyncErr, 'full', startedAtMs, startedPerfMs);
      }
    }
    await this.close();
    if (failure.kind === 'host-is-slave') this.preferredHost = failure.params[0] || null;
    // The master moved under an open session: go to it now. A login that still lands on a
    // member (xen-api already followed one redirect) backs off like any failure.
    if (failure.kind === 'host-is-slave' && kind !== 'connect') {
      this.deps.log.info(failure.message);
      return { ok: false, kind, error: failure.message, reconnectNow: true };
    }
    this.deps.log.warn(failure.message);
    try {
      await (await this.poolWriter()).recordFailedRun(kind, startedAtMs, failure.message, performance.now() - startedPerfMs);
    } catch (dbErr) {
      this.deps.log.warn(`pool ${this.target.name}: cannot record the failed run: ${(dbErr as Error).message}`);
    }
    return { ok: false, kind, error: failure.message, reconnectNow: false };
  }

  private async connectAndCollect(): Promise<void> {
    const startedAtMs = this.now();
    const startedPerfMs = performance.now();
    await this.poolWriter();
    const knownHosts = this.records === null ? [] : [...this.records.maps.host.values()].map((h) => str(h, 'address'));
    const base: XapiConnectOptions = {
      poolName: this.target.name,
      url: this.target.url,
      user: this.target.user,
      password: this.target.password,
      callTimeoutMs: this.settings.callTimeoutMs,
      eventWaitMs: this.settings.eventWaitMs,
    };
    const urls = candidateUrls(this.target.url, this.preferredHost, knownHosts);
    this.session = await openFirstReachable(this.deps.connect ?? connectXapi, base, urls);
    await this.resync(startedAtMs, startedPerfMs);
    const records = this.records!;
    this.deps.log.info(
      `pool ${this.target.name}: connected, ${records.maps.VDI.size} VDIs on ${records.maps.SR.size} SRs, ${records.maps.host.size} hosts`,
    );
  }

  /**
   * Reads every record again (after connecting, or when XAPI lost our events), then a full
   * collection. The SSH reads start as soon as the hosts and SRs are known, beside the VDI reads.
   */
  private async resync(startedAtMs: number = this.now(), startedPerfMs: number = performance.now()): Promise<void> {
    this.scans.clear();
    this.staleVdiUuids = new Set();
    this.nextSshAtMs = 0;
    let early: Promise<TimedSsh> | undefined;
    // Asked first, so xapi answers it before the VDI reads: the SSH plan waits on it.
    const owners = this.target.ssh === null ? undefined : this.srOwners();
    owners?.catch(() => undefined);
    const loaded = await loadPool(this.session!, (topology) => {
      const srRefs = vhdSrRefs(topology.records).filter((srRef) => topology.srsWithVdis.has(srRef));
      early = this.timedSshPhase(topology.records, srRefs, owners);
      // Awaited by the collection; if the load fails first, nobody will.
      early.catch(() => undefined);
    });
    this.records = loaded.records;
    this.token = loaded.token;
    await this.fullCollection(startedAtMs, startedPerfMs, performance.now() - startedPerfMs, early);
  }

  /** The host of each local SR, from the PBDs; null where the pool has no PBD records. */
  private async srOwners(): Promise<Map<string, string> | null> {
    const owners = this.pbdUnsupported ? null : await localSrHosts(this.session!);
    this.pbdUnsupported = owners === null;
    return owners;
  }

  /**
   * `srRefs`: the SRs to scan; `owners`: srOwners() when already asked. Undefined when SSH is
   * not configured or not due.
   */
  private async sshPhase(records: PoolRecords, srRefs: string[], owners?: Promise<Map<string, string> | null>): Promise<SshPhaseResult | undefined> {
    const ssh = this.target.ssh;
    if (ssh === null || records.master() === undefined || this.now() < this.nextSshAtMs) return undefined;
    this.nextSshAtMs = this.now() + (this.settings.sshIntervalMs ?? this.settings.collectIntervalMs);
    const poolId = (await this.poolWriter()).poolId;
    const srHosts = await (owners ?? this.srOwners());
    const hosts = await planSshHosts(records, srRefs, srHosts ?? new Map(), (uuid) => hostSshState(this.deps.db, poolId, uuid));
    return collectOverSsh(this.deps.openShell ?? openHostShell, ssh, { poolName: this.target.name, hosts, nowMs: this.now() });
  }

  private async timedSshPhase(records: PoolRecords, srRefs: string[], owners?: Promise<Map<string, string> | null>): Promise<TimedSsh> {
    const startMs = performance.now();
    const result = await this.sshPhase(records, srRefs, owners);
    return { result, ms: performance.now() - startMs };
  }

  /**
   * `startedPerfMs`/`xapiMs` measure durations (performance.now), `startedAtMs` stamps the run
   * (the clock); `early`, SSH reads already under way.
   */
  private async fullCollection(startedAtMs: number, startedPerfMs: number, xapiMs: number, early?: Promise<TimedSsh>): Promise<void> {
    const records = this.records!;
    const writer = await this.poolWriter();
    const srRefs = vhdSrRefs(records);
    const { result: ssh, ms: sshMs } = await (early ??
      this.timedSshPhase(
        records,
        srRefs.filter((srRef) => records.vdiRefsOf(srRef).size > 0),
      ));
    if (ssh !== undefined && ssh.status === 'ok') {
      this.scans.clear();
      this.staleVdiUuids = new Set();
      for (const [srUuid, scanRecords] of ssh.scans) this.scans.set(srUuid, { records: scanRecords, staleIds: this.staleVdiUuids });
    }
    const builds = buildSrs(records, srRefs, this.scans, this.settings.tolerance);
    const errors = ssh?.errors ?? [];
    for (const error of errors) this.deps.log.warn(`pool ${this.target.name}: ${error}`);
    const outcome = errors.length > 0 ? 'partial' : 'ok';
    const master = records.master();
    await writer.write({
      atMs: this.now(),
      pool: { uuid: str(records.poolRecord, 'uuid'), nameLabel: str(records.poolRecord, 'name_label'), masterHostUuid: str(master, 'uuid') || null },
      hosts: hostRows(records),
      allSrs: builds.map((build) => build.sr),
      builds,
      vms: vmRows(records),
      snapshots: snapshotRows(records),
      ssh,
      run: {
        kind: 'full',
        startedAtMs,
        startedPerfMs,
        // One missed collection is still no silence worth a new row; two are.
        mergeWithinMs: this.settings.collectIntervalMs * 1.5,
        outcome,
        error: errors.length > 0 ? errors.join('\n') : null,
        sshStatus: this.target.ssh === null ? 'disabled' : ssh === undefined ? 'skipped' : ssh.status,
        xapiMs,
        sshMs,
      },
    });
    this.nextFullAtMs = this.now() + this.settings.collectIntervalMs;
    this.lastSummary = {
      outcome,
      srs: builds.length,
      vdis: builds.reduce((sum, build) => sum + build.vdis.length, 0),
      chains: builds.reduce((sum, build) => sum + build.view.chains.length, 0),
      maxChainLength: builds.reduce((max, build) => Math.max(max, build.view.aggregates.maxChainLength), 0),
      errors,
    };
  }

  /** A full collection of the pool as it is now: events not read yet are applied first. */
  private async catchUpAndCollect(startedAtMs: number, startedPerfMs: number): Promise<void> {
    await this.readEvents(0);
    await this.fullCollection(startedAtMs, startedPerfMs, performance.now() - startedPerfMs);
  }

  /** Applies the events of one event.from (waiting up to `waitMs` for some); returns their impact. */
  private async readEvents(waitMs: number): Promise<EventImpact> {
    const records = this.records!;
    const batch = await this.session!.eventFrom(WATCHED_CLASSES, this.token, waitMs / 1000);
    this.token = batch.token;
    for (const event of batch.events) {
      if (event.class.toLowerCase() !== 'vdi') continue;
      const uuid = str(event.snapshot ?? records.maps.VDI.get(event.ref), 'uuid');
      if (uuid) this.staleVdiUuids.add(uuid);
    }
    return records.apply(batch.events);
  }

  private async followEvents(): Promise<void> {
    const records = this.records!;
    const waitMs = Math.max(0, Math.min(this.settings.eventWaitMs, this.nextFullAtMs - this.now()));
    const impact = await this.readEvents(waitMs);
    if (impact.srRefs.size === 0 && !impact.hosts && !impact.vms) return;
    const writer = await this.poolWriter();
    const master = records.master();
    await writer.write({
      atMs: this.now(),
      pool: impact.hosts
        ? { uuid: str(records.poolRecord, 'uuid'), nameLabel: str(records.poolRecord, 'name_label'), masterHostUuid: str(master, 'uuid') || null }
        : undefined,
      hosts: impact.hosts ? hostRows(records) : undefined,
      builds: buildSrs(records, impact.srRefs, this.scans, this.settings.tolerance),
      vms: impact.vms ? vmRows(records) : undefined,
      snapshots: impact.vms ? snapshotRows(records) : undefined,
    });
  }
}

import type { SimCredentials, SimFaults, SimHostInfo, SimWorld, XapiClass, XapiRecord } from '../types';
import type { BackupRun, CoalesceRun, ScenarioInfo, WorldContext } from './model';
import type { TextSince } from './text-log';
import { EventQueue } from './event-queue';
import { createPrng } from './prng';
import { RecordStore } from './record-store';
import { addHost } from './pool-setup';
import { makePoolRecord } from './records/pool-record';
import { NULL_REF, opaqueRef } from './records/xapi-values';
import { WorldBuilder } from './world-builder';
import { kickGc } from './gc-process';
import { destroySnapshotVm, snapshotVm, type SnapshotVmOptions, type SnapshotVmResult } from './vm-ops';
import { footprintBytes, isLvm, refreshSrSizes } from './vdi-sync';
import { speedLogText } from './gc-coalesce';
import { formatScanTree } from '../../vhd/scan-format';

/** What one scenario contributes to a world. */
export interface ScenarioSetup {
  /** Hosts the scenario needs in the pool (the world has the most any scenario asks for, at least 2). */
  hosts?: number;
  build(builder: WorldBuilder): { expectations: string[] };
}

export interface WorldOptions {
  seed?: number;
  startMs?: number;
  credentials?: SimCredentials;
  /** Changes kept for event.from; an older token gets EVENTS_LOST. */
  changeLogLimit?: number;
}

/** The simulated pool: the contract the servers use, plus ground truth and test hooks. */
export interface World extends SimWorld {
  backupRuns(): BackupRun[];
  coalesceRuns(): CoalesceRun[];
  scenarioInfo(): ScenarioInfo[];
  /** Bytes written to the host's SMlog so far (offsets stay valid after old text is dropped). */
  smlogSize(hostRef: string): number;
  smlogSince(hostRef: string, byteOffset: number): TextSince;
  /** SM's own kick (after a VDI delete or an SR scan): start a GC on the SR unless one runs. */
  kickGc(srUuid: string): void;
  snapshotVm(vmRef: string, options: SnapshotVmOptions): SnapshotVmResult;
  /** Destroy a snapshot VM and its disks, as XO does when rotating snapshots. */
  destroySnapshotVm(snapshotVmRef: string): void;
  /** Make another host the pool master (`pool.designate_new_master`). */
  designateMaster(hostRef: string): void;
  /** The models' shared state, for tests and scenarios. */
  readonly context: WorldContext;
}

const DEFAULT_START_MS = Date.UTC(2024, 7, 19, 6, 0, 0);
const DEFAULT_HOSTS = 2;

export function buildWorld(
  setups: { name: string; description: string; setup: ScenarioSetup }[],
  options: WorldOptions = {},
): World {
  let now = options.startMs ?? DEFAULT_START_MS;
  const rng = createPrng(options.seed ?? 1);
  const faults: SimFaults = { xapiDown: false, xapiHang: false, eventsLostOnce: false, sshDown: false };
  const store = new RecordStore(options.changeLogLimit ?? 50_000);
  const poolUuid = rng.uuid();
  const ctx: WorldContext = {
    store,
    queue: new EventQueue(),
    rng,
    faults,
    nowMs: () => now,
    poolRef: opaqueRef(poolUuid),
    masterRef: '',
    hosts: [],
    srs: new Map(),
    vdis: new Map(),
    backupRuns: [],
    coalesceRuns: [],
    scenarios: [],
    smlogEnabled: false,
  };
  store.setLogging(false);
  const hostCount = Math.max(DEFAULT_HOSTS, ...setups.map((s) => s.setup.hosts ?? 0));
  const firstHostUuid = rng.uuid();
  ctx.masterRef = opaqueRef(firstHostUuid);
  store.add('pool', ctx.poolRef, makePoolRecord({ uuid: poolUuid, nameLabel: 'Chainwatch demo pool', masterRef: ctx.masterRef, defaultSrRef: NULL_REF }));
  for (let i = 0; i < hostCount; i++) addHost(ctx, i === 0 ? firstHostUuid : undefined);
  const startMs = now;
  for (const { name, description, setup } of setups) {
    const builder = new WorldBuilder(ctx, startMs, (ms) => (now = ms));
    const { expectations } = setup.build(builder);
    ctx.scenarios.push({ name, description, srUuids: builder.srUuids, vmUuids: builder.vmUuids, expectations });
  }
  for (const sr of ctx.srs.values()) {
    refreshSrSizes(ctx, sr);
    // A pool that has been running has SR scans going: every SR gets a GC look soon after start.
    ctx.queue.schedule(startMs + rng.int(5, 120) * 1000, () => kickGc(ctx, sr, null));
  }
  store.setLogging(true);
  ctx.smlogEnabled = true;

  const hostByRef = (ref: string) => ctx.hosts.find((host) => host.ref === ref);
  const srByUuid = (uuid: string) => ctx.srs.get(uuid);

  return {
    credentials: options.credentials ?? { user: 'root', password: 'chainwatch-demo' },
    faults,
    context: ctx,
    nowMs: () => now,
    advance(ms: number) {
      if (!(ms >= 0)) throw new Error(`advance() needs a duration >= 0 ms, got ${ms}`);
      const targetMs = now + ms;
      for (let next = ctx.queue.peekMs(); next !== null && next <= targetMs; next = ctx.queue.peekMs()) {
        const event = ctx.queue.pop();
        if (!event) break;
        now = Math.max(now, event.atMs);
        event.run(now);
      }
      now = targetMs;
      store.flush();
    },
    hosts: (): SimHostInfo[] => ctx.hosts.map((host) => ({ ref: host.ref, uuid: host.uuid, address: host.address })),
    masterRef: () => ctx.masterRef,
    allRecords: (cls: XapiClass) => store.all(cls),
    record: (cls: XapiClass, ref: string): XapiRecord | undefined => store.get(cls, ref),
    changesSince: (sinceId, classes) => store.changesSince(sinceId, classes),
    currentChangeId: () => store.currentChangeId(),
    onChange: (listener) => store.onChange(listener),
    inject(cls, ref) {
      const id = store.inject(cls, ref);
      store.flush();
      return id;
    },
    vhdScan(srUuid) {
      const sr = srByUuid(srUuid);
      if (!sr) return null;
      const name = (uuid: string) => (isLvm(sr) ? `VHD-${uuid}` : `${uuid}.vhd`);
      const nodes = [...sr.vhds.values()].map((node) => ({
        name: name(node.uuid),
        capacityBytes: node.virtualSizeBytes,
        sizeBytes: footprintBytes(sr, node, now),
        hidden: node.hidden,
        parentName: node.parentUuid === null ? null : name(node.parentUuid),
      }));
      return formatScanTree(nodes);
    },
    smlog: (hostRef) => hostByRef(hostRef)?.smlog.text() ?? '',
    smlogSize: (hostRef) => hostByRef(hostRef)?.smlog.size() ?? 0,
    smlogSince: (hostRef, byteOffset) => hostByRef(hostRef)?.smlog.since(byteOffset) ?? { text: '', nextOffset: 0, rotated: false },
    speedLog(srUuid) {
      const log = srByUuid(srUuid)?.speedLog;
      return log ? speedLogText(log) : null;
    },
    backupRuns: () => [...ctx.backupRuns],
    coalesceRuns: () => [...ctx.coalesceRuns],
    scenarioInfo: () => [...ctx.scenarios],
    kickGc(srUuid) {
      const sr = srByUuid(srUuid);
      if (sr) kickGc(ctx, sr, null);
      store.flush();
    },
    snapshotVm(vmRef, snapshotOptions) {
      const result = snapshotVm(ctx, vmRef, snapshotOptions);
      store.flush();
      return result;
    },
    destroySnapshotVm(snapshotVmRef) {
      destroySnapshotVm(ctx, snapshotVmRef);
      store.flush();
    },
    designateMaster(hostRef) {
      designateMaster(ctx, hostRef);
      store.flush();
    },
  };
}

/**
 * `pool.designate_new_master`: `pool.master` names the new master, and xapi restarts on both
 * hosts (their `agent_start_time` moves).
 */
export function designateMaster(ctx: WorldContext, hostRef: string): void {
  if (hostRef === ctx.masterRef || !ctx.hosts.some((host) => host.ref === hostRef)) return;
  const previous = ctx.masterRef;
  ctx.masterRef = hostRef;
  ctx.store.patch('pool', ctx.poolRef, { master: hostRef });
  const restartedAt = `${Math.floor(ctx.nowMs() / 1000)}.`;
  for (const ref of [previous, hostRef]) ctx.store.patchMap('host', ref, 'other_config', { agent_start_time: restartedAt });
}

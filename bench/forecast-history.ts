/**
 * What a collector would have stored about a simulated pool, sampled once a simulated minute,
 * and the `PoolHistory` the forecasts would have seen at any earlier time (nothing after it).
 */
import { buildForest, chainOf } from '../lib/chains/forest';
import { recordsFromXapi, type XapiRecordsInput } from '../lib/chains/from-xapi';
import { gcRoles } from '../lib/chains/gc-roles';
import type { VhdRecord } from '../lib/chains/types';
import type { PoolHistory, PoolSr, PoolVm } from '../lib/analysis/pool-forecast';
import type { ChainLengthPoint, SnapshotRecord, SpeedReading, SrAggregate } from '../lib/analysis/types';
import type { SimWorld, XapiRecord } from '../lib/simulator/types';
import type { SmlogEvent } from '../lib/vhd/types';
import { parseSmlog } from '../lib/vhd/smlog-parser';

interface Version {
  atMs: number;
  records: VhdRecord[];
  vms: PoolVm[];
  gcSince: Map<string, number | null>;
}

interface SrState {
  ref: string;
  uuid: string;
  aggregates: SrAggregate[];
  speedLog: SpeedReading[];
  lastSpeedLines: string[];
}

type SmlogIndexed = SimWorld & { smlogSize(hostRef: string): number; smlogSince(hostRef: string, offset: number): { text: string } };

/** `20240101T02:00:00Z` (XAPI DateTime) → epoch ms. */
function xapiTime(value: unknown): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2}):?(\d{2}):?(\d{2})/.exec(String(value));
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : Number.NaN;
}

/** Index of the first item with atMs > t, in an array sorted by atMs. */
function indexAfter(items: readonly { atMs: number }[], t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].atMs <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const upTo = <T extends { atMs: number }>(items: readonly T[], t: number): T[] => items.slice(0, indexAfter(items, t));

export class HistoryRecorder {
  private versions: Version[] = [];
  private srs = new Map<string, SrState>();
  private leaves = new Map<string, { srId: string; vmId?: string; points: ChainLengthPoint[] }>();
  private snapshots = new Map<string, SnapshotRecord>();
  private smlog: SmlogEvent[] = [];
  private smlogOffsets = new Map<string, number>();
  private lastSignature = '';
  private lastChangeId = -1;

  constructor(private readonly world: SimWorld) {}

  sample(): void {
    const now = this.world.nowMs();
    this.readSmlog(now);
    const vmRecords = this.world.allRecords('VM');
    // Through the change log, like a collector on XAPI events: a snapshot deleted within the minute still counts.
    for (const change of this.world.changesSince(Math.max(0, this.lastChangeId), ['VM']).changes) {
      if (change.snapshot?.is_a_snapshot === true) this.noteSnapshot(change.ref, change.snapshot, vmRecords);
    }
    const srRecords = this.world.allRecords('SR');
    for (const [ref, sr] of srRecords) this.readSpeedLog(ref, String(sr.uuid), now);

    const changed = this.world.currentChangeId() !== this.lastChangeId;
    this.lastChangeId = this.world.currentChangeId();
    const version = changed || this.versions.length === 0 ? this.buildVersion(now, vmRecords) : this.versions[this.versions.length - 1];
    const forest = buildForest(version.records);
    const roles = gcRoles(forest);
    for (const srState of this.srs.values()) {
      const nodes = version.records.filter((r) => r.srId === srState.ref);
      const backlog = nodes.filter((r) => roles.get(r.id) === 'coalesceable' || roles.get(r.id) === 'leaf-coalesceable');
      srState.aggregates.push({
        atMs: now,
        nodes: nodes.length,
        hiddenNodes: nodes.filter((r) => r.hidden).length,
        backlogNodes: backlog.length,
        backlogBytes: backlog.reduce((n, r) => n + r.sizeBytes, 0),
        maxChainLength: Math.max(0, ...nodes.map((r) => forest.nodes.get(r.id)?.chainLength ?? 0)),
        gcRunning: version.gcSince.get(srState.ref) !== null && version.gcSince.get(srState.ref) !== undefined,
      });
    }
    if (changed) this.noteLeaves(version, forest);
  }

  private buildVersion(now: number, vmRecords: ReadonlyMap<string, XapiRecord>): Version {
    const input = {
      vdis: this.world.allRecords('VDI'),
      vbds: this.world.allRecords('VBD'),
      vms: vmRecords,
    } as unknown as XapiRecordsInput;
    const records = recordsFromXapi(input);
    const gcSince = new Map<string, number | null>();
    for (const sr of this.srs.values()) gcSince.set(sr.ref, null);
    for (const task of this.world.allRecords('task').values()) {
      const appliesTo = (task.other_config as Record<string, string> | undefined)?.applies_to;
      if (task.name_label === 'Garbage Collection' && task.status === 'pending' && appliesTo) gcSince.set(appliesTo, xapiTime(task.created));
    }
    const vms: PoolVm[] = [];
    for (const vm of vmRecords.values()) {
      if (vm.is_a_snapshot === true || vm.is_a_template === true || vm.is_control_domain === true) continue;
      const vdiIds = records.filter((r) => r.vmIds?.includes(String(vm.uuid)) && !r.isSnapshot).map((r) => r.id);
      vms.push({ vmUuid: String(vm.uuid), running: vm.power_state === 'Running', vdiIds });
    }
    const signature = JSON.stringify([records.map((r) => [r.id, r.parentId, r.managed, r.vmIds, r.leafCoalesce, r.hidden ? Math.round(r.sizeBytes / 2 ** 20) : 0]), [...gcSince], vms]);
    if (signature === this.lastSignature && this.versions.length > 0) return this.versions[this.versions.length - 1];
    this.lastSignature = signature;
    const version = { atMs: now, records, vms, gcSince };
    this.versions.push(version);
    return version;
  }

  private noteLeaves(version: Version, forest: ReturnType<typeof buildForest>): void {
    for (const vm of version.vms) {
      for (const id of vm.vdiIds) {
        const node = forest.nodes.get(id);
        if (!node) continue;
        const { hidden } = chainOf(forest, id);
        const leaf = this.leaves.get(id) ?? { srId: node.record.srId ?? '', vmId: vm.vmUuid, points: [] };
        const last = leaf.points[leaf.points.length - 1];
        if (!last || last.length !== node.chainLength || last.hidden !== hidden) leaf.points.push({ atMs: version.atMs, length: node.chainLength, hidden });
        this.leaves.set(id, leaf);
      }
    }
  }

  private noteSnapshot(ref: string, vm: XapiRecord, vms: ReadonlyMap<string, XapiRecord>): void {
    const uuid = String(vm.uuid);
    if (this.snapshots.has(uuid)) return;
    const parent = vms.get(String(vm.snapshot_of));
    this.snapshots.set(uuid, {
      vmUuid: String(parent?.uuid ?? vm.snapshot_of ?? ref),
      snapshotUuid: uuid,
      snapshotTimeMs: xapiTime(vm.snapshot_time),
      otherConfig: { ...((vm.other_config as Record<string, string>) ?? {}) },
      nameLabel: String(vm.name_label ?? ''),
    });
  }

  private readSpeedLog(ref: string, uuid: string, now: number): void {
    const state = this.srs.get(ref) ?? { ref, uuid, aggregates: [], speedLog: [], lastSpeedLines: [] };
    this.srs.set(ref, state);
    const lines = (this.world.speedLog(uuid) ?? '').split('\n').filter((l) => l.trim() !== '');
    // The file keeps its last 10 lines: the new ones follow the longest overlap with the last read.
    const prev = state.lastSpeedLines;
    let overlap = 0;
    for (let k = Math.min(prev.length, lines.length); k > 0; k--) {
      if (prev.slice(prev.length - k).join() === lines.slice(0, k).join()) {
        overlap = k;
        break;
      }
    }
    for (const line of lines.slice(overlap)) state.speedLog.push({ atMs: now, bytesPerSec: Number(line) });
    state.lastSpeedLines = lines;
  }

  private readSmlog(now: number): void {
    const indexed = this.world as Partial<SmlogIndexed>;
    for (const host of this.world.hosts()) {
      const offset = this.smlogOffsets.get(host.ref) ?? 0;
      let text: string;
      let size: number;
      if (typeof indexed.smlogSize === 'function' && typeof indexed.smlogSince === 'function') {
        size = indexed.smlogSize(host.ref);
        text = size > offset ? indexed.smlogSince(host.ref, offset).text : '';
      } else {
        const all = Buffer.from(this.world.smlog(host.ref));
        size = all.length;
        text = all.subarray(offset).toString('utf8');
      }
      this.smlogOffsets.set(host.ref, size);
      if (text) this.smlog.push(...parseSmlog(text, { referenceMs: now }).events);
    }
  }

  /** What the collector had stored at `asOfMs`. */
  historyAt(asOfMs: number): PoolHistory & { ok: boolean } {
    const version = upTo(this.versions, asOfMs).pop();
    if (!version) return { ok: false, records: [], vms: [], srs: [], leaves: [], snapshots: [], smlog: [] };
    const srs: PoolSr[] = [...this.srs.values()].map((s) => ({
      history: { srId: s.ref, srUuid: s.uuid, aggregates: upTo(s.aggregates, asOfMs), speedLog: upTo(s.speedLog, asOfMs), smlog: [], gaps: [] },
      gcRunningSinceMs: version.gcSince.get(s.ref) ?? null,
    }));
    return {
      ok: true,
      records: version.records,
      vms: version.vms,
      srs,
      leaves: [...this.leaves].map(([leafId, l]) => ({ leafId, srId: l.srId, vmId: l.vmId, points: upTo(l.points, asOfMs) })),
      snapshots: [...this.snapshots.values()].filter((s) => s.snapshotTimeMs <= asOfMs),
      smlog: upTo(this.smlog, asOfMs).filter((e) => e.atMs >= asOfMs - 14 * 24 * 3600_000),
    };
  }

  /** Some SR had merges pending at `atMs` (the last collection before it said so). */
  backlogAt(atMs: number): boolean {
    return [...this.srs.values()].some((s) => {
      const i = indexAfter(s.aggregates, atMs) - 1;
      return i >= 0 && s.aggregates[i].backlogNodes > 0;
    });
  }
}

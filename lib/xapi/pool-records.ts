/**
 * The records of one pool, kept current from `event.from`, and which SRs each batch of events
 * touched, so the collector rebuilds only those.
 */
import { ref, stringMap, XO_BACKUP_PREFIX, type XapiRecord } from './record-fields';
import type { XapiEvent } from './session';

export const WATCHED_CLASSES = ['pool', 'host', 'SR', 'VDI', 'VBD', 'VM', 'task'] as const;
export type WatchedClass = (typeof WATCHED_CLASSES)[number];

const CLASS_BY_LOWER = new Map<string, WatchedClass>(WATCHED_CLASSES.map((cls) => [cls.toLowerCase(), cls]));

export type RecordMaps = Record<WatchedClass, Map<string, XapiRecord>>;

/**
 * The fields read from each class. Records are cut down to these when they arrive: a VM
 * record has ~90 fields, and a pool of 20,000 VDIs must fit in a modest process.
 */
const KEPT_FIELDS: Record<WatchedClass, readonly string[]> = {
  pool: ['uuid', 'name_label', 'master'],
  host: ['uuid', 'name_label', 'address', 'enabled'],
  SR: ['uuid', 'name_label', 'type', 'content_type', 'shared', 'physical_size', 'physical_utilisation', 'other_config', 'sm_config'],
  VDI: [
    'uuid',
    'name_label',
    'SR',
    'type',
    'managed',
    'missing',
    'is_a_snapshot',
    'is_tools_iso',
    'snapshot_of',
    'snapshot_time',
    'virtual_size',
    'physical_utilisation',
    'sm_config',
    'other_config',
  ],
  VBD: ['VM', 'VDI'],
  VM: ['uuid', 'name_label', 'power_state', 'is_a_snapshot', 'is_a_template', 'is_control_domain', 'snapshot_of', 'snapshot_time', 'other_config'],
  task: ['name_label', 'status', 'progress', 'other_config'],
};

/**
 * The keys read from map fields (`sm_config`, `other_config`): the rest (a VDI's `vhd-blocks`
 * bitmap, a VM's dozens of settings) is dropped with the unused fields.
 */
const KEPT_MAP_KEYS: Partial<Record<WatchedClass, Record<string, (key: string) => boolean>>> = {
  SR: {
    other_config: (key) => key === 'gc' || key === 'coalesce' || key === 'leaf-coalesce',
    sm_config: (key) => key === 'gc_no_space' || key === 'last-coalesce-error',
  },
  VDI: { sm_config: (key) => key === 'vhd-parent', other_config: (key) => key === 'leaf-coalesce' },
  VM: { other_config: (key) => key.startsWith(XO_BACKUP_PREFIX) },
  task: { other_config: (key) => key === 'applies_to' },
};

function trimMap(value: unknown, keep: (key: string) => boolean): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (keep(key)) kept[key] = entry;
  return kept;
}

export function trimRecord(cls: WatchedClass, record: XapiRecord): XapiRecord {
  const kept: XapiRecord = {};
  const maps = KEPT_MAP_KEYS[cls];
  for (const field of KEPT_FIELDS[cls]) {
    if (!(field in record)) continue;
    const keep = maps?.[field];
    kept[field] = keep === undefined ? record[field] : trimMap(record[field], keep);
  }
  return kept;
}

/** What a batch of events changed. */
export interface EventImpact {
  /** SR refs whose chains, VDIs or GC task changed. */
  srRefs: Set<string>;
  /** The pool or a host changed (master, addresses). */
  hosts: boolean;
  /** A VM changed (names, snapshots). */
  vms: boolean;
  /** How many events were applied. */
  events: number;
}

export function emptyRecordMaps(): RecordMaps {
  return { pool: new Map(), host: new Map(), SR: new Map(), VDI: new Map(), VBD: new Map(), VM: new Map(), task: new Map() };
}

/** The SR a task works on: SM's GC task says so in `other_config.applies_to`. */
export function taskSrRef(task: XapiRecord | undefined): string | null {
  const appliesTo = stringMap(task, 'other_config').applies_to;
  return appliesTo && appliesTo.startsWith('OpaqueRef:') ? appliesTo : null;
}

export class PoolRecords {
  readonly maps: RecordMaps;
  /** VDI refs per SR ref. */
  private readonly vdisBySr = new Map<string, Set<string>>();

  constructor(maps: RecordMaps) {
    this.maps = maps;
    for (const [vdiRef, vdi] of maps.VDI) this.indexVdi(vdiRef, vdi);
  }

  get poolRecord(): XapiRecord | undefined {
    return this.maps.pool.values().next().value;
  }

  /** The master's host record. */
  master(): XapiRecord | undefined {
    const masterRef = ref(this.poolRecord, 'master');
    return masterRef === null ? undefined : this.maps.host.get(masterRef);
  }

  vdiRefsOf(srRef: string): ReadonlySet<string> {
    return this.vdisBySr.get(srRef) ?? new Set();
  }

  /** Applies events in order; a `del` without a snapshot uses the record held before. */
  apply(events: readonly XapiEvent[]): EventImpact {
    const impact: EventImpact = { srRefs: new Set(), hosts: false, vms: false, events: 0 };
    for (const event of events) {
      const cls = CLASS_BY_LOWER.get(event.class.toLowerCase());
      if (cls === undefined) continue;
      const map = this.maps[cls];
      const before = map.get(event.ref);
      const after = event.operation === 'del' || event.snapshot === undefined ? undefined : trimRecord(cls, event.snapshot);
      if (event.operation !== 'del' && after === undefined) continue;
      impact.events++;
      this.noteImpact(cls, event.ref, before, after, impact);
      if (cls === 'VDI') {
        if (before !== undefined) this.unindexVdi(event.ref, before);
        if (after !== undefined) this.indexVdi(event.ref, after);
      }
      if (after === undefined) map.delete(event.ref);
      else map.set(event.ref, after);
    }
    return impact;
  }

  private noteImpact(
    cls: WatchedClass,
    eventRef: string,
    before: XapiRecord | undefined,
    after: XapiRecord | undefined,
    impact: EventImpact,
  ): void {
    const addSr = (srRef: string | null) => {
      if (srRef !== null) impact.srRefs.add(srRef);
    };
    switch (cls) {
      case 'pool':
      case 'host':
        impact.hosts = true;
        return;
      case 'SR':
        addSr(eventRef);
        return;
      case 'VDI':
        addSr(ref(before, 'SR'));
        addSr(ref(after, 'SR'));
        return;
      case 'VBD':
        for (const vbd of [before, after]) {
          const vdiRef = ref(vbd, 'VDI');
          addSr(vdiRef === null ? null : ref(this.maps.VDI.get(vdiRef), 'SR'));
        }
        return;
      case 'VM':
        impact.vms = true;
        return;
      case 'task':
        addSr(taskSrRef(before));
        addSr(taskSrRef(after));
        return;
    }
  }

  private indexVdi(vdiRef: string, vdi: XapiRecord): void {
    const srRef = ref(vdi, 'SR');
    if (srRef === null) return;
    let set = this.vdisBySr.get(srRef);
    if (set === undefined) this.vdisBySr.set(srRef, (set = new Set()));
    set.add(vdiRef);
  }

  private unindexVdi(vdiRef: string, vdi: XapiRecord): void {
    const srRef = ref(vdi, 'SR');
    if (srRef !== null) this.vdisBySr.get(srRef)?.delete(vdiRef);
  }
}

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
 * bitmap, a VM's dozens of settings) is dropped with the unused fields. Named keys are read
 * directly, without going through the map: 20,000 VDIs are trimmed on a first sync.
 */
type KeptKeys = { keys: readonly string[] } | { prefix: string };

const KEPT_MAP_KEYS: Partial<Record<WatchedClass, Record<string, KeptKeys>>> = {
  SR: {
    other_config: { keys: ['gc', 'coalesce', 'leaf-coalesce'] },
    sm_config: { keys: ['gc_no_space', 'last-coalesce-error'] },
  },
  VDI: { sm_config: { keys: ['vhd-parent'] }, other_config: { keys: ['leaf-coalesce'] } },
  VM: { other_config: { prefix: XO_BACKUP_PREFIX } },
  task: { other_config: { keys: ['applies_to'] } },
};

function trimMap(value: unknown, kept: KeptKeys): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const map = value as Record<string, unknown>;
  const trimmed: Record<string, unknown> = {};
  if ('keys' in kept) {
    for (const key of kept.keys) if (Object.hasOwn(map, key)) trimmed[key] = map[key];
  } else {
    for (const key of Object.keys(map)) if (key.startsWith(kept.prefix)) trimmed[key] = map[key];
  }
  return trimmed;
}

/** Per class, each kept field with the keys kept of it when it is a map. */
const TRIM_PLANS = {} as Record<WatchedClass, readonly (readonly [string, KeptKeys | undefined])[]>;
for (const cls of WATCHED_CLASSES) TRIM_PLANS[cls] = KEPT_FIELDS[cls].map((field) => [field, KEPT_MAP_KEYS[cls]?.[field]] as const);

export function trimRecord(cls: WatchedClass, record: XapiRecord): XapiRecord {
  const kept: XapiRecord = {};
  for (const [field, keys] of TRIM_PLANS[cls]) {
    if (!Object.hasOwn(record, field)) continue;
    kept[field] = keys === undefined ? record[field] : trimMap(record[field], keys);
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

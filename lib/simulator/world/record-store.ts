import { XAPI_CLASSES, type ChangesAnswer, type XapiChange, type XapiClass, type XapiRecord } from '../types';

/**
 * The XAPI database of the simulated pool plus its change log (what event.from serves).
 *
 * Records are never mutated in place: every change stores a new object, so the log can keep the
 * record itself as the change's snapshot without copying it. Callers must treat records as read-only.
 */
export class RecordStore {
  private readonly tables = new Map<XapiClass, Map<string, XapiRecord>>(XAPI_CLASSES.map((c) => [c, new Map()]));
  private log: XapiChange[] = [];
  private nextId = 1;
  private logging = true;
  private unflushed = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly changeLogLimit: number) {}

  /** While false (building a world), changes are applied without being logged. */
  setLogging(on: boolean): void {
    this.logging = on;
  }

  get(cls: XapiClass, ref: string): XapiRecord | undefined {
    return this.table(cls).get(ref);
  }

  /** The table itself, read-only: read it at once, and copy what must outlive the current call. */
  all(cls: XapiClass): ReadonlyMap<string, XapiRecord> {
    return this.table(cls);
  }

  add(cls: XapiClass, ref: string, record: XapiRecord): void {
    this.table(cls).set(ref, record);
    this.append(cls, ref, 'add', record);
  }

  /** Replace some fields; a map or set field is replaced whole (see `patchMap`, `addToSet`). */
  patch(cls: XapiClass, ref: string, fields: XapiRecord): void {
    const current = this.table(cls).get(ref);
    if (!current) return;
    if (!this.logging) {
      // Nothing holds a snapshot of an unlogged record yet: building a world, edit it in place.
      Object.assign(current, fields);
      return;
    }
    const next = { ...current, ...fields };
    this.table(cls).set(ref, next);
    this.append(cls, ref, 'mod', next);
  }

  /** Set (string) or remove (null) keys of a map field such as `sm_config`. */
  patchMap(cls: XapiClass, ref: string, field: string, entries: Record<string, string | null>): void {
    const current = this.table(cls).get(ref);
    if (!current) return;
    const map = { ...(current[field] as Record<string, string>) };
    for (const [key, value] of Object.entries(entries)) {
      if (value === null) delete map[key];
      else map[key] = value;
    }
    this.patch(cls, ref, { [field]: map });
  }

  addToSet(cls: XapiClass, ref: string, field: string, value: string): void {
    const current = this.table(cls).get(ref);
    if (!current) return;
    const set = current[field] as string[];
    if (set.includes(value)) return;
    if (this.logging) this.patch(cls, ref, { [field]: [...set, value] });
    else set.push(value);
  }

  removeFromSet(cls: XapiClass, ref: string, field: string, value: string): void {
    const current = this.table(cls).get(ref);
    if (!current) return;
    const set = current[field] as string[];
    if (set.includes(value)) this.patch(cls, ref, { [field]: set.filter((v) => v !== value) });
  }

  remove(cls: XapiClass, ref: string): void {
    if (!this.table(cls).delete(ref)) return;
    this.append(cls, ref, 'del', null);
  }

  /** event.inject: a `mod` of the object as it is now. */
  inject(cls: XapiClass, ref: string): number {
    const record = this.table(cls).get(ref);
    if (record) this.append(cls, ref, 'mod', record);
    return this.currentChangeId();
  }

  currentChangeId(): number {
    return this.nextId - 1;
  }

  changesSince(sinceId: number, classes: readonly XapiClass[]): ChangesAnswer {
    const lastId = this.currentChangeId();
    const firstKeptId = this.log.length > 0 ? this.log[0].id : this.nextId;
    if (sinceId < firstKeptId - 1) return { changes: [], lastId, lost: true };
    const start = Math.max(0, sinceId - firstKeptId + 1);
    const wanted = classes.length > 0 ? new Set(classes) : null;
    const changes: XapiChange[] = [];
    for (let i = start; i < this.log.length; i++) {
      if (!wanted || wanted.has(this.log[i].class)) changes.push(this.log[i]);
    }
    return { changes, lastId, lost: false };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** End of a batch: tell the listeners if anything changed since the last batch. */
  flush(): void {
    if (!this.unflushed) return;
    this.unflushed = false;
    for (const listener of [...this.listeners]) listener();
  }

  private table(cls: XapiClass): Map<string, XapiRecord> {
    const table = this.tables.get(cls);
    if (!table) throw new Error(`Unknown XAPI class ${cls}`);
    return table;
  }

  private append(cls: XapiClass, ref: string, operation: XapiChange['operation'], snapshot: XapiRecord | null): void {
    if (!this.logging) return;
    this.log.push({ id: this.nextId++, class: cls, ref, operation, snapshot });
    this.unflushed = true;
    // Trim in slices so the bounded window costs O(1) per change on average.
    if (this.log.length > this.changeLogLimit * 1.25) this.log = this.log.slice(this.log.length - this.changeLogLimit);
  }
}

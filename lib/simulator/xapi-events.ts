/**
 * `event.from` as xapi computes it (ocaml/xapi/xapi_event.ml), over the world's change log:
 * - the token is `"%020d,%020d"` (database generation, message generation); `""` means
 *   "from the beginning"; anything else is `EVENT_FROM_TOKEN_PARSE_FAILURE`;
 * - subscriptions are class names (case-insensitive), `class/ref` or `*`;
 * - one event per object and kind, not per change: an object created since the token gets
 *   an `add` and a `mod` (its mtime is past the token too), a changed one a `mod`, a deleted
 *   one a `del` (no snapshot), and one created and deleted since the token nothing at all;
 *   messages only ever get `add`/`del`;
 * - `class` is lower case (`vm`, `sr`), `id` the generation as a string, `timestamp` "0.0";
 * - `valid_ref_counts` counts the live objects of every database table (lower-case names),
 *   which the xen-api client compares with its task cache.
 */
import { XAPI_CLASSES, type SimWorld, type XapiChange, type XapiClass, type XapiRecord } from './types';

export interface XapiEvent {
  id: string;
  timestamp: string;
  class: string;
  operation: 'add' | 'mod' | 'del';
  ref: string;
  snapshot?: XapiRecord;
}

export interface EventSubscription {
  classes: ReadonlySet<XapiClass>;
  /** Per class, the only refs wanted (from `class/ref` subscriptions); absent = every object. */
  objects: ReadonlyMap<XapiClass, ReadonlySet<string>>;
}

const CLASS_BY_LOWER = new Map<string, XapiClass>(XAPI_CLASSES.map((cls) => [cls.toLowerCase(), cls]));
/** Messages live outside xapi's database, so they have no valid_ref_counts entry. */
const DATABASE_CLASSES: XapiClass[] = XAPI_CLASSES.filter((cls) => cls !== 'message');
const GENERATION_DIGITS = 20;

export function eventToken(changeId: number): string {
  const generation = String(changeId).padStart(GENERATION_DIGITS, '0');
  return `${generation},${'0'.repeat(GENERATION_DIGITS)}`;
}

/** The change id a token stands for, or null when it is not a token. */
export function parseEventToken(token: string): number | null {
  if (token === '') return 0;
  const match = /^(\d{1,20}),(\d{1,20})$/.exec(token);
  if (match === null) return null;
  const changeId = Number(match[1]);
  return Number.isSafeInteger(changeId) ? changeId : null;
}

export function xapiClassOf(name: string): XapiClass | undefined {
  return CLASS_BY_LOWER.get(name.toLowerCase());
}

export function parseSubscription(names: readonly string[]): EventSubscription {
  const classes = new Set<XapiClass>();
  const objects = new Map<XapiClass, Set<string>>();
  const wholeClasses = new Set<XapiClass>();
  for (const name of names) {
    if (name === '*') {
      for (const cls of CLASS_BY_LOWER.values()) wholeClasses.add(cls);
      continue;
    }
    const slash = name.indexOf('/');
    const cls = xapiClassOf(slash === -1 ? name : name.slice(0, slash));
    if (cls === undefined) continue;
    if (slash === -1) wholeClasses.add(cls);
    else objects.set(cls, (objects.get(cls) ?? new Set()).add(name.slice(slash + 1)));
    classes.add(cls);
  }
  for (const cls of wholeClasses) {
    classes.add(cls);
    objects.delete(cls);
  }
  return { classes, objects };
}

function wants(subscription: EventSubscription, cls: XapiClass, ref: string): boolean {
  if (!subscription.classes.has(cls)) return false;
  const refs = subscription.objects.get(cls);
  return refs === undefined || refs.has(ref);
}

function event(cls: XapiClass, ref: string, operation: XapiEvent['operation'], id: number, snapshot?: XapiRecord | null): XapiEvent {
  const base: XapiEvent = { id: String(id), timestamp: '0.0', class: cls.toLowerCase(), operation, ref };
  return snapshot ? { ...base, snapshot } : base;
}

interface ObjectHistory {
  cls: XapiClass;
  ref: string;
  createdId: number | null;
  last: XapiChange;
}

/** The events for `changes` (ascending ids, all after the caller's token). */
export function eventsFromChanges(changes: readonly XapiChange[], subscription: EventSubscription): XapiEvent[] {
  const histories = new Map<string, ObjectHistory>();
  for (const change of changes) {
    if (!wants(subscription, change.class, change.ref)) continue;
    const key = `${change.class}\u0000${change.ref}`;
    const history = histories.get(key) ?? { cls: change.class, ref: change.ref, createdId: null, last: change };
    if (change.operation === 'add') history.createdId = change.id;
    history.last = change;
    histories.set(key, history);
  }
  const adds: XapiEvent[] = [];
  const mods: XapiEvent[] = [];
  const dels: XapiEvent[] = [];
  for (const { cls, ref, createdId, last } of histories.values()) {
    if (last.operation === 'del') {
      if (createdId === null) dels.push(event(cls, ref, 'del', last.id));
      continue;
    }
    // xapi skips an object whose record it cannot read any more.
    if (last.snapshot === null) continue;
    if (createdId !== null) adds.push(event(cls, ref, 'add', createdId, last.snapshot));
    if (cls !== 'message') mods.push(event(cls, ref, 'mod', last.id, last.snapshot));
  }
  return [...adds, ...mods, ...dels];
}

/** Token `""`: every current object the subscription selects, as `add`. */
export function eventsFromRecords(world: SimWorld, subscription: EventSubscription): XapiEvent[] {
  const events: XapiEvent[] = [];
  const changeId = world.currentChangeId();
  for (const cls of subscription.classes) {
    for (const [ref, record] of world.allRecords(cls)) {
      if (wants(subscription, cls, ref)) events.push(event(cls, ref, 'add', changeId, record));
    }
  }
  return events;
}

export function validRefCounts(world: SimWorld): Record<string, number> {
  return Object.fromEntries(DATABASE_CLASSES.map((cls) => [cls.toLowerCase(), world.allRecords(cls).size]));
}

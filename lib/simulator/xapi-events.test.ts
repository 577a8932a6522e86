import { describe, expect, it } from 'vitest';
import { createTestWorld } from './test-world';
import type { XapiChange } from './types';
import {
  eventToken,
  eventsFromChanges,
  eventsFromRecords,
  parseEventToken,
  parseSubscription,
  validRefCounts,
} from './xapi-events';

function change(id: number, operation: XapiChange['operation'], ref = 'OpaqueRef:a', cls: XapiChange['class'] = 'VDI'): XapiChange {
  return { id, class: cls, ref, operation, snapshot: operation === 'del' ? null : { uuid: ref, name_label: `v${id}` } };
}

describe('event tokens', () => {
  it('look like xapi tokens and round-trip', () => {
    expect(eventToken(42)).toBe('00000000000000000042,00000000000000000000');
    expect(parseEventToken(eventToken(42))).toBe(42);
  });

  it('treat the empty token as the beginning and refuse anything else', () => {
    expect(parseEventToken('')).toBe(0);
    expect(parseEventToken('42')).toBeNull();
    expect(parseEventToken('abc,def')).toBeNull();
  });
});

describe('parseSubscription', () => {
  it('matches class names case-insensitively and ignores unknown classes', () => {
    const subscription = parseSubscription(['vm', 'SR', 'pbd', 'network']);
    expect([...subscription.classes].sort()).toEqual(['PBD', 'SR', 'VM']);
  });

  it('understands * and class/ref', () => {
    expect([...parseSubscription(['*']).classes].sort()).toEqual(['PBD', 'SR', 'VBD', 'VDI', 'VM', 'host', 'message', 'pool', 'task']);
    const subscription = parseSubscription(['vdi/OpaqueRef:x']);
    expect(eventsFromChanges([change(1, 'mod', 'OpaqueRef:x'), change(2, 'mod', 'OpaqueRef:y')], subscription)).toHaveLength(1);
  });
});

describe('eventsFromChanges', () => {
  const all = parseSubscription(['*']);

  it('gives a changed object one mod with its latest snapshot', () => {
    const events = eventsFromChanges([change(3, 'mod'), change(5, 'mod')], all);
    expect(events).toEqual([
      { id: '5', timestamp: '0.0', class: 'vdi', operation: 'mod', ref: 'OpaqueRef:a', snapshot: { uuid: 'OpaqueRef:a', name_label: 'v5' } },
    ]);
  });

  it('gives a new object an add and a mod, as xapi does', () => {
    const operations = eventsFromChanges([change(3, 'add'), change(4, 'mod')], all).map((event) => event.operation);
    expect(operations).toEqual(['add', 'mod']);
  });

  it('gives a deleted object a del without snapshot, and a short-lived one nothing', () => {
    expect(eventsFromChanges([change(3, 'mod'), change(4, 'del')], all)).toEqual([
      { id: '4', timestamp: '0.0', class: 'vdi', operation: 'del', ref: 'OpaqueRef:a' },
    ]);
    expect(eventsFromChanges([change(3, 'add'), change(4, 'del')], all)).toEqual([]);
  });

  it('gives messages only add and del', () => {
    const operations = eventsFromChanges([change(3, 'add', 'OpaqueRef:m', 'message')], all).map((event) => event.operation);
    expect(operations).toEqual(['add']);
  });
});

describe('world snapshots', () => {
  it('lists every current object for the empty token', () => {
    const world = createTestWorld();
    const events = eventsFromRecords(world, parseSubscription(['VDI']));
    expect(events.map((event) => event.operation)).toEqual(['add', 'add']);
    expect(events.every((event) => event.class === 'vdi' && event.snapshot !== undefined)).toBe(true);
  });

  it('counts live objects per database table, in lower case, without messages', () => {
    const counts = validRefCounts(createTestWorld({ hostCount: 2 }));
    expect(counts).toEqual({ pool: 1, host: 2, sr: 1, pbd: 1, vdi: 2, vbd: 1, vm: 1, task: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import fields from './xapi-fields.json';
import type { XapiClass, XapiRecord } from '../../types';
import { createWorld } from '../index';
import { makeTaskRecord } from './task-record';
import { makeMessageRecord } from './message-record';
import { DAY_MS } from '../test-factory';

type FieldSpec = [json: string, idl: string, enumValues?: string[]];
const CLASSES = fields.classes as unknown as Record<XapiClass, Record<string, FieldSpec>>;

const REF = /^OpaqueRef:(NULL|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const DATETIME = /^\d{8}T\d{2}:\d{2}:\d{2}Z$/;

/** Why a value does not fit the field's IDL type, or null when it fits. */
function mismatch(value: unknown, [json, idl, enumValues]: FieldSpec): string | null {
  const expectedJson = json === 'number' ? 'number' : json === 'array' ? 'array' : json;
  const actualJson = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (actualJson !== expectedJson) return `JSON type ${actualJson}, want ${expectedJson}`;
  const scalar = (v: unknown, type: string): boolean => {
    if (type === 'Int') return Number.isInteger(v);
    if (type === 'Float') return typeof v === 'number' && Number.isFinite(v);
    if (type === 'DateTime') return typeof v === 'string' && DATETIME.test(v);
    if (type.startsWith('Ref ')) return typeof v === 'string' && REF.test(v);
    // The field list gives the values of an enum field, not of an enum used as map key.
    if (type.startsWith('Enum ')) return typeof v === 'string' && (enumValues === undefined || enumValues.includes(v));
    if (type === 'String') return typeof v === 'string';
    if (type === 'Bool') return typeof v === 'boolean';
    return false;
  };
  const set = /^Set \((.*)\)$/.exec(idl);
  if (set) return (value as unknown[]).every((v) => scalar(v, set[1])) ? null : `element not a ${set[1]}`;
  const map = /^Map \((.*), (.*)\)$/.exec(idl);
  if (map) {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.every(([k, v]) => (map[1] === 'String' || scalar(k, map[1])) && scalar(v, map[2])) ? null : `entry not ${idl}`;
  }
  return scalar(value, idl) ? null : `not a ${idl}`;
}

function problems(cls: XapiClass, record: XapiRecord): string[] {
  const spec = CLASSES[cls];
  const out: string[] = [];
  for (const [name, fieldSpec] of Object.entries(spec)) {
    if (!(name in record)) out.push(`${cls}.${name} missing`);
    else {
      const why = mismatch(record[name], fieldSpec);
      if (why) out.push(`${cls}.${name}: ${why} (${JSON.stringify(record[name]).slice(0, 80)})`);
    }
  }
  for (const name of Object.keys(record)) if (!(name in spec)) out.push(`${cls}.${name} is not a XAPI field`);
  return out;
}

describe('XAPI records of the simulated pool', () => {
  it('carry every field of xapi-fields.json with its JSON-RPC type, for every class and scenario', () => {
    const world = createWorld({ scenarios: ['healthy', 'slow-sr', 'oscillating-leaf', 'pinned-by-snapshots', 'near-limit', 'hostile-names'], seed: 3 });
    const sinceId = world.currentChangeId();
    world.advance(1.2 * DAY_MS);
    const seen = new Map<XapiClass, number>();
    const check = (cls: XapiClass, record: XapiRecord) => {
      seen.set(cls, (seen.get(cls) ?? 0) + 1);
      expect(problems(cls, record)).toEqual([]);
    };
    for (const cls of Object.keys(CLASSES) as XapiClass[]) for (const record of world.allRecords(cls).values()) check(cls, record);
    // Tasks and messages come and go: check every snapshot the change log kept.
    for (const change of world.changesSince(sinceId, []).changes) if (change.snapshot) check(change.class, change.snapshot);
    expect([...seen.keys()].sort()).toEqual(['SR', 'VBD', 'VDI', 'VM', 'host', 'pool', 'task']);
  });

  it('plug every SR with PBD records that both ends name (PBD is not in xapi-fields.json: its six fields are checked here)', () => {
    const world = createWorld({ scenarios: ['healthy', 'pinned-by-snapshots'], seed: 3 });
    const pbdSpec: Record<string, FieldSpec> = {
      uuid: ['string', 'String'],
      host: ['string', 'Ref host'],
      SR: ['string', 'Ref SR'],
      device_config: ['object', 'Map (String, String)'],
      currently_attached: ['boolean', 'Bool'],
      other_config: ['object', 'Map (String, String)'],
    };
    const hosts = world.allRecords('host');
    for (const [srRef, sr] of world.allRecords('SR')) {
      const pbds = (sr.PBDs as string[]).map((ref) => [ref, world.allRecords('PBD').get(ref)!] as const);
      expect(pbds.length).toBe(sr.shared ? hosts.size : 1);
      for (const [pbdRef, pbd] of pbds) {
        expect(Object.keys(pbd).sort()).toEqual(Object.keys(pbdSpec).sort());
        for (const [name, spec] of Object.entries(pbdSpec)) expect(mismatch(pbd[name], spec)).toBeNull();
        expect(pbd.SR).toBe(srRef);
        expect(hosts.get(String(pbd.host))!.PBDs).toContain(pbdRef);
      }
    }
  });

  it('build task and message records with every field', () => {
    const task = makeTaskRecord({ uuid: '11111111-2222-4333-8444-555555555555', nameLabel: 'Garbage Collection', nameDescription: 'x', createdMs: 0, residentOnRef: 'OpaqueRef:NULL', otherConfig: { applies_to: 'OpaqueRef:NULL' } });
    const message = makeMessageRecord({ uuid: '11111111-2222-4333-8444-555555555555', name: 'SM_GC_NO_SPACE', priority: 3, cls: 'VDI', objUuid: 'u', timestampMs: 0, body: 'b' });
    expect(problems('task', task)).toEqual([]);
    expect(problems('message', message)).toEqual([]);
    expect(task.created).toBe('19700101T00:00:00Z');
  });
});

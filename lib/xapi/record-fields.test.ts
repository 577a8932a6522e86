import { describe, expect, it } from 'vitest';
import { bool, dateTimeMs, num, ref, str, stringMap, strings } from './record-fields';

describe('record fields', () => {
  const record = {
    name_label: 'sr1',
    size: '1099511627776',
    virtual_size: 42,
    managed: true,
    SR: 'OpaqueRef:NULL',
    VM: 'OpaqueRef:abc',
    sm_config: { 'vhd-parent': 'p', n: 3 },
    VBDs: ['OpaqueRef:1', 2],
    snapshot_time: '20240301T12:34:56Z',
    unset: '19700101T00:00:00Z',
  };

  it('reads strings, refs, numbers from JSON-RPC and XML-RPC, and booleans', () => {
    expect(str(record, 'name_label')).toBe('sr1');
    expect(str(record, 'missing')).toBe('');
    expect(ref(record, 'SR')).toBeNull();
    expect(ref(record, 'VM')).toBe('OpaqueRef:abc');
    expect(num(record, 'size')).toBe(1099511627776);
    expect(num(record, 'virtual_size')).toBe(42);
    expect(num(record, 'name_label')).toBe(0);
    expect(bool(record, 'managed')).toBe(true);
    expect(bool(record, 'missing')).toBe(false);
  });

  it('reads maps and sets, keeping only string members of a set', () => {
    expect(stringMap(record, 'sm_config')).toEqual({ 'vhd-parent': 'p', n: '3' });
    expect(stringMap(record, 'VBDs')).toEqual({});
    expect(strings(record, 'VBDs')).toEqual(['OpaqueRef:1']);
  });

  it('parses XAPI DateTimes and treats the epoch as unset', () => {
    expect(dateTimeMs(record, 'snapshot_time')).toBe(Date.UTC(2024, 2, 1, 12, 34, 56));
    expect(dateTimeMs({ t: '2024-03-01T12:34:56+02:00' }, 't')).toBe(Date.UTC(2024, 2, 1, 10, 34, 56));
    expect(dateTimeMs(record, 'unset')).toBeNull();
    expect(dateTimeMs(record, 'name_label')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseRecordFilter } from './db-filter';

const vdi = { uuid: 'u1', name_label: 'disk "one"', SR: 'OpaqueRef:sr1', is_a_snapshot: false, virtual_size: 1024, tags: ['a'], sm_config: { 'vhd-parent': 'p' } };

function matches(expr: string, record: Record<string, unknown> = vdi): boolean {
  return parseRecordFilter(expr)(record);
}

describe('parseRecordFilter', () => {
  it('compares fields with literals as the database stores them', () => {
    expect(matches('field "SR"="OpaqueRef:sr1"')).toBe(true);
    expect(matches('field "SR" = "OpaqueRef:sr2"')).toBe(false);
    expect(matches('field "is_a_snapshot" = "false"')).toBe(true);
    expect(matches('field "virtual_size" = "1024"')).toBe(true);
    expect(matches('"OpaqueRef:sr1" = field "SR"')).toBe(true);
    expect(matches('field "SR" <> "OpaqueRef:sr2"')).toBe(true);
  });

  it('reads name__label as the field name_label, and escaped quotes in literals', () => {
    expect(matches('field "name__label" = "disk \\"one\\""')).toBe(true);
  });

  it('never equates a set, a map or a missing field with a literal', () => {
    expect(matches('field "tags" = "a"')).toBe(false);
    expect(matches('field "sm_config" = ""')).toBe(false);
    expect(matches('field "nope" = ""')).toBe(false);
    expect(matches('field "nope" <> "x"')).toBe(true);
  });

  it('combines with and, or, not and parentheses (and binds tighter than or)', () => {
    expect(matches('field "SR"="OpaqueRef:sr2" or field "SR"="OpaqueRef:sr1"')).toBe(true);
    expect(matches('(field "SR"="OpaqueRef:sr1") and (field "uuid"="u2")')).toBe(false);
    expect(matches('field "uuid"="u2" and field "SR"="x" or field "uuid"="u1"')).toBe(true);
    expect(matches('field "uuid"="u2" and (field "SR"="x" or field "uuid"="u1")')).toBe(false);
    expect(matches('not field "uuid"="u1"')).toBe(false);
    expect(matches('true')).toBe(true);
    expect(matches('false or FALSE')).toBe(false);
  });

  it('matches an or of one field against many literals as each comparison would, either way round', () => {
    const records: Record<string, unknown>[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ SR: `OpaqueRef:sr${i}`, virtual_size: i })),
      { SR: ['OpaqueRef:sr1'] },
      { SR: { 'OpaqueRef:sr1': 'x' } },
      {},
    ];
    const expr = 'field "SR"="OpaqueRef:sr1" or "OpaqueRef:sr4" = field "SR" or field "SR"="OpaqueRef:sr7"';
    expect(records.filter((r) => matches(expr, r)).map((r) => r.SR)).toEqual(['OpaqueRef:sr1', 'OpaqueRef:sr4', 'OpaqueRef:sr7']);
    // Another field, or an inequality, among the alternatives: still an or of each.
    expect(records.filter((r) => matches('field "SR"="OpaqueRef:sr1" or field "virtual_size"="5"', r)).map((r) => r.SR)).toEqual(['OpaqueRef:sr1', 'OpaqueRef:sr5']);
    expect(records.filter((r) => matches('field "SR"="OpaqueRef:sr1" or field "SR"<>"OpaqueRef:sr2"', r))).toHaveLength(12);
  });

  it('matches an or of equalities as its De Morgan twin, which compares one by one, on every kind of value', () => {
    // mulberry32, seeded: the same cases on every run.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const values: unknown[] = ['a', 'b', '', '1', 1, 0, -0, 1.5, NaN, true, false, null, undefined, ['a'], { a: 'a' }];
    const literals = ['a', 'b', '', '1', '0', '1.5', 'NaN', 'true', 'false'];
    for (let round = 0; round < 2_000; round++) {
      const field = next(2) === 0 ? 'SR' : 'name__label';
      const terms = Array.from({ length: 1 + next(4) }, () => {
        const literal = JSON.stringify(literals[next(literals.length)]);
        return next(2) === 0 ? `field "${field}" = ${literal}` : `${literal} = field "${field}"`;
      });
      const record: Record<string, unknown> = {};
      const value = values[next(values.length)];
      if (value !== undefined) record[field === 'SR' ? 'SR' : 'name_label'] = value;
      const twin = `not (${terms.map((t) => `not ${t}`).join(' and ')})`;
      expect(matches(terms.join(' or '), record), `${terms.join(' or ')} on ${JSON.stringify(record)}`).toBe(matches(twin, record));
    }
  });

  it('rejects what is not an expression', () => {
    for (const bad of ['', 'field "SR"', 'field SR = "x"', 'field "SR" = "x', '(true', 'true true', 'field "SR" ~ "x"', 'field "SR" = "x" and']) {
      expect(() => parseRecordFilter(bad), bad).toThrow();
    }
  });
});

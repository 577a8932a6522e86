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

  it('rejects what is not an expression', () => {
    for (const bad of ['', 'field "SR"', 'field SR = "x"', 'field "SR" = "x', '(true', 'true true', 'field "SR" ~ "x"', 'field "SR" = "x" and']) {
      expect(() => parseRecordFilter(bad), bad).toThrow();
    }
  });
});

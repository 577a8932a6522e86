import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VdiTokenFormat } from './types';
import { findVdiTokens, formatSmSize, formatVdiToken, parseSmSize, parseVdiToken, type VdiTokenFields } from './vdi-token';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const KIB = 1024;

function lvmToken(overrides: Partial<VdiTokenFields> = {}): VdiTokenFields {
  return {
    hidden: false,
    uuidPrefix: '7ef76d55',
    vdiType: 'VHD',
    format: 'lvm-3',
    virtualSizeBytes: 500 * GIB,
    sizeBytes: 270 * MIB,
    allocatedBytes: null,
    lvSizeBytes: 501 * GIB,
    flags: 'ao',
    ...overrides,
  };
}

function fileToken(overrides: Partial<VdiTokenFields> = {}): VdiTokenFields {
  return {
    hidden: true,
    uuidPrefix: 'abcd1234',
    vdiType: null,
    format: 'file-3',
    virtualSizeBytes: 20 * GIB,
    sizeBytes: GIB,
    allocatedBytes: 512 * MIB,
    lvSizeBytes: null,
    flags: null,
    ...overrides,
  };
}

describe('formatSmSize (Util.num2str)', () => {
  it.each([
    [0, '0'],
    [512, '512'],
    [1023, '1023'],
    [1024, '1.000K'],
    [1536, '1.500K'],
    [MIB - 1, '1023.999K'],
    [MIB, '1.000M'],
    [152 * MIB, '152.000M'],
    [GIB - 1, '1024.000M'],
    [500 * GIB, '500.000G'],
    [5 * 1024 * GIB, '5120.000G'],
    [-1, '-1'],
  ])('%d bytes print as %s', (bytes, text) => {
    expect(formatSmSize(bytes)).toBe(text);
  });
});

describe('parseSmSize', () => {
  it.each([
    ['500.000G', 500 * GIB],
    ['152.000M', 152 * MIB],
    ['4.000K', 4 * KIB],
    ['270.645M', Math.round(270.645 * MIB)],
    ['512', 512],
    ['-1', -1],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseSmSize(text)).toBe(bytes);
  });

  it('keeps a value num2str printed in the smaller unit below the next unit', () => {
    expect(parseSmSize('1024.000M')).toBe(GIB - 1);
    expect(formatSmSize(parseSmSize('1024.000M') ?? 0)).toBe('1024.000M');
  });

  it.each(['', 'G', '1.5X', '1,5G', '1.5 G', '?', '1e3'])('rejects %j', (text) => {
    expect(parseSmSize(text)).toBeNull();
  });
});

describe('parseVdiToken', () => {
  it('reads an old LVM token with an unknown VHD size (forum fixture)', () => {
    expect(parseVdiToken('*e25e01be[VHD](500.000G//152.000M|ao)')).toEqual({
      raw: '*e25e01be[VHD](500.000G//152.000M|ao)',
      hidden: true,
      uuidPrefix: 'e25e01be',
      vdiType: 'VHD',
      format: 'lvm-3',
      virtualSizeBytes: 500 * GIB,
      sizeBytes: null,
      allocatedBytes: null,
      lvSizeBytes: 152 * MIB,
      flags: 'ao',
    });
  });

  it('reads the VHD size and LV size of an old LVM leaf', () => {
    expect(parseVdiToken('7ef76d55[VHD](500.000G/270.645M/500.984G|ao)')).toMatchObject({
      hidden: false,
      sizeBytes: Math.round(270.645 * MIB),
      allocatedBytes: null,
      lvSizeBytes: Math.round(500.984 * GIB),
    });
  });

  it('reads the four sizes of a newer LVM token', () => {
    expect(parseVdiToken('*e25e01be[VHD](500.000G/152.000M/100.000M/500.984G|n)')).toMatchObject({
      format: 'lvm-4',
      virtualSizeBytes: 500 * GIB,
      sizeBytes: 152 * MIB,
      allocatedBytes: 100 * MIB,
      lvSizeBytes: Math.round(500.984 * GIB),
      flags: 'n',
    });
  });

  it.each([
    ['*abcd1234(20.000G/1.000G)', { format: 'file-2', sizeBytes: GIB, allocatedBytes: null, vdiType: null }],
    ['abcd1234(20.000G?)', { format: 'file-2', sizeBytes: null, hidden: false }],
    ['abcd1234(20.000G)[RAW]', { format: 'file-2', sizeBytes: null, vdiType: 'RAW' }],
    ['*abcd1234(20.000G/1.000G/512.000M)', { format: 'file-3', sizeBytes: GIB, allocatedBytes: 512 * MIB }],
    ['abcd1234(?/1.000G/0)', { format: 'file-3', virtualSizeBytes: null, sizeBytes: GIB, allocatedBytes: 0 }],
    ['abcd1234(20.000G?/512.000M)', { format: 'file-3', sizeBytes: null, allocatedBytes: 512 * MIB }],
    ['abcd1234(20.000G/512.000M)[RAW]', { format: 'file-3', sizeBytes: null, allocatedBytes: 512 * MIB }],
    ['abcd1234(20.000G/1.000G/512.000M)[vhd]', { format: 'file-3', vdiType: 'vhd', allocatedBytes: 512 * MIB }],
    ['*OLD_b545(1.000G/4.129M)', { uuidPrefix: 'OLD_b545', hidden: true, format: 'file-2' }],
  ])('reads the file-SR token %s', (text, fields) => {
    expect(parseVdiToken(text)).toMatchObject({ raw: text, lvSizeBytes: null, flags: null, ...fields });
  });

  it.each([
    'abcd1234',
    'abcd123(20.000G/1.000G)',
    'abcd12345(20.000G/1.000G)',
    'abcd1234(20.000G/1.000G/1.000G/1.000G)',
    'abcd1234(/1.000G)',
    'abcd1234(20.000G)',
    'abcd1234[VHD](500.000G//152.000M)',
    'abcd1234[VHD](500.000G/152.000M|ao)',
    'abcd1234[VHD](500.000G/x/152.000M|ao)',
    'abcd1234[VHD](1G/2G/3G|AO)',
    'abcd1234[VHD](1G/2G/3G|a)[RAW]',
    'None',
  ])('rejects %j', (text) => {
    expect(parseVdiToken(text)).toBeNull();
  });
});

describe('findVdiTokens', () => {
  it('finds the source then the parent of a leaf-coalesce', () => {
    const message = 'Leaf-coalescing 7ef76d55[VHD](500.000G/272.649M/500.984G|ao) -> *43454904[VHD](500.000G//500.949G|ao)';
    expect(findVdiTokens(message).map((t) => [t.uuidPrefix, t.hidden, t.raw])).toEqual([
      ['7ef76d55', false, '7ef76d55[VHD](500.000G/272.649M/500.984G|ao)'],
      ['43454904', true, '*43454904[VHD](500.000G//500.949G|ao)'],
    ]);
  });

  it('does not take a token out of a longer word or a uuid', () => {
    expect(findVdiTokens('x*abcd1234(1.000G/1.000G) fabcd1234(1.000G/1.000G) VHD-e25e01be-4e8a-4c69')).toEqual([]);
  });

  it('skips parenthesised text that is not a token', () => {
    expect(findVdiTokens('abcd1234(not a size) then abcd1234(1.000G?) done').map((t) => t.raw)).toEqual([
      'abcd1234(1.000G?)',
    ]);
  });
});

const hex = fc.stringMatching(/^[0-9a-f]{8}$/);
const uuidPrefix = fc.oneof(hex, fc.stringMatching(/^OLD_[0-9a-f]{4}$/));
const bytes = fc.oneof(fc.nat({ max: 2047 }), fc.integer({ min: 0, max: 64 * 1024 * GIB }));
const maybeBytes = fc.option(bytes, { nil: null });

const arbitraryToken: fc.Arbitrary<VdiTokenFields> = fc
  .record({
    format: fc.constantFrom<VdiTokenFormat>('lvm-3', 'lvm-4', 'file-2', 'file-3'),
    hidden: fc.boolean(),
    uuidPrefix,
    lvmType: fc.constantFrom('VHD', 'RAW'),
    fileType: fc.constantFrom(null, 'RAW', 'vhd', 'qcow2'),
    virt: maybeBytes,
    phys: maybeBytes,
    alloc: maybeBytes,
    lv: maybeBytes,
    flags: fc.constantFrom('n', 'no', 'a', 'ao'),
  })
  .map((r) => {
    if (r.format === 'lvm-3' || r.format === 'lvm-4') {
      return lvmToken({
        format: r.format,
        hidden: r.hidden,
        uuidPrefix: r.uuidPrefix,
        vdiType: r.lvmType,
        virtualSizeBytes: r.virt,
        sizeBytes: r.phys,
        allocatedBytes: r.format === 'lvm-4' ? r.alloc : null,
        lvSizeBytes: r.lv,
        flags: r.flags,
      });
    }
    // A raw file VDI has no VHD: SM prints no physical-size slot for it.
    return fileToken({
      format: r.format,
      hidden: r.hidden,
      uuidPrefix: r.uuidPrefix,
      vdiType: r.fileType,
      virtualSizeBytes: r.virt,
      sizeBytes: r.fileType === 'RAW' ? null : r.phys,
      allocatedBytes: r.format === 'file-3' ? r.alloc : null,
    });
  });

/** num2str keeps 3 decimals of the unit: the error of reading it back is at most half of the last digit. */
function closeToPrinted(read: number | null, original: number | null): boolean {
  if (read === null || original === null) return read === original;
  const unit = original >= GIB ? GIB : original >= MIB ? MIB : original >= KIB ? KIB : 0;
  return Math.abs(read - original) <= unit * 0.0005 + 0.5;
}

describe('formatVdiToken / parseVdiToken round trip', () => {
  it('prints the forum tokens back exactly', () => {
    for (const text of ['*e25e01be[VHD](500.000G//152.000M|ao)', '7ef76d55[VHD](500.000G/270.645M/500.984G|ao)']) {
      const token = parseVdiToken(text);
      expect(token && formatVdiToken(token)).toBe(text);
    }
  });

  it('parses what it formats, and formats what it parsed to the same text', () => {
    fc.assert(
      fc.property(arbitraryToken, (token) => {
        const text = formatVdiToken(token);
        const read = parseVdiToken(text);
        expect(read).not.toBeNull();
        if (!read) return;
        expect(read.raw).toBe(text);
        expect(formatVdiToken(read)).toBe(text);
        expect([read.format, read.hidden, read.uuidPrefix, read.vdiType, read.flags]).toEqual([
          token.format,
          token.hidden,
          token.uuidPrefix,
          token.vdiType,
          token.flags,
        ]);
        expect(closeToPrinted(read.virtualSizeBytes, token.virtualSizeBytes)).toBe(true);
        expect(closeToPrinted(read.sizeBytes, token.sizeBytes)).toBe(true);
        expect(closeToPrinted(read.allocatedBytes, token.allocatedBytes)).toBe(true);
        expect(closeToPrinted(read.lvSizeBytes, token.lvSizeBytes)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a formatted token inside a message', () => {
    fc.assert(
      fc.property(arbitraryToken, arbitraryToken, (a, b) => {
        const found = findVdiTokens(`Coalescing ${formatVdiToken(a)} -> ${formatVdiToken(b)}`);
        expect(found.map((t) => t.raw)).toEqual([formatVdiToken(a), formatVdiToken(b)]);
      }),
    );
  });
});

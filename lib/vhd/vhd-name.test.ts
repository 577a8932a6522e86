import { describe, expect, it } from 'vitest';
import { SR_UUID, scanName, uuidFor } from '../../test/factories/vhd-scan';
import { baseName, isUuidAt, isWholeVhdName, uuidFromName, vhdNameForUuid } from './vhd-name';

const UUID = uuidFor(0x1234);

describe('uuidFromName', () => {
  it.each(['lvm', 'file', 'lvm-path', 'file-path'] as const)('finds the VDI uuid in a %s name', (style) => {
    expect(uuidFromName(scanName(UUID, style))).toBe(UUID);
  });

  it('lower-cases an upper-case uuid', () => {
    expect(uuidFromName(`VHD-${UUID.toUpperCase()}`)).toBe(UUID);
  });

  it('finds none in a cut name, a foreign name, or the SR uuid of a path', () => {
    expect(uuidFromName(`VHD-${UUID.slice(0, 20)}`)).toBeNull();
    expect(uuidFromName(`${UUID.slice(0, 35)}.vhd`)).toBeNull();
    expect(uuidFromName(`LV-${UUID}`)).toBeNull();
    expect(uuidFromName(`VHD-${UUID}.vhd`)).toBeNull();
    expect(uuidFromName(`/dev/VG_XenStorage-${SR_UUID}/`)).toBeNull();
    expect(uuidFromName(`VHD-${UUID.replace(/-/g, 'x')}`)).toBeNull();
    expect(uuidFromName('')).toBeNull();
  });
});

describe('isWholeVhdName', () => {
  it('accepts whole names and refuses their strict prefixes', () => {
    const name = scanName(UUID, 'file-path');
    expect(isWholeVhdName(name)).toBe(true);
    for (let cut = 0; cut < name.length; cut++) expect(isWholeVhdName(name.slice(0, cut))).toBe(false);
  });

  it('refuses none', () => {
    expect(isWholeVhdName('none')).toBe(false);
  });
});

describe('name helpers', () => {
  it('builds the name SM gives a VDI on each kind of SR', () => {
    expect(vhdNameForUuid(UUID, 'lvm')).toBe(`VHD-${UUID}`);
    expect(vhdNameForUuid(UUID, 'file')).toBe(`${UUID}.vhd`);
  });

  it('takes the basename of a path and leaves a bare name alone', () => {
    expect(baseName(scanName(UUID, 'lvm-path'))).toBe(`VHD-${UUID}`);
    expect(baseName(`VHD-${UUID}`)).toBe(`VHD-${UUID}`);
  });

  it('checks a uuid at an offset without reading past the end', () => {
    expect(isUuidAt(`VHD-${UUID}`, 4)).toBe(true);
    expect(isUuidAt(`VHD-${UUID}`, 5)).toBe(false);
    expect(isUuidAt(UUID, -1)).toBe(false);
  });
});

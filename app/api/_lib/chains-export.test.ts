import { describe, expect, it } from 'vitest';
import type { ChainSummary } from '@/lib/db/read/chains';
import { chainsCsv, xoVerdict } from './chains-export';

const chain = (over: Partial<ChainSummary>): ChainSummary => ({
  leafUuid: 'leaf-1',
  leafName: 'disk',
  isSnapshot: false,
  vmNames: [],
  rootUuid: 'root-1',
  length: 3,
  baseCopies: 2,
  sizeBytes: 1024,
  state: 'coalescing',
  xoUnhealthy: false,
  sinceMs: Date.UTC(2024, 7, 21, 10, 31),
  ...over,
});

describe('chainsCsv', () => {
  it('writes one row per chain with the verdict in words and the distance to SM limit', () => {
    const lines = chainsCsv({ uuid: 'sr-1', nameLabel: 'SSD' }, [chain({ xoUnhealthy: true, vmNames: ['a', 'b'] })]).split('\r\n');
    expect(lines[0]).toBe(
      'srUuid,srName,leafUuid,leafName,vms,snapshot,chainLength,baseCopies,snapshotsLeftBeforeLimit30,sizeBytes,state,xoVerdict,sinceUtc',
    );
    expect(lines[1]).toBe('sr-1,SSD,leaf-1,disk,a; b,false,3,2,27,1024,coalescing,backup skipped: chain protection,2024-08-21T10:31:00.000Z');
  });

  it('defuses names a spreadsheet would run as formulas', () => {
    const csv = chainsCsv({ uuid: 'sr-1', nameLabel: '=HYPERLINK("http://x")' }, [chain({ leafName: '+cmd|calc' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`'+cmd|calc`);
  });

  it('says snapshots are not backed up', () => {
    expect(xoVerdict({ isSnapshot: true, xoUnhealthy: true })).toBe('not backed up (snapshot)');
  });
});

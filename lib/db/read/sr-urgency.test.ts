import { describe, expect, it } from 'vitest';
import { compareUrgency, srUrgency } from './sr-urgency';
import type { SrSummary } from './srs';
import type { SrSamplePoint } from './sr-samples';

const sample = (over: Partial<SrSamplePoint> = {}): SrSamplePoint => ({
  atMs: 0,
  bucketSeconds: 0,
  nodes: 10,
  hiddenNodes: 3,
  chains: 7,
  backlogNodes: 0,
  backlogBytes: 0,
  maxChainLength: 2,
  xoUnhealthyCount: 0,
  xoVdisToCoalesce: 0,
  gcRunning: false,
  gcProgress: null,
  ...over,
});

const sr = (name: string, latest: SrSamplePoint | null, over: Partial<SrSummary> = {}): SrSummary => ({
  id: 1,
  uuid: name,
  poolId: 1,
  nameLabel: name,
  type: 'lvm',
  shared: false,
  physicalSizeBytes: 1,
  physicalUtilisationBytes: 0,
  gcEnabled: true,
  coalesceEnabled: true,
  leafCoalesceEnabled: true,
  gcNoSpace: false,
  lastCoalesceError: null,
  vdis: 1,
  baseCopies: 0,
  latest,
  removedAtMs: null,
  ...over,
});

describe('srUrgency', () => {
  it('is critical when XO would skip a backup or a chain is at the limit', () => {
    expect(srUrgency(sr('a', sample({ xoUnhealthyCount: 2 })))).toEqual({
      level: 'critical',
      reasons: ['XO will skip the next backup of 2 disks to protect the VDI chain.'],
    });
    expect(srUrgency(sr('a', sample({ maxChainLength: 30 }))).level).toBe('critical');
  });

  it('warns near the chain limit, at XO\'s "VDIs to coalesce" alarm and when the GC is off with work waiting', () => {
    expect(srUrgency(sr('a', sample({ maxChainLength: 26 }))).reasons[0]).toContain('4 snapshots left');
    expect(srUrgency(sr('a', sample({ xoVdisToCoalesce: 10 }))).level).toBe('warning');
    expect(srUrgency(sr('a', sample({ backlogNodes: 3 }), { gcEnabled: false })).level).toBe('warning');
    expect(srUrgency(sr('a', sample({ backlogNodes: 0 }), { gcEnabled: false })).level).toBe('ok');
  });

  it('is unknown before any sample', () => {
    expect(srUrgency(sr('a', null)).level).toBe('unknown');
  });

  it('sorts the most urgent SR first', () => {
    const srs = [
      sr('healthy', sample()),
      sr('waiting', null),
      sr('busy', sample({ backlogNodes: 5 })),
      sr('skip', sample({ xoUnhealthyCount: 1 })),
      sr('near', sample({ maxChainLength: 27 })),
    ];
    expect(srs.sort(compareUrgency).map((s) => s.nameLabel)).toEqual(['skip', 'near', 'waiting', 'busy', 'healthy']);
  });
});

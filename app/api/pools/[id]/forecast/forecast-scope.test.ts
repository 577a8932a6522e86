import { describe, expect, it } from 'vitest';
import type { CoalesceSpeed } from '@/lib/analysis/coalesce-speed';
import type { ChainEta, GcQueueForecast } from '@/lib/analysis/gc-queue-forecast';
import type { OscillationVerdict } from '@/lib/analysis/oscillation';
import type { PinnedChain } from '@/lib/chains/pinned';
import { srForecast, withoutQuietEntries } from './forecast-scope';
import type { PoolForecastView } from './forecast-view';

const SR_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const SR_B = 'bbbbbbbb-0000-4000-8000-000000000002';

function oscillation(leafId: string, oscillating: boolean): OscillationVerdict {
  return {
    leafId,
    oscillating,
    confidence: oscillating ? 0.9 : 0,
    startedAtMs: oscillating ? 1_000 : null,
    lengths: oscillating ? [3, 4] : null,
    flips: oscillating ? 4 : 0,
    evidence: { points: [], smlog: [], leafCoalesceOffline: false },
    summary: oscillating ? 'It oscillates.' : 'The chain settles: no oscillation.',
    meaning: null,
    actions: [],
  } as OscillationVerdict;
}

function eta(leafId: string, status: ChainEta['status']): ChainEta {
  return { leafId, status, cleanAtMs: status === 'clean' ? 5_000 : null, pendingSteps: status === 'clean' ? 0 : 2, pendingBytes: 0, reason: status };
}

function gc(srId: string, chains: ChainEta[]): GcQueueForecast {
  return { srId, bytesPerSec: 1e8, startsAtMs: null, steps: [], chains, status: 'will-clear', backlogClearAtMs: 9_000, backlogBytes: 42, blocked: [], summary: `GC of ${srId}` };
}

function speed(srId: string): CoalesceSpeed {
  return { srId, status: 'known', bytesPerSec: 1e8 } as CoalesceSpeed;
}

function pinned(leafId: string): PinnedChain {
  return { leafId, leafName: `disk ${leafId}`, length: 12, baseCopies: 11, pinnedBaseCopies: 11, snapshotIds: [], snapshotNames: [], collapsible: 0, sentence: `${leafId} is pinned` };
}

function view(): PoolForecastView {
  return {
    atMs: 10_000,
    speeds: [speed(SR_A), speed(SR_B)],
    oscillations: [oscillation('osc-a', true), oscillation('calm-a', false), oscillation('osc-b', true)],
    gc: [gc(SR_A, [eta('osc-a', 'will-clean'), eta('calm-a', 'clean')]), gc(SR_B, [eta('osc-b', 'clean')])],
    backups: [],
    skips: [],
    overlaps: [],
    poolId: 7,
    clock: { speed: 1, anchorWallMs: 0, anchorPoolMs: 0 },
    vmNames: { 'vm-1': 'web <b>01</b>', 'vm-2': 'db-01', 'vm-3': 'other' },
    srNames: { [SR_A]: 'A', [SR_B]: 'B' },
    leaves: {
      'osc-a': { name: 'web disk', srId: SR_A, vmUuids: ['vm-1'] },
      'pin-a': { name: 'db disk', srId: SR_A, vmUuids: ['vm-2'] },
      'osc-b': { name: 'other disk', srId: SR_B, vmUuids: ['vm-3'] },
    },
    pinned: [pinned('pin-a')],
  };
}

describe('withoutQuietEntries', () => {
  it('keeps only the oscillating leaves and the chains not clean, and every SR with its summary', () => {
    const slim = withoutQuietEntries(view());
    expect(slim.oscillations.map((o) => o.leafId)).toEqual(['osc-a', 'osc-b']);
    expect(slim.gc.map((g) => [g.srId, g.chains.map((c) => c.leafId), g.summary, g.backlogBytes])).toEqual([
      [SR_A, ['osc-a'], `GC of ${SR_A}`, 42],
      [SR_B, [], `GC of ${SR_B}`, 42],
    ]);
    expect(slim.speeds).toEqual(view().speeds);
    expect(slim.pinned).toEqual(view().pinned);
  });
});

describe('srForecast', () => {
  it("answers one SR's speed, backlog, oscillating and pinned chains, and only the names they need", () => {
    expect(srForecast(view(), SR_A)).toEqual({
      poolId: 7,
      srUuid: SR_A,
      atMs: 10_000,
      clock: view().clock,
      speed: speed(SR_A),
      gc: view().gc[0],
      oscillations: [oscillation('osc-a', true)],
      pinned: [pinned('pin-a')],
      leaves: { 'osc-a': view().leaves['osc-a'], 'pin-a': view().leaves['pin-a'] },
      vmNames: { 'vm-1': 'web <b>01</b>', 'vm-2': 'db-01' },
    });
  });

  it('says an SR the forecast does not know has nothing: no speed, no backlog, no chains', () => {
    const unknown = srForecast(view(), 'cccccccc-0000-4000-8000-000000000003');
    expect(unknown).toMatchObject({ speed: null, gc: null, oscillations: [], pinned: [], leaves: {}, vmNames: {} });
  });
});

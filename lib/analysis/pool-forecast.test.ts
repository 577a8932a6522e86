import { describe, expect, it } from 'vitest';
import { treeRecords } from '../chains/test-factory';
import { type PoolHistory, forecastPool } from './pool-forecast';
import { DAY, HOUR, MINUTE, MONDAY, lengthPoints, smlogEvent, srHistory, token, xoSnapshot } from './test-factories';

const MiB = 1024 ** 2;
const NOW = MONDAY + 6 * DAY + 20 * HOUR;

function pool(bytesPerSec: number): PoolHistory {
  const records = treeRecords(`
*base size=2000M
  *b2 size=6000M
    *b3 size=3000M
      snap snapshot size=8M
      leaf size=100M
`).map((r) => ({ ...r, srId: 'sr1' }));
  const speedLog = [1, 2, 3, 4, 5].map((i) => ({ atMs: NOW - i * HOUR, bytesPerSec }));
  return {
    records,
    vms: [{ vmUuid: 'vm1', running: true, vdiIds: ['leaf'] }],
    srs: [{ history: srHistory({ srId: 'sr1', speedLog }), gcRunningSinceMs: null }],
    leaves: [{ leafId: 'leaf', srId: 'sr1', vmId: 'vm1', points: lengthPoints(NOW - DAY, HOUR, [3, 4]) }],
    snapshots: [0, 1, 2, 3, 4, 5, 6].map((d) => xoSnapshot('vm1', MONDAY + d * DAY + 2 * HOUR)),
    smlog: [],
  };
}

describe('forecastPool', () => {
  it('chains speed → GC queue → backup time → skip verdict', () => {
    const f = forecastPool(pool(10 * MiB), NOW);
    expect(f.speeds[0]).toMatchObject({ status: 'known', source: 'speed-log', bytesPerSec: 10 * MiB });
    expect(f.gc[0].steps.map((s) => s.vhdId)).toEqual(['b2', 'b3']);
    expect(f.backups[0].nextBackupMs).toBe(MONDAY + 7 * DAY + 2 * HOUR);
    expect(f.skips[0]).toMatchObject({ vmUuid: 'vm1', verdict: 'ok', uncoalescedNow: 2, healthyAtMs: NOW + 5 * MINUTE + 10 * MINUTE });
    expect(f.oscillations[0].oscillating).toBe(false);
    expect(f.overlaps).toEqual([]);
  });

  it('predicts the skip on a slow SR', () => {
    // 6000 MiB at 0.2 MiB/s: 8 h 20 m, and the backup is in 6 h.
    const f = forecastPool(pool(0.2 * MiB), NOW);
    expect(f.skips[0].verdict).toBe('skip');
    expect(f.skips[0].reasons[0]).toMatch(/the GC needs ~8 h 25 m at 210 KB\/s and the backup is in 6 h 00 m/);
  });
});

describe('forecastPool on an oscillating leaf', () => {
  const LEAF = '7ef76d55-683d-430f-91e6-39e5cceb9ec1';
  const OTHER = 'd2ba9482-0000-4000-8000-000000000000';

  it('blocks the leaf, and makes the queue wait as long as the GC took to give up before', () => {
    const records = treeRecords(`*base size=1000M\n  ${LEAF} size=600M\n*b2 size=1000M\n  ${OTHER} size=10M`).map((r) => ({ ...r, srId: 'sr1' }));
    const rounds = [
      smlogEvent('leaf-coalescing', NOW - DAY, { vdis: [token('7ef76d55')] }),
      smlogEvent('set-leaf-coalesce-offline', NOW - DAY + 3 * HOUR, { vdis: [token('7ef76d55')] }),
    ];
    const history: PoolHistory = {
      records,
      vms: [
        { vmUuid: 'build', running: true, vdiIds: [LEAF] },
        { vmUuid: 'wiki', running: true, vdiIds: [OTHER] },
      ],
      srs: [{ history: srHistory({ srId: 'sr1', speedLog: [{ atMs: NOW - HOUR, bytesPerSec: 10 * MiB }] }), gcRunningSinceMs: NOW - MINUTE }],
      leaves: [{ leafId: LEAF, srId: 'sr1', vmId: 'build', points: lengthPoints(NOW - 2 * HOUR, 20 * MINUTE, [2, 3, 2, 3, 2]) }],
      snapshots: [],
      smlog: rounds,
    };
    const f = forecastPool(history, NOW);
    expect(f.oscillations[0]).toMatchObject({ leafId: LEAF, oscillating: true });
    expect(f.gc[0].steps.map((s) => [s.kind, s.vhdId])).toEqual([
      ['give-up', LEAF],
      ['leaf-coalesce', OTHER],
    ]);
    expect(f.gc[0].steps[1].startMs).toBe(NOW + 4 * MINUTE + 3 * HOUR + 10_000);
    expect(f.gc[0].chains.find((c) => c.leafId === LEAF)?.status).toBe('blocked');
  });
});

/** The history stores against a real (throwaway) SQLite database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChainHistoryStore, type ChainSnapshot } from './chain-history';
import { recordRun } from './collection-runs';
import { CurrentStateStore } from './current-state';
import { ensurePool } from './pools';
import type { SrRow, VdiRow } from './rows';
import { SpeedLogStore } from './speed-readings';
import { SrSampleStore, type SrAggregateValues } from './sr-samples';
import { createTestDb, type TestDb } from './test-db';

let t: TestDb;
let poolId: number;
let srId: number;
beforeEach(async () => {
  t = await createTestDb();
  poolId = await ensurePool(t.db, { name: 'p', url: 'https://x', demo: false });
  const current = new CurrentStateStore(poolId);
  await current.syncSrs(t.db, [srRow('sr-1')], 1_000, true);
  srId = current.srId('sr-1')!;
});
afterEach(async () => t.close());

function srRow(uuid: string): SrRow {
  return {
    uuid,
    ref: `OpaqueRef:${uuid}`,
    nameLabel: uuid,
    type: 'lvm',
    shared: false,
    physicalSizeBytes: 2 ** 41,
    physicalUtilisationBytes: 2 ** 40,
    gcEnabled: true,
    coalesceEnabled: true,
    leafCoalesceEnabled: true,
    gcNoSpace: false,
    lastCoalesceError: null,
  };
}

function vdiRow(uuid: string, overrides: Partial<VdiRow> = {}): VdiRow {
  return {
    uuid,
    ref: `OpaqueRef:${uuid}`,
    nameLabel: uuid,
    type: 'user',
    managed: true,
    missing: false,
    isSnapshot: false,
    snapshotOfUuid: null,
    snapshotTimeMs: null,
    virtualSizeBytes: 5 * 2 ** 40,
    physicalUtilisationBytes: 2 ** 33,
    vhdParentUuid: null,
    leafCoalesce: null,
    vmUuids: ['vm-1'],
    chainLength: 1,
    ...overrides,
  };
}

const chain = (leafUuid: string, length: number, state = 'clean'): ChainSnapshot => ({
  leafUuid,
  rootUuid: 'root',
  length,
  hiddenCount: length - 1,
  sizeBytes: 3 * 2 ** 32,
  state,
  xoUnhealthy: false,
});

describe('CurrentStateStore', () => {
  it('creates, updates only what changed, marks removed VDIs, and reloads after a restart', async () => {
    const store = new CurrentStateStore(poolId);
    expect(await store.syncVdis(t.db, [{ srUuid: 'sr-1', rows: [vdiRow('a'), vdiRow('b')] }], 2_000)).toMatchObject({ created: 2, updated: 0, removed: 0 });
    expect(await store.syncVdis(t.db, [{ srUuid: 'sr-1', rows: [vdiRow('a'), vdiRow('b')] }], 3_000)).toMatchObject({ created: 0, updated: 0 });
    expect(await store.syncVdis(t.db, [{ srUuid: 'sr-1', rows: [vdiRow('a', { chainLength: 2 })] }], 4_000)).toMatchObject({ updated: 1, removed: 1 });
    const b = await t.db.vdi.findFirstOrThrow({ where: { uuid: 'b' } });
    expect(b.removedAt?.getTime()).toBe(4_000);
    expect((await t.db.vdi.findFirstOrThrow({ where: { uuid: 'a' } })).virtualSizeBytes).toBe(5n * 2n ** 40n);

    const restarted = new CurrentStateStore(poolId);
    expect(await restarted.syncVdis(t.db, [{ srUuid: 'sr-1', rows: [vdiRow('a', { chainLength: 2 })] }], 5_000)).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });
});

describe('ChainHistoryStore', () => {
  it('writes a row only when length or state changes, and a removed row when a chain goes', async () => {
    const store = new ChainHistoryStore();
    expect(await store.recordAll(t.db, [{ srId, chains: [chain('leaf', 2)] }], 1_000)).toBe(1);
    expect(await store.recordAll(t.db, [{ srId, chains: [chain('leaf', 2)] }], 2_000)).toBe(0);
    expect(await store.recordAll(t.db, [{ srId, chains: [chain('leaf', 3, 'coalescing')] }], 3_000)).toBe(1);
    expect(await store.recordAll(t.db, [{ srId, chains: [] }], 4_000)).toBe(1);
    expect(await store.recordAll(t.db, [{ srId, chains: [] }], 5_000)).toBe(0);
    const rows = await t.db.chainChange.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.seq, r.length, r.state, r.at.getTime()])).toEqual([
      [1, 2, 'clean', 1_000],
      [2, 3, 'coalescing', 3_000],
      [3, 0, 'removed', 4_000],
    ]);
  });

  it('picks up where the table left off after a restart', async () => {
    await new ChainHistoryStore().recordAll(t.db, [{ srId, chains: [chain('leaf', 2)] }], 1_000);
    const restarted = new ChainHistoryStore();
    expect(await restarted.recordAll(t.db, [{ srId, chains: [chain('leaf', 2)] }], 2_000)).toBe(0);
    expect(await restarted.recordAll(t.db, [{ srId, chains: [chain('leaf', 4)] }], 3_000)).toBe(1);
    expect((await t.db.chainChange.findFirstOrThrow({ where: { length: 4 } })).seq).toBe(2);
  });

  it('names a VHD by one row, also when an SR with no history yet names VHDs stored already', async () => {
    const store = new ChainHistoryStore();
    await store.recordAll(t.db, [{ srId, chains: [chain('leaf', 2), chain('other', 3)] }], 1_000);
    const before = await t.db.chainVhd.findMany();
    // The same pool watched under a second name: its SR's first chains name the same VHDs.
    const twinPoolId = await ensurePool(t.db, { name: 'twin', url: 'https://x', demo: false });
    const twin = new CurrentStateStore(twinPoolId);
    await twin.syncSrs(t.db, [srRow('sr-1')], 1_000, true);
    const twinSrId = twin.srId('sr-1')!;
    expect(await store.recordAll(t.db, [{ srId: twinSrId, chains: [chain('leaf', 2), chain('new-leaf', 1)] }], 2_000)).toBe(2);

    const vhds = await t.db.chainVhd.findMany();
    expect(vhds.map((v) => v.uuid).sort()).toEqual(['leaf', 'new-leaf', 'other', 'root']);
    const idOf = new Map(vhds.map((v) => [v.uuid, v.id]));
    expect(before.every((v) => idOf.get(v.uuid) === v.id)).toBe(true);
    const twinRows = await t.db.chainChange.findMany({ where: { srId: twinSrId }, orderBy: { length: 'desc' } });
    expect(twinRows.map((r) => [r.leafId, r.rootId])).toEqual([
      [idOf.get('leaf'), idOf.get('root')],
      [idOf.get('new-leaf'), idOf.get('root')],
    ]);
  });
});

describe('SrSampleStore', () => {
  const values: SrAggregateValues = {
    nodes: 3,
    hiddenNodes: 1,
    chains: 2,
    backlogNodes: 1,
    backlogBytes: 2 ** 35,
    maxChainLength: 2,
    xoUnhealthyCount: 0,
    xoVdisToCoalesce: 1,
    gcRunning: true,
    gcProgress: 0.1,
  };

  it('skips repeats, however late and even after a restart, and GC progress-only changes', async () => {
    const store = new SrSampleStore();
    const one = (v: SrAggregateValues) => [{ srId, values: v }];
    expect(await store.recordAll(t.db, one(values), 1_000)).toBe(1);
    expect(await store.recordAll(t.db, one({ ...values, gcProgress: 0.5 }), 2_000)).toBe(0);
    expect(await new SrSampleStore().recordAll(t.db, one(values), 3_000)).toBe(0);
    expect(await store.recordAll(t.db, one({ ...values, backlogNodes: 2 }), 4_000)).toBe(1);
    expect(await store.recordAll(t.db, one({ ...values, backlogNodes: 2 }), 86_400_000)).toBe(0);
    expect(await new SrSampleStore().recordAll(t.db, one({ ...values, backlogNodes: 2 }), 86_400_000)).toBe(0);
    expect(await store.recordAll(t.db, one(values), 86_460_000)).toBe(1);
    expect(await t.db.srSample.count()).toBe(3);
    expect((await t.db.srSample.findFirstOrThrow({ where: { backlogNodes: 1 } })).backlogBytes).toBe(2n ** 35n);
  });
});

describe('SpeedLogStore', () => {
  it('stores only readings appended since the last read, also after a restart', async () => {
    const log = (...lines: string[]) => new Map([[srId, lines]]);
    expect(await new SpeedLogStore().recordAll(t.db, log('100', '200'), 1_000)).toBe(2);
    expect(await new SpeedLogStore().recordAll(t.db, log('100', '200'), 2_000)).toBe(0);
    const store = new SpeedLogStore();
    expect(await store.recordAll(t.db, log('200', '300'), 3_000)).toBe(1);
    expect(await store.recordAll(t.db, log('200', '300'), 4_000)).toBe(0);
    const readings = await t.db.speedReading.findMany({ orderBy: { seq: 'asc' } });
    expect(readings.map((r) => [r.seq, r.bytesPerSec, r.at.getTime()])).toEqual([
      [1, 100, 1_000],
      [2, 200, 1_000],
      [3, 300, 3_000],
    ]);
  });
});

describe('recordRun', () => {
  const run = (startedAtMs: number, outcome: 'ok' | 'failed' = 'ok') => ({
    poolId,
    kind: 'full' as const,
    startedAtMs,
    finishedAtMs: startedAtMs + 500,
    outcome,
    error: outcome === 'ok' ? null : 'Pool p: cannot reach XAPI',
    sshStatus: 'ok' as const,
    srsRebuilt: 1,
    vdis: 2,
    chainChanges: 1,
    xapiMs: 100,
    sshMs: startedAtMs / 1000,
    writeMs: 10,
    totalMs: 600,
  });

  it('extends the last clean run while collections follow each other, and starts a row after a silence or a failure', async () => {
    for (const at of [0, 60_000, 120_000]) await recordRun(t.db, run(at), 90_000);
    await recordRun(t.db, run(180_000, 'failed'), 90_000);
    await recordRun(t.db, run(240_000), 90_000);
    await recordRun(t.db, run(600_000), 90_000);
    const rows = await t.db.collectionRun.findMany({ orderBy: { startedAt: 'asc' } });
    expect(rows.map((r) => [r.startedAt.getTime(), r.finishedAt.getTime(), r.outcome, r.collections])).toEqual([
      [0, 120_500, 'ok', 3],
      [180_000, 180_500, 'failed', 1],
      [240_000, 240_500, 'ok', 1],
      [600_000, 600_500, 'ok', 1],
    ]);
    expect(rows[0]).toMatchObject({ chainChanges: 3, sshMs: 120 });
    expect(await t.db.pool.findFirstOrThrow()).toMatchObject({ lastOutcome: 'ok', lastError: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { findPool, listPools } from './pools';
import { lastGoodRunAt, listCollectionRuns } from './collection-runs';
import { at, seedHost, seedPool, seedRun } from './test-seed';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('listPools', () => {
  it('lists real pools before demo ones, with the master host name and the last outcome', async () => {
    const demo = await seedPool(t.db, { name: 'a-demo', demo: true, lastRunAt: at(5), lastOutcome: 'ok' });
    const prod = await seedPool(t.db, { name: 'prod', masterHostUuid: 'm-1', lastOutcome: 'weird', lastError: 'SSH refused' });
    await seedHost(t.db, prod.id, { uuid: 'm-1', nameLabel: 'rigel' });
    await seedHost(t.db, prod.id, { nameLabel: 'gone', removedAt: at(1) });

    const pools = await listPools(t.db);
    expect(await findPool(t.db, prod.id)).toEqual(pools.find((x) => x.id === prod.id));
    const names = pools.map((p) => p.name);
    expect(names.indexOf('prod')).toBeLessThan(names.indexOf('a-demo'));
    const p = pools.find((x) => x.id === prod.id)!;
    expect(p).toMatchObject({ masterHostName: 'rigel', hostCount: 1, lastOutcome: null, lastError: 'SSH refused', lastRunAtMs: null });
    expect(pools.find((x) => x.id === demo.id)).toMatchObject({ demo: true, lastOutcome: 'ok', lastRunAtMs: at(5).getTime() });
  });
});

describe('collection runs', () => {
  it('lists the newest runs oldest first and finds the last run that stored data', async () => {
    const pool = await seedPool(t.db);
    await seedRun(t.db, pool.id, { startedAt: at(0) });
    await seedRun(t.db, pool.id, { startedAt: at(1), outcome: 'partial' });
    await seedRun(t.db, pool.id, { startedAt: at(2), outcome: 'failed', error: 'timeout' });

    const runs = await listCollectionRuns(t.db, pool.id, { fromMs: at(1).getTime(), toMs: at(9).getTime() }, 10);
    expect(runs.map((r) => r.outcome)).toEqual(['partial', 'failed']);
    expect(runs[1].error).toBe('timeout');
    expect((await listCollectionRuns(t.db, pool.id, { fromMs: 0, toMs: at(9).getTime() }, 1)).map((r) => r.outcome)).toEqual(['failed']);
    expect(await listCollectionRuns(t.db, pool.id, { fromMs: 0, toMs: at(0).getTime() - 1 }, 10)).toEqual([]);

    const good = await lastGoodRunAt(t.db, [pool.id]);
    expect(good.get(pool.id)).toBe(at(1).getTime() + 2_000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { findSr, listSrs } from './srs';
import { listSrSamples } from './sr-samples';
import { at, seedPool, seedSample, seedSr, seedVdi } from './test-seed';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('SR summaries', () => {
  it('counts present VDIs and base copies and takes the newest sample, bytes as numbers', async () => {
    const pool = await seedPool(t.db);
    const sr = await seedSr(t.db, pool.id, { nameLabel: 'SSD', physicalSizeBytes: 5n * 2n ** 40n });
    await seedVdi(t.db, sr);
    await seedVdi(t.db, sr, { isSnapshot: true });
    await seedVdi(t.db, sr, { managed: false, nameLabel: 'base copy' });
    await seedVdi(t.db, sr, { removedAt: at(3) });
    await seedSample(t.db, sr.id, { at: at(1), backlogNodes: 1 });
    await seedSample(t.db, sr.id, { at: at(2), backlogNodes: 4, backlogBytes: 3n * 2n ** 40n, gcRunning: true, gcProgress: 0.5 });
    await seedSr(t.db, pool.id, { nameLabel: 'removed', removedAt: at(4) });

    const srs = await listSrs(t.db);
    expect(srs.map((s) => s.nameLabel)).not.toContain('removed');
    const s = srs.find((x) => x.id === sr.id)!;
    expect(s).toMatchObject({ vdis: 2, baseCopies: 1, physicalSizeBytes: 5 * 2 ** 40 });
    expect(s.latest).toMatchObject({ atMs: at(2).getTime(), backlogNodes: 4, backlogBytes: 3 * 2 ** 40, gcProgress: 0.5 });
    expect(typeof s.latest!.backlogBytes).toBe('number');
  });

  it('finds an SR by uuid, preferring the row still present', async () => {
    const old = await seedPool(t.db);
    const now = await seedPool(t.db);
    await seedSr(t.db, old.id, { uuid: 'dup-uuid', removedAt: at(1) });
    const present = await seedSr(t.db, now.id, { uuid: 'dup-uuid' });
    expect((await findSr(t.db, 'dup-uuid'))?.id).toBe(present.id);
    expect(await findSr(t.db, 'nope')).toBeNull();
  });

  it('lists the samples of a window, oldest first, keeping the newest when capped', async () => {
    const pool = await seedPool(t.db);
    const sr = await seedSr(t.db, pool.id);
    for (let m = 0; m < 5; m++) await seedSample(t.db, sr.id, { at: at(m), backlogNodes: m });
    expect((await listSrSamples(t.db, sr.id, { fromMs: at(1).getTime(), toMs: at(3).getTime() }, 10)).map((p) => p.backlogNodes)).toEqual([1, 2, 3]);
    expect((await listSrSamples(t.db, sr.id, { fromMs: 0, toMs: at(9).getTime() }, 2)).map((p) => p.backlogNodes)).toEqual([3, 4]);
  });
});

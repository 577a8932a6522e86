import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './test-db';

describe('openDb', () => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('keeps SQLite temporary storage (statement journals) in memory on its connection', async () => {
    t = await createTestDb();
    const rows = await t.db.$queryRawUnsafe<{ temp_store: number | bigint }[]>('PRAGMA temp_store');
    // 2 = MEMORY (0 would be the build's default, a file).
    expect(Number(rows[0].temp_store)).toBe(2);
  });
});

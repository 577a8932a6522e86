import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './test-db';
import { TurnGate, withTurns } from './connection-gate';

let testDb: TestDb | null = null;
afterEach(async () => {
  await testDb?.close();
  testDb = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('statements outside a transaction on the one SQLite connection', () => {
  it('wait for an open transaction: a write made meanwhile is not rolled back with it, a read sees no uncommitted row', async () => {
    testDb = await createTestDb();
    const { db } = testDb;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.user.create({ data: { name: 'uncommitted', passwordHash: 'x' } });
        wrote();
        await held;
        throw new Error('the collector write fails');
      })
      .catch((err: Error) => err.message);
    await written;
    const read = db.user.count({ where: { name: 'uncommitted' } });
    const write = db.user.create({ data: { name: 'made-meanwhile', passwordHash: 'y' } });
    // Both wait for the transaction to end (without turns they ran inside it at once).
    expect(await Promise.race([read.then(() => 'ran'), write.then(() => 'ran'), sleep(100).then(() => 'waiting')])).toBe('waiting');
    release();
    expect(await failing).toBe('the collector write fails');
    expect(await read).toBe(0);
    await write;
    expect(await db.user.findMany({ select: { name: true } })).toEqual([{ name: 'made-meanwhile' }]);
  });
});

describe('withTurns', () => {
  it('hands the turn on when starting a transaction fails', async () => {
    const calls: string[] = [];
    const adapter = {
      queryRaw: async () => {
        calls.push('query');
        return { columnNames: [], columnTypes: [], rows: [] };
      },
      executeRaw: async () => 0,
      executeScript: async () => undefined,
      startTransaction: async () => {
        throw new Error('database is locked');
      },
      dispose: async () => undefined,
    };
    const gated = withTurns(adapter as unknown as Parameters<typeof withTurns>[0], new TurnGate());
    await expect(gated.startTransaction()).rejects.toThrow('database is locked');
    await gated.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] } as unknown as Parameters<typeof gated.queryRaw>[0]);
    expect(calls).toEqual(['query']);
  });

  it('gives turns in the order asked', async () => {
    const gate = new TurnGate();
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => gate.run(async () => {
      await sleep(5 * (4 - n));
      order.push(n);
    })));
    expect(order).toEqual([1, 2, 3]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { listGcEvents } from './gc-events';
import { gcEventFromSmlog, gcEventView } from './gc-event-view';
import { listSpeedReadings } from './speed-readings';
import { at, seedGcEvent, seedHost, seedPool, seedSr } from './test-seed';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('gcEventView', () => {
  it('reads hidden VDIs and numbers back from the message', () => {
    const coalescing = gcEventView({ key: '1', atMs: 0, host: 'h', pid: 1, message: 'Coalescing *e25e01be[VHD](500.000G//152.000M|ao) -> *43454904[VHD](500.000G//500.949G|ao)' });
    expect(coalescing).toMatchObject({ kind: 'coalescing', failure: false, vdis: [{ hidden: true, uuidPrefix: 'e25e01be' }, { hidden: true, uuidPrefix: '43454904' }] });
    const gaveUp = gcEventView({ key: '2', atMs: 0, host: 'h', pid: 1, message: 'Max iterations (10) exceeded' });
    expect(gaveUp).toMatchObject({ kind: 'max-iterations', iterations: 10, failure: true });
  });
});

describe('listGcEvents', () => {
  it("lists one SR's events newest first, lines without an SR going with their GC process", async () => {
    const pool = await seedPool(t.db);
    const host = await seedHost(t.db, pool.id, { nameLabel: 'rigel' });
    const sr1 = '11111111-0000-4000-8000-000000000001';
    const sr2 = '22222222-0000-4000-8000-000000000002';
    await seedGcEvent(t.db, host, { pid: 628, srUuid: sr1, at: at(1), message: `=== SR ${sr1}: gc ===` });
    await seedGcEvent(t.db, host, { pid: 628, at: at(2), message: 'Coalesced size = 500.949G' });
    await seedGcEvent(t.db, host, { pid: 700, srUuid: sr2, at: at(3), message: `=== SR ${sr2}: gc ===` });
    await seedGcEvent(t.db, host, { pid: 700, at: at(4), message: 'No work, exiting' });
    // The pid comes back later for another SR.
    await seedGcEvent(t.db, host, { pid: 628, srUuid: sr2, at: at(5), message: `=== SR ${sr2}: gc ===` });
    await seedGcEvent(t.db, host, { pid: 628, at: at(6), message: 'GC active, about to go quiet' });

    const events = await listGcEvents(t.db, { poolId: pool.id, srUuid: sr1, limit: 10 });
    expect(events.map((e) => e.kind)).toEqual(['coalesced-size', 'gc-start']);
    expect(events[0]).toMatchObject({ host: 'rigel', pid: 628, sizeBytes: 537_889_892_991, atMs: at(2).getTime(), srUuid: sr1 });
    expect(await listGcEvents(t.db, { poolId: pool.id, srUuid: sr1, limit: 1 })).toHaveLength(1);
    expect((await listGcEvents(t.db, { poolId: pool.id, srUuid: sr2, limit: 10 })).map((e) => e.kind)).toEqual([
      'gc-quiet',
      'gc-start',
      'gc-exit',
      'gc-start',
    ]);
  });
});

describe('listSpeedReadings', () => {
  it('lists the newest readings first', async () => {
    const pool = await seedPool(t.db);
    const sr = await seedSr(t.db, pool.id);
    await t.db.speedReading.createMany({
      data: [
        { srId: sr.id, seq: 0, at: at(0), bytesPerSec: 1e6 },
        { srId: sr.id, seq: 1, at: at(5), bytesPerSec: 2e6 },
      ],
    });
    expect(await listSpeedReadings(t.db, sr.id, 5)).toEqual([
      { atMs: at(5).getTime(), bytesPerSec: 2e6 },
      { atMs: at(0).getTime(), bytesPerSec: 1e6 },
    ]);
  });
});

describe('gcEventFromSmlog', () => {
  it('keeps what the parser read', () => {
    const event = gcEventFromSmlog(
      { kind: 'no-space', atMs: 5, host: 'rigel', ident: 'SMGC', pid: 9, line: 3, message: 'No space…', vdis: [], freeSpaceBytes: 42 },
      'k',
    );
    expect(event).toMatchObject({ key: 'k', kind: 'no-space', freeSpaceBytes: 42, failure: true, host: 'rigel', pid: 9 });
  });
});

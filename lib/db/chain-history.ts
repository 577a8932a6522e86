/**
 * Chain history as changes: a row only when a chain's length, state or XO verdict differs
 * from its last row. `seq` numbers the rows of one leaf; the last row of every leaf is kept in
 * memory (reloaded from the table after a restart), so seeing the same chain again writes
 * nothing, and the unique (srId, leafId, seq) stops a second writer from adding it twice.
 */
import { bulkInsertTuples, idsByColumn, insertReturningIds } from './bulk-insert';
import { Prisma } from './generated/client';
import { bytes, type DbTx } from './rows';

export interface ChainSnapshot {
  leafUuid: string;
  rootUuid: string;
  length: number;
  hiddenCount: number;
  sizeBytes: number;
  state: string;
  xoUnhealthy: boolean;
}

/** The state written when a leaf disappears (deleted or coalesced away). */
export const REMOVED_STATE = 'removed';

interface LastChain {
  seq: number;
  length: number;
  state: string;
  xoUnhealthy: boolean;
}

type ChainRow = {
  srId: number;
  leafUuid: string;
  rootUuid: string;
  seq: number;
  at: Date;
  length: number;
  hiddenCount: number;
  sizeBytes: bigint;
  state: string;
  xoUnhealthy: boolean;
};

/** The ChainChange columns written, in the order recordAll gives the values. */
const CHAIN_CHANGE_COLUMNS = ['srId', 'seq', 'at', 'length', 'hiddenCount', 'sizeBytes', 'state', 'xoUnhealthy', 'leafId', 'rootId'];

interface LastRow {
  srId: number | bigint;
  leafUuid: string;
  seq: number;
  length: number;
  state: string;
  xoUnhealthy: boolean | number;
}

/**
 * The ChainVhd id of each uuid, created when missing (a first sync: thousands, in bulk).
 * `likelyNew` uuids, those of SRs with no chain history yet, are inserted first, without
 * looking them up; the rare one stored already (a pool watched under two names) is then
 * looked up like the others.
 */
export async function chainVhdIds(tx: DbTx, uuids: readonly string[], likelyNew: ReadonlySet<string> = new Set()): Promise<Map<string, number>> {
  const wanted = [...new Set(uuids)];
  const guessedNew = wanted.filter((uuid) => likelyNew.has(uuid));
  const ids = guessedNew.length > 0 ? await insertReturningIds(tx, 'ChainVhd', 'uuid', guessedNew, { skipExisting: true }) : new Map<string, number>();
  const others = wanted.filter((uuid) => !ids.has(uuid));
  if (others.length === 0) return ids;
  for (const [uuid, id] of await idsByColumn(tx, 'ChainVhd', 'uuid', others)) ids.set(uuid, id);
  const missing = others.filter((uuid) => !ids.has(uuid));
  if (missing.length > 0) {
    for (const [uuid, id] of await insertReturningIds(tx, 'ChainVhd', 'uuid', missing)) ids.set(uuid, id);
  }
  return ids;
}

export class ChainHistoryStore {
  /** Last row per leaf, per SR id; an SR is loaded on first use. */
  private readonly last = new Map<number, Map<string, LastChain>>();

  reset(): void {
    this.last.clear();
  }

  /** The last row of every leaf of the SRs not in memory yet, in SQL that SQLite and PostgreSQL both run. */
  private async load(tx: DbTx, srIds: number[]): Promise<void> {
    const missing = [...new Set(srIds)].filter((id) => !this.last.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.last.set(id, new Map());
    const rows = await tx.$queryRaw<LastRow[]>`
      SELECT c."srId", v."uuid" AS "leafUuid", c."seq", c."length", c."state", c."xoUnhealthy"
      FROM "ChainChange" c JOIN "ChainVhd" v ON v."id" = c."leafId"
      WHERE c."srId" IN (${Prisma.join(missing)})
        AND c."seq" = (SELECT MAX(m."seq") FROM "ChainChange" m WHERE m."srId" = c."srId" AND m."leafId" = c."leafId")`;
    for (const row of rows) {
      this.last.get(Number(row.srId))!.set(row.leafUuid, {
        seq: Number(row.seq),
        length: Number(row.length),
        state: row.state,
        xoUnhealthy: Boolean(row.xoUnhealthy),
      });
    }
  }

  /**
   * Records the chains of each SR as seen at `atMs`: every chain that changed, and a `removed`
   * row for each leaf seen before and gone now. Returns how many rows were written.
   */
  async recordAll(tx: DbTx, srs: readonly { srId: number; chains: readonly ChainSnapshot[] }[], atMs: number): Promise<number> {
    await this.load(tx, srs.map((sr) => sr.srId));
    const at = new Date(atMs);
    const data: ChainRow[] = [];
    // The VHDs of an SR with no chain history yet are, but for rare cases, not stored yet.
    const likelyNew = new Set<string>();
    for (const { srId, chains } of srs) {
      const last = this.last.get(srId)!;
      const noHistory = last.size === 0;
      const seen = new Set<string>();
      for (const chain of chains) {
        seen.add(chain.leafUuid);
        if (noHistory) likelyNew.add(chain.leafUuid).add(chain.rootUuid);
        const before = last.get(chain.leafUuid);
        if (before !== undefined && before.length === chain.length && before.state === chain.state && before.xoUnhealthy === chain.xoUnhealthy) {
          continue;
        }
        const { leafUuid, rootUuid, length, hiddenCount, state, xoUnhealthy } = chain;
        data.push({ srId, leafUuid, seq: (before?.seq ?? 0) + 1, at, length, hiddenCount, sizeBytes: bytes(chain.sizeBytes), state, rootUuid, xoUnhealthy });
      }
      for (const [leafUuid, before] of last) {
        if (seen.has(leafUuid) || before.state === REMOVED_STATE) continue;
        data.push({ srId, leafUuid, seq: before.seq + 1, at, length: 0, hiddenCount: 0, sizeBytes: 0n, state: REMOVED_STATE, rootUuid: '', xoUnhealthy: false });
      }
    }
    const ids = await chainVhdIds(
      tx,
      data.flatMap((row) => (row.rootUuid === '' ? [row.leafUuid] : [row.leafUuid, row.rootUuid])),
      likelyNew,
    );
    const tuples = data.map((row) => [
      row.srId,
      row.seq,
      row.at,
      row.length,
      row.hiddenCount,
      row.sizeBytes,
      row.state,
      row.xoUnhealthy,
      ids.get(row.leafUuid)!,
      row.rootUuid === '' ? null : ids.get(row.rootUuid)!,
    ]);
    await bulkInsertTuples(tx, 'ChainChange', CHAIN_CHANGE_COLUMNS, tuples);
    for (const row of data) this.last.get(row.srId)!.set(row.leafUuid, { seq: row.seq, length: row.length, state: row.state, xoUnhealthy: row.xoUnhealthy });
    return data.length;
  }
}

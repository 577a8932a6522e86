/**
 * Keeps one table of current state equal to the rows last seen, writing only what changed:
 * new rows are created in batches, changed rows updated, vanished rows marked removed (kept,
 * since history points at them). What was written is remembered, so a steady pool costs no
 * writes; after a restart the memory is reloaded from the table, so nothing is duplicated.
 */
export interface StoredRow {
  /** 0 when the rows were bulk-created without reading their ids back (see RowSyncOps.create). */
  id: number;
  /** The stored values, as `signature()` renders them. */
  signature: string;
  removed: boolean;
}

export interface RowSyncOps<Row> {
  key(row: Row): string;
  signature(row: Row): string;
  /** Creates rows; returns their ids by key, or null for a table addressed by key alone. */
  create(rows: Row[]): Promise<Map<string, number> | null>;
  update(stored: StoredRow, key: string, row: Row): Promise<void>;
  markRemoved(rows: { key: string; id: number }[]): Promise<void>;
}

export interface RowSyncResult {
  created: number;
  updated: number;
  removed: number;
  /** Keys of the rows marked removed by this sync. */
  removedKeys: string[];
}

const CREATE_BATCH = 5_000;

/**
 * Writes `rows` against `stored` (updated in place). Rows of `stored` that are not in `rows`
 * and pass `inScope` are marked removed: a partial sync (one SR's VDIs) only removes its own.
 */
export async function syncRows<Row>(
  stored: Map<string, StoredRow>,
  rows: readonly Row[],
  ops: RowSyncOps<Row>,
  inScope: (key: string) => boolean = () => true,
): Promise<RowSyncResult> {
  const seen = new Set<string>();
  const toCreate: Row[] = [];
  let updated = 0;
  for (const row of rows) {
    const key = ops.key(row);
    if (seen.has(key)) continue;
    seen.add(key);
    const signature = ops.signature(row);
    const existing = stored.get(key);
    if (existing === undefined) {
      toCreate.push(row);
    } else if (existing.signature !== signature || existing.removed) {
      await ops.update(existing, key, row);
      stored.set(key, { id: existing.id, signature, removed: false });
      updated++;
    }
  }
  for (let i = 0; i < toCreate.length; i += CREATE_BATCH) {
    const batch = toCreate.slice(i, i + CREATE_BATCH);
    const ids = await ops.create(batch);
    for (const row of batch) stored.set(ops.key(row), { id: ids?.get(ops.key(row)) ?? 0, signature: ops.signature(row), removed: false });
  }
  const removed: { key: string; id: number }[] = [];
  for (const [key, row] of stored) {
    if (row.removed || seen.has(key) || !inScope(key)) continue;
    removed.push({ key, id: row.id });
    row.removed = true;
  }
  if (removed.length > 0) await ops.markRemoved(removed);
  return { created: toCreate.length, updated, removed: removed.length, removedKeys: removed.map((r) => r.key) };
}

/**
 * Many rows in few statements. Prisma spends ~0.2 ms of JavaScript per row on `createMany`
 * (20,000 VDIs: 4 s), while SQLite itself needs a few microseconds. Inside a collector
 * transaction on SQLite (see `shareSqliteHandle`), rows go through one prepared statement on
 * the connection that holds the transaction; elsewhere each batch is rendered as one INSERT
 * with literal values, escaped here, run through the same client or transaction. Values
 * follow the way the client stores them in SQLite (booleans 1/0, DateTime as epoch
 * milliseconds); a PostgreSQL client would need its own rendering of booleans and timestamps.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { DbTx } from './rows';

export type SqlValue = string | number | bigint | boolean | Date | null;

const ROWS_PER_STATEMENT = 500;
/** Rows bound per execution of the prepared statement (SQLite allows 32,766 parameters). */
const ROWS_PER_PREPARED = 50;
const NUL = String.fromCharCode(0);

/** The better-sqlite3 connection behind a client, and the transactions it lent it to. */
const sqliteHandles = new WeakMap<object, () => BetterSqlite3.Database | undefined>();

/** Called by openDb: `client` runs on this SQLite connection. */
export function registerSqliteClient(client: object, handle: () => BetterSqlite3.Database | undefined): void {
  sqliteHandles.set(client, handle);
}

/**
 * Lets bulk inserts in `tx`, an open interactive transaction of `client`, run directly on the
 * client's SQLite connection: one connection, and the transaction holds it, so they are part
 * of the transaction (rolled back with it). Only for a transaction: a bare client could
 * interleave with another caller's open transaction.
 */
export function shareSqliteHandle(client: object, tx: object): void {
  const handle = sqliteHandles.get(client);
  if (handle !== undefined) sqliteHandles.set(tx, handle);
}

/** Text as stored: NUL becomes U+FFFD (a rule for literals and bound values alike). */
export function text(value: string): string {
  // NUL would end the C string of a literal; bound values store it the same way, for one rule.
  return value.includes(NUL) ? value.replaceAll(NUL, '\uFFFD') : value;
}


/** DateTime columns hold epoch milliseconds, as the client writes them (TIMESTAMP_FORMAT in client.ts). */
function epochMs(value: Date): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new Error('cannot store an invalid date');
  return ms;
}

function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`);
    return String(value);
  }
  if (value instanceof Date) return String(epochMs(value));
  // Only the quote is special inside an SQLite string literal.
  return `'${text(value).replace(/'/g, "''")}'`;
}

function bound(value: SqlValue): string | number | bigint | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`);
    return value;
  }
  if (typeof value === 'bigint') return value;
  if (value instanceof Date) return epochMs(value);
  return text(value);
}

function insertHead(table: string, columns: readonly string[]): string {
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
}

/**
 * The statement for a part of `count` values, prepared once per count: every part of a batch
 * but the last has the same size.
 */
function statementsBySize(sqlite: BetterSqlite3.Database, sqlFor: (count: number) => string): (count: number) => BetterSqlite3.Statement {
  const statements = new Map<number, BetterSqlite3.Statement>();
  return (count) => {
    let statement = statements.get(count);
    if (statement === undefined) statements.set(count, (statement = sqlite.prepare(sqlFor(count))));
    return statement;
  };
}

function insertPrepared(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[], tuples: readonly (readonly SqlValue[])[]): void {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statementFor = statementsBySize(sqlite, (count) => insertHead(table, columns) + Array(count).fill(tuple).join(', '));
  const values: (string | number | bigint | null)[] = [];
  for (let i = 0; i < tuples.length; i += ROWS_PER_PREPARED) {
    const count = Math.min(ROWS_PER_PREPARED, tuples.length - i);
    const statement = statementFor(count);
    values.length = 0;
    for (let r = i; r < i + count; r++) {
      const row = tuples[r];
      for (let c = 0; c < columns.length; c++) values.push(bound(row[c] ?? null));
    }
    statement.run(values);
  }
}

/**
 * Inserts rows given as value tuples, each in the order of `columns` (column names): the
 * form for thousands of rows, with no object per row.
 */
export async function bulkInsertTuples(
  tx: DbTx,
  table: string,
  columns: readonly string[],
  tuples: readonly (readonly SqlValue[])[],
): Promise<void> {
  if (tuples.length === 0) return;
  for (const row of tuples) if (row.length !== columns.length) throw new Error(`a row for ${table} has ${row.length} values for ${columns.length} columns`);
  const sqlite = sqliteHandles.get(tx)?.();
  if (sqlite !== undefined) {
    insertPrepared(sqlite, table, columns, tuples);
    return;
  }
  const head = insertHead(table, columns);
  for (let i = 0; i < tuples.length; i += ROWS_PER_STATEMENT) {
    const rendered = tuples.slice(i, i + ROWS_PER_STATEMENT).map((row) => `(${row.map((value) => literal(value ?? null)).join(', ')})`);
    await tx.$executeRawUnsafe(head + rendered.join(', '));
  }
}

/** Inserts `rows` (all with the same keys, which must be column names) into `table`. */
export async function bulkInsert(tx: DbTx, table: string, rows: readonly Record<string, SqlValue>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  await bulkInsertTuples(tx, table, columns, rows.map((row) => columns.map((column) => row[column] ?? null)));
}

/**
 * Runs `sqlFor(n)` for each part of `values` (n of them bound as `?`), a statement that
 * answers `id` and `value` rows, and gathers the ids by value: the value asked for, which may
 * differ from the one stored (NUL, see text()). On the connection a transaction holds, when shared.
 */
async function idsByValue(tx: DbTx, values: readonly string[], sqlFor: (count: number) => string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const sqlite = sqliteHandles.get(tx)?.();
  const statementFor = sqlite === undefined ? undefined : statementsBySize(sqlite, sqlFor);
  for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
    const asked = new Map(values.slice(i, i + ROWS_PER_STATEMENT).map((value) => [text(value), value]));
    const part = [...asked.keys()];
    const rows = (
      statementFor !== undefined ? statementFor(part.length).all(part) : await tx.$queryRawUnsafe(sqlFor(part.length), ...part)
    ) as { id: number | bigint; value: string }[];
    for (const row of rows) ids.set(asked.get(row.value) ?? row.value, Number(row.id));
  }
  return ids;
}

/**
 * The `id` of each row whose text column `column` of `table` is one of `values`, by value:
 * the lookup twin of bulkInsert (a first sync looks up thousands), on the same connection.
 */
export function idsByColumn(tx: DbTx, table: string, column: string, values: readonly string[]): Promise<Map<string, number>> {
  return idsByValue(tx, values, (count) => `SELECT "id", "${column}" AS "value" FROM "${table}" WHERE "${column}" IN (${Array(count).fill('?').join(', ')})`);
}

/**
 * Inserts one row per value of the text column `column` (the table's other columns must have
 * defaults) and returns each new row's `id` by value, from the INSERT itself (RETURNING):
 * no second lookup of thousands of values. With `skipExisting`, a value already stored
 * (`column` must be unique) is left as it is and missing from the answer; the row it was not
 * inserted as may still have taken an id of an AUTOINCREMENT sequence.
 */
export function insertReturningIds(
  tx: DbTx,
  table: string,
  column: string,
  values: readonly string[],
  options: { skipExisting?: boolean } = {},
): Promise<Map<string, number>> {
  const onConflict = options.skipExisting ? ` ON CONFLICT ("${column}") DO NOTHING` : '';
  return idsByValue(
    tx,
    values,
    (count) => `INSERT INTO "${table}" ("${column}") VALUES ${Array(count).fill('(?)').join(', ')}${onConflict} RETURNING "id", "${column}" AS "value"`,
  );
}

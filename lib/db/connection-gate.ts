/**
 * One SQLite connection serves the whole process, and a transaction on it is open across
 * awaits (Prisma's interactive transactions: the collector's write). Prisma's SQLite adapter
 * queues transactions behind each other, but not the statements made outside one: they ran on
 * the connection in the middle of the open transaction, so a dashboard write (an account, a
 * schedule) became part of the collector's transaction and was lost with it when that rolled
 * back, and a read could see rows not committed yet. Here every statement made outside a
 * transaction waits until no transaction is open, and a transaction waits for them.
 */
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter['startTransaction']>>;

/** Holders in turn, in the order they asked. */
export class TurnGate {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves, once every earlier holder has released, to this holder's release (call it once). */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** Ends the transaction's turn once, whether it commits or rolls back. */
function releasedOnEnd(tx: Transaction, release: () => void): Transaction {
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      release();
    }
  };
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  tx.commit = () => commit().finally(end);
  tx.rollback = () => rollback().finally(end);
  return tx;
}

/** The adapter with its statements and transactions taking turns (changed in place, returned). */
export function withTurns(adapter: SqlDriverAdapter, gate = new TurnGate()): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query) => gate.run(() => queryRaw(query));
  adapter.executeRaw = (query) => gate.run(() => executeRaw(query));
  adapter.executeScript = (script) => gate.run(() => executeScript(script));
  adapter.startTransaction = async (isolationLevel) => {
    const release = await gate.acquire();
    try {
      return releasedOnEnd(await startTransaction(isolationLevel), release);
    } catch (err) {
      release();
      throw err;
    }
  };
  return adapter;
}

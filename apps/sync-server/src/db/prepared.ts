import type Database from 'better-sqlite3';
import type { Db, Tx } from './client.ts';

/**
 * Hot paths (a sync push applies hundreds of mutations a second, each in its own transaction) pay
 * more for building drizzle queries and preparing SQLite statements than for running them. These
 * helpers prepare once per connection and reuse: a statement prepared on a connection runs inside
 * any of its transactions.
 */

/** The connection under a database or transaction handle (drizzle keeps it on the session). */
export function connectionOf(db: Db | Tx): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

const cache = new WeakMap<Database.Database, Map<string, unknown>>();

/**
 * `build` runs once per connection and key (typically a drizzle `.prepare()` with placeholders);
 * later calls, from any transaction of that connection, get the same prepared query back.
 */
export function preparedOnce<T>(db: Db | Tx, key: string, build: (db: Db | Tx) => T): T {
  const connection = connectionOf(db);
  let queries = cache.get(connection);
  if (!queries) cache.set(connection, (queries = new Map()));
  let query = queries.get(key) as T | undefined;
  if (query === undefined) queries.set(key, (query = build(db)));
  return query;
}

/**
 * Runs `work` in a savepoint of the caller's transaction: if it throws, exactly its writes roll back
 * and the error goes on. Like drizzle's nested `tx.transaction()`, without preparing three
 * statements each time.
 */
export function inSavepoint<T>(tx: Tx, work: (tx: Tx) => T): T {
  const s = preparedOnce(tx, 'savepoint', (db) => {
    const c = connectionOf(db);
    return {
      begin: c.prepare('SAVEPOINT hot_path'),
      release: c.prepare('RELEASE hot_path'),
      rollback: c.prepare('ROLLBACK TO hot_path'),
    };
  });
  s.begin.run();
  try {
    const result = work(tx);
    s.release.run();
    return result;
  } catch (error) {
    // Back to where the savepoint began, then out of it: the enclosing transaction goes on.
    if (connectionOf(tx).inTransaction) {
      s.rollback.run();
      s.release.run();
    }
    throw error;
  }
}

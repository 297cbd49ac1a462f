import type Database from 'better-sqlite3';
import { BetterSQLiteTransaction } from 'drizzle-orm/better-sqlite3';
import type { Db, Tx } from './client.ts';

/**
 * Hot paths (a sync push applies thousands of mutations a second) pay more for building drizzle
 * queries and preparing SQLite statements than for running them. These helpers prepare once per
 * connection and reuse: a statement prepared on a connection runs inside any of its transactions.
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

/** What drizzle keeps on a database handle and hands to each transaction handle it makes. */
type TxArgs = ConstructorParameters<typeof BetterSQLiteTransaction>;
type DrizzleInternals = { session: TxArgs[2] & { dialect: TxArgs[1]; schema: TxArgs[3] } };

/**
 * `db.transaction(work, { behavior: 'immediate' })` for a hot path: the same BEGIN IMMEDIATE, COMMIT
 * and ROLLBACK (better-sqlite3's transaction wrapper), with one transaction handle per connection.
 * drizzle makes a new handle for every transaction, and its constructor builds a relational query
 * builder for every table of the schema: a cost per transaction, and a push runs one per group of
 * mutations and one per rejection (features/sync/push.ts). A handle holds no state of its own
 * transaction (session, dialect, schema), so one serves them all.
 */
export function immediateTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  const run = preparedOnce(db, 'immediate-transaction', (d) => {
    const { session } = d as unknown as DrizzleInternals;
    const tx = new BetterSQLiteTransaction('sync', session.dialect, session, session.schema) as unknown as Tx;
    return connectionOf(d).transaction((inner: (tx: Tx) => unknown) => inner(tx));
  });
  return run.immediate(work) as T;
}

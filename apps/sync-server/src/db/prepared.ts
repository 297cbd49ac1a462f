import type Database from 'better-sqlite3';
import { Column, is, Param, Placeholder } from 'drizzle-orm';
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

/** What a drizzle `.prepare()` keeps: the SQLite statement, its parameters and the selected fields. */
type DrizzlePrepared = {
  stmt: Database.Statement;
  query: { params: unknown[] };
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
};
type Values = Record<string, unknown>;

/**
 * A drizzle prepared query (`.prepare()` with placeholders) whose `run`, `get` and `all` do what
 * drizzle's do, with the work drizzle repeats on every call done once here: which parameter is a
 * placeholder and how its value is encoded (`fillPlaceholders`), and which field decodes each column
 * of a row (`mapResultRow`), both decided with an `is()` per parameter or column per call. A scan
 * runs a dozen such queries; that was most of drizzle's share of its CPU. The same SQL, the same
 * driver values (`mapToDriverValue` even for null, as drizzle binds it) and the same rows. Queries
 * with a custom mapper, or selecting anything but columns into a flat row (a join), keep drizzle's
 * own `get` and `all`.
 */
export function lean<Q>(query: Q): Q {
  const q = query as unknown as DrizzlePrepared & Record<'run' | 'get' | 'all', unknown>;
  // Per parameter: a constant, or the placeholder's name and (a Param) the column that encodes it.
  const names: (string | undefined)[] = [];
  const encoders: ({ mapToDriverValue(value: unknown): unknown } | undefined)[] = [];
  const constants: unknown[] = [];
  for (const param of q.query.params) {
    const placeholder = is(param, Placeholder)
      ? param
      : is(param, Param) && is(param.value, Placeholder)
        ? param.value
        : undefined;
    names.push(placeholder?.name);
    encoders.push(placeholder && is(param, Param) ? param.encoder : undefined);
    constants.push(placeholder ? undefined : param);
  }
  const params = (values: Values = {}) => {
    const bound = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name === undefined) {
        bound[i] = constants[i];
        continue;
      }
      if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
      const encoder = encoders[i];
      bound[i] = encoder ? encoder.mapToDriverValue(values[name]) : values[name];
    }
    return bound;
  };
  const { stmt } = q;
  q.run = (values?: Values) => stmt.run(...params(values));
  const decoders = q.fields?.map(({ path, field }) =>
    path.length === 1 && is(field, Column) ? { key: path[0]!, decoder: field } : undefined,
  );
  // drizzle's `joinsNotNullableMap` (set for every select) only acts on fields nested under a joined table.
  if (q.customResultMapper || !decoders || decoders.some((d) => d === undefined)) return query;
  const columns = decoders as { key: string; decoder: { mapFromDriverValue(value: unknown): unknown } }[];
  const row = (values: unknown[]) => {
    const result: Values = {};
    for (let i = 0; i < columns.length; i++) {
      const value = values[i];
      const { key, decoder } = columns[i]!;
      result[key] = value === null ? null : decoder.mapFromDriverValue(value);
    }
    return result;
  };
  // raw() every call, as drizzle does: the connection's statement cache hands statements back in object mode.
  q.get = (values?: Values) => {
    const found = stmt.raw().get(...params(values)) as unknown[] | undefined;
    return found ? row(found) : undefined;
  };
  q.all = (values?: Values) => (stmt.raw().all(...params(values)) as unknown[][]).map(row);
  return query;
}

/** What drizzle keeps on a database handle and hands to each transaction handle it makes. */
type TxArgs = ConstructorParameters<typeof BetterSQLiteTransaction>;
type DrizzleInternals = { session: TxArgs[2] & { dialect: TxArgs[1]; schema: TxArgs[3] } };

/**
 * What lives as long as the `immediateTransaction` running on a connection: the work deferred to
 * its end, and the values its commands keep for one another (`transactionScoped`).
 */
type Scope = { deferred: Map<string, () => void>; values: Map<string, unknown>; behind: Set<string> };
const scopes = new WeakMap<Database.Database, Scope>();

/**
 * Runs `work` in the caller's transaction, before it commits: inside an `immediateTransaction`, once
 * at its end, however often it is asked for under the same key (the last `work` given for a key
 * runs, in the order the keys were last asked for); anywhere else, at once. For work that only the
 * end state of a transaction matters to and that every change would otherwise repeat (a push
 * applies up to 100 scans of the same picklist in one transaction: its sync change is written
 * once). If the transaction rolls back, nothing deferred runs; if deferred work throws, the
 * transaction rolls back.
 */
export function beforeCommit(db: Db | Tx, key: string, work: () => void): void {
  const scope = scopes.get(connectionOf(db));
  if (!scope) return work();
  scope.deferred.delete(key);
  scope.deferred.set(key, work);
}

/**
 * `beforeCommit` for work that writes what the transaction's commands have kept in memory
 * (`transactionScoped`) rather than written as they went: it also runs when the transaction is
 * settled (`settleWrites`, before work that reads those tables some other way) or asked for early
 * (`runDeferredNow`). Outside an `immediateTransaction`, at once.
 */
export function writeBehind(db: Db | Tx, key: string, work: () => void): void {
  const scope = scopes.get(connectionOf(db));
  if (!scope) return work();
  beforeCommit(db, key, work);
  scope.behind.add(key);
}

/** Runs now every `writeBehind` waiting in the caller's transaction: the database holds all it did. */
export function settleWrites(db: Db | Tx): void {
  const scope = scopes.get(connectionOf(db));
  if (!scope) return;
  for (const key of scope.behind) runDeferredNow(db, key);
}

/**
 * Runs now, in the caller's transaction, the work deferred under `key` (if any is waiting): for a
 * change that has to come after it (an event that must not be recorded after the one that follows it).
 */
export function runDeferredNow(db: Db | Tx, key: string): void {
  const scope = scopes.get(connectionOf(db));
  const work = scope?.deferred.get(key);
  if (!work) return;
  scope!.deferred.delete(key);
  scope!.behind.delete(key);
  work();
}

/**
 * A value the commands of one `immediateTransaction` share, made by `create` the first time `key` is
 * asked for in it and dropped when it ends (commit or rollback); outside one, made afresh on every
 * call, so that a cache kept in it caches nothing there. For reads that every mutation of a push
 * repeats on rows nothing else can change meanwhile (the push holds the write lock): the caller
 * owns keeping the value true to what the transaction itself writes.
 */
export function transactionScoped<T>(db: Db | Tx, key: string, create: () => T): T {
  const values = scopes.get(connectionOf(db))?.values;
  if (!values) return create();
  let value = values.get(key) as T | undefined;
  if (value === undefined) values.set(key, (value = create()));
  return value;
}

/**
 * `db.transaction(work, { behavior: 'immediate' })` for a hot path: the same BEGIN IMMEDIATE, COMMIT
 * and ROLLBACK (better-sqlite3's transaction wrapper), with one transaction handle per connection.
 * drizzle makes a new handle for every transaction, and its constructor builds a relational query
 * builder for every table of the schema: a cost per transaction, and a push runs one per group of
 * mutations and one per rejection (features/sync/push.ts). A handle holds no state of its own
 * transaction (session, dialect, schema), so one serves them all.
 *
 * The work deferred with `beforeCommit` during `work` runs after it, in the same transaction, just
 * before the commit (work deferred by that work too); none of it if `work` throws.
 */
export function immediateTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  const run = preparedOnce(db, 'immediate-transaction', (d) => {
    const { session } = d as unknown as DrizzleInternals;
    const tx = new BetterSQLiteTransaction('sync', session.dialect, session, session.schema) as unknown as Tx;
    const connection = connectionOf(d);
    return connection.transaction((inner: (tx: Tx) => unknown) => {
      // Nested (a savepoint), the inner one flushes its own queue before it is released; what the
      // outer one kept may no longer be true after it, either way it ends.
      const outer = scopes.get(connection);
      const scope: Scope = { deferred: new Map(), values: new Map(), behind: new Set() };
      scopes.set(connection, scope);
      try {
        const result = inner(tx);
        // A Map iterates the entries added while it is iterated: work deferred by deferred work runs too.
        for (const [key, task] of scope.deferred) {
          scope.deferred.delete(key);
          scope.behind.delete(key);
          task();
        }
        return result;
      } finally {
        if (outer) {
          outer.values.clear();
          scopes.set(connection, outer);
        } else scopes.delete(connection);
      }
    });
  });
  return run.immediate(work) as T;
}

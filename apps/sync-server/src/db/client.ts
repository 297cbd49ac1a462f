import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as allocations from './schema/allocations.ts';
import * as fulfillments from './schema/fulfillments.ts';
import * as inventory from './schema/inventory.ts';
import * as jobs from './schema/jobs.ts';
import * as packaging from './schema/packaging.ts';
import * as packing from './schema/packing.ts';
import * as picklists from './schema/picklists.ts';
import * as platform from './schema/platform.ts';
import * as security from './schema/security.ts';
import * as settings from './schema/settings.ts';
import * as shipments from './schema/shipments.ts';
import * as sync from './schema/sync.ts';
import * as traceability from './schema/traceability.ts';
import * as warehouses from './schema/warehouses.ts';
import * as webhooks from './schema/webhooks.ts';

export const schema = {
  ...platform,
  ...warehouses,
  ...fulfillments,
  ...security,
  ...inventory,
  ...allocations,
  ...jobs,
  ...traceability,
  ...picklists,
  ...sync,
  ...packaging,
  ...packing,
  ...settings,
  ...shipments,
  ...webhooks,
};
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a command receives: the transaction it must do all its work in. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating if needed) the database and brings its schema up to date. */
export function openDatabase(file: string): Db {
  const sqlite = new Database(file);
  // WAL lets readers go on while one writer commits; NORMAL sync is durable across process crashes.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Up to 64 MiB of pages kept in the process (SQLite's default is 2 MiB): a push writes to the tail
  // of a dozen tables and indexes, and with the small cache it read pages back from the OS on every
  // commit (about 15 % of a one-scan mutation). A bound, not an allocation: unused, it costs nothing.
  sqlite.pragma('cache_size = -65536');
  cacheStatements(sqlite);
  const db = drizzle({ client: sqlite, schema }) as Db;
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * drizzle prepares a fresh SQLite statement for every query it runs; on a hot path (a sync push,
 * a scan) compiling the same SQL again costs more than running it. Statements are kept per SQL
 * text (bounded, least recently used out) and handed back in their default mode.
 */
function cacheStatements(sqlite: Database.Database, size = 500) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    // A statement still stepping through rows (iterate) cannot run again: that caller gets its own.
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof sqlite.prepare;
}

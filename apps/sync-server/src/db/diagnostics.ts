import type { Db } from './client.ts';

/** What /health asks of the database, kept here so that a second SQL dialect changes only this file. */
export function databaseDiagnostics(db: Db) {
  db.$client.prepare('select 1').get();
  const migrations = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
  return {
    journal_mode: String(db.$client.pragma('journal_mode', { simple: true })),
    migrations_applied: migrations.n,
  };
}

import { openDatabase, type Db } from './client.ts';

/** A fresh, migrated, in-memory database: one per test, nothing shared, nothing left behind. */
export function createTestDatabase(): Db {
  return openDatabase(':memory:');
}

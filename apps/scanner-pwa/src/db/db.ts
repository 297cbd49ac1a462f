import { ScannerDb } from './scanner-db.ts';

/** The app's one database connection. Tests make their own ScannerDb on fake-indexeddb instead. */
export const db = new ScannerDb();

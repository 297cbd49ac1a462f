import { Dexie, type EntityTable } from 'dexie';
import type { CachedPicklist, DeviceRow, OutboxRow, SessionRow, SyncMeta, WorkerKeyRow } from './db-types.ts';

export const DB_NAME = 'fulfillment-scanner';

/**
 * The handheld's local database. Versions only ever get added: a handheld in the field may skip
 * releases, and Dexie upgrades it through each version in turn without losing the outbox.
 */
export class ScannerDb extends Dexie {
  device!: EntityTable<DeviceRow, 'id'>;
  session!: EntityTable<SessionRow, 'key'>;
  picklists!: EntityTable<CachedPicklist, 'picklist_id'>;
  outbox!: EntityTable<OutboxRow, 'mutation_id'>;
  meta!: EntityTable<SyncMeta, 'key'>;
  workerKeys!: EntityTable<WorkerKeyRow, 'worker_id'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      device: 'id',
      session: 'key',
      picklists: 'picklist_id',
      // Keyed by mutation_id, not seq: a renumbered pending row may share a seq value with an old
      // rejected one, which stays for the worker to read. [status+seq] gives pending rows in order.
      outbox: 'mutation_id, seq, status, [status+seq], picklist_id',
      meta: 'key',
      workerKeys: 'worker_id',
    });
    // The pack station's offline cache and its packages; typed where they are used
    // (features/pack/engine/pack-tables.ts), so the database does not depend on a feature.
    this.version(2).stores({
      packStations: 'station_id',
      packQueue: 'fulfillment_id, station_id',
      packProfiles: 'id',
      packPackages: 'mutation_id, station_id, package_id',
      packMeta: 'key',
    });
  }
}

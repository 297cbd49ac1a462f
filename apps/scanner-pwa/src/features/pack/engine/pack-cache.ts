import type { ScannerDb } from '../../../db/scanner-db.ts';
import { fetchPackagingProfiles, fetchPackQueue, fetchPackStations } from '../api/pack-api.ts';
import { packTables } from './pack-tables.ts';

/** The reads the cache is filled from; the REST client by default, a fake in tests. */
export type PackReads = {
  stations: typeof fetchPackStations;
  queue: typeof fetchPackQueue;
  profiles: typeof fetchPackagingProfiles;
};

export const restPackReads: PackReads = {
  stations: fetchPackStations,
  queue: fetchPackQueue,
  profiles: fetchPackagingProfiles,
};

/** The tenant's pack stations, kept so a packer can pick one offline. */
export async function refreshStations(db: ScannerDb, token: string, reads: PackReads = restPackReads) {
  const stations = await reads.stations(token);
  const t = packTables(db);
  await db.transaction('rw', t.stations, async () => {
    await t.stations.clear();
    await t.stations.bulkPut(stations);
  });
  return stations.length;
}

/**
 * What the station needs to pack offline: the fulfillments waiting there with their picked lines,
 * and the box sizes. The queue is replaced as a whole (a fulfillment that left it was packed or
 * cancelled elsewhere); the device's own packages are kept apart and subtracted on top.
 */
export async function refreshStationCache(
  db: ScannerDb,
  token: string,
  stationId: string,
  now: Date,
  reads: PackReads = restPackReads,
) {
  const [queue, profiles] = await Promise.all([reads.queue(token, stationId, now), reads.profiles(token)]);
  const t = packTables(db);
  await db.transaction('rw', [t.queue, t.profiles, t.meta], async () => {
    const gone = (await t.queue.where('station_id').equals(stationId).primaryKeys()).filter(
      (id) => !queue.some((q) => q.fulfillment_id === id),
    );
    await t.queue.bulkDelete(gone);
    await t.queue.bulkPut(queue);
    await t.profiles.clear();
    await t.profiles.bulkPut(profiles);
    const meta = await t.meta.get('current');
    if (meta?.station_id === stationId) await t.meta.put({ ...meta, queue_fetched_at: now.toISOString() });
  });
  return { fulfillments: queue.length, profiles: profiles.length };
}

import { beforeEach, describe, expect, it } from 'vitest';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import { refreshStationCache, refreshStations, type PackReads } from './pack-cache.ts';
import { packTables } from './pack-tables.ts';
import { entry, station } from './pack-test-fixtures.ts';

let db: ScannerDb;
let queue = [entry(), entry({ fulfillment_id: 'ful_2', order_id: 'ord_2' })];
const reads: PackReads = {
  stations: async () => [station],
  queue: async (_token, stationId, now) =>
    queue.map((q) => ({ ...q, station_id: stationId, fetched_at: now.toISOString() })),
  profiles: async () => [],
};

beforeEach(() => {
  db = createTestDb();
  queue = [entry(), entry({ fulfillment_id: 'ful_2', order_id: 'ord_2' })];
});

describe('the pack station cache', () => {
  it('keeps the stations and replaces the station’s queue as a whole', async () => {
    const t = packTables(db);
    expect(await refreshStations(db, 'tok', reads)).toBe(1);
    await t.meta.put({ key: 'current', station_id: 'stn_1', worker_id: 'w', opened_at: '', queue_fetched_at: null });
    // Another station's cache is left alone.
    await t.queue.put(entry({ fulfillment_id: 'ful_9', station_id: 'stn_9' }));

    await refreshStationCache(db, 'tok', 'stn_1', new Date('2026-01-05T09:00:00Z'), reads);
    queue = [queue[1]!];
    await refreshStationCache(db, 'tok', 'stn_1', new Date('2026-01-05T09:05:00Z'), reads);

    expect((await t.queue.toArray()).map((q) => [q.fulfillment_id, q.station_id])).toEqual([
      ['ful_2', 'stn_1'],
      ['ful_9', 'stn_9'],
    ]);
    expect((await t.meta.get('current'))!.queue_fetched_at).toBe('2026-01-05T09:05:00.000Z');
    expect(await t.stations.toArray()).toEqual([station]);
  });
});

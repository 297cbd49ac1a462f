import { packCloseSessionArgs, packOpenSessionArgs, packSealPackageArgs } from '@fulfillment/domain/sync/sync-schemas';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import { chooseStation, linesToPack, type PackContext, sealLocalPackage } from './pack-actions.ts';
import { packTables } from './pack-tables.ts';
import { entry, station } from './pack-test-fixtures.ts';
import type { DraftUnit } from './pack-verify.ts';

let db: ScannerDb;
let ctx: PackContext;
beforeEach(async () => {
  db = createTestDb();
  ctx = { db, workerId: 'wkr_1', now: () => new Date('2026-01-05T09:30:00.000Z') };
  await packTables(db).queue.put(entry());
});

const mug: DraftUnit = { fulfillment_id: 'ful_1', line_id: 'fl_mug', sku: 'SKU-MUG', serial: null };
const phone = (serial: string): DraftUnit => ({
  fulfillment_id: 'ful_1',
  line_id: 'fl_phone',
  sku: 'SKU-PHONE',
  serial,
});
const box = { stationId: station.station_id, fulfillmentId: 'ful_1', weightG: 1200, dims: { l: 300, w: 200, h: 150 } };

describe('pack actions', () => {
  it('queues pack.open_session once per worker and station, taking the station over', async () => {
    await chooseStation(ctx, station);
    await chooseStation(ctx, station);
    await chooseStation({ ...ctx, workerId: 'wkr_2' }, station);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.seq, r.name, r.worker_id])).toEqual([
      [1, 'pack.open_session', 'wkr_1'],
      [2, 'pack.open_session', 'wkr_2'],
    ]);
    expect(packOpenSessionArgs.parse(rows[0]!.args)).toEqual({ station_id: station.station_id, take_over: true });
    expect(await packTables(db).meta.get('current')).toMatchObject({ station_id: 'stn_1', worker_id: 'wkr_2' });
  });

  it('closes the session of the station the worker leaves', async () => {
    await chooseStation(ctx, station);
    await chooseStation(ctx, { ...station, station_id: 'stn_2', code: 'PACK-2' });
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.name, packCloseSessionArgs.or(packOpenSessionArgs).parse(r.args)])).toEqual([
      ['pack.open_session', { station_id: 'stn_1', take_over: true }],
      ['pack.close_session', { station_id: 'stn_1' }],
      ['pack.open_session', { station_id: 'stn_2', take_over: true }],
    ]);
  });

  it('writes the package and its pack.seal_package row together, in the shape the server validates', async () => {
    const outcome = await sealLocalPackage(ctx, {
      ...box,
      units: [mug, mug, phone('SN-2')],
      profile: { id: 'pp_1', code: 'BOX-M' },
    });
    expect(outcome.ok).toBe(true);
    const [row] = await db.outbox.toArray();
    const pkg = await packTables(db).packages.get(row!.mutation_id);
    expect(pkg).toMatchObject({ order_ids: ['ord_1'], box_code: 'BOX-M', package_id: null });
    expect(packSealPackageArgs.parse(row!.args)).toEqual({
      station_id: 'stn_1',
      fulfillment_ids: ['ful_1'],
      weight: 1200,
      dims: { l: 300, w: 200, h: 150 },
      packaging_profile_id: 'pp_1',
      items: [
        { fulfillment_id: 'ful_1', line_id: 'fl_mug', qty: 2 },
        { fulfillment_id: 'ful_1', line_id: 'fl_phone', qty: 1, serials: ['SN-2'] },
      ],
    });
    // What is left counts the queued package.
    const left = await linesToPack(db, 'ful_1');
    expect(left!.map((l) => [l.sku, l.qty, l.serials])).toEqual([
      ['SKU-MUG', 0, []],
      ['SKU-PHONE', 1, ['SN-1']],
    ]);
  });

  it('refuses a package that over-packs what is left, and writes nothing', async () => {
    expect((await sealLocalPackage(ctx, { ...box, units: [mug], profile: null })).ok).toBe(true);
    const outcome = await sealLocalPackage(ctx, { ...box, units: [mug, mug], profile: null });
    expect(outcome.ok ? [] : outcome.refusals.map((r) => r.code)).toEqual(['over_packed']);
    expect(await db.outbox.count()).toBe(1);
    expect(await packTables(db).packages.count()).toBe(1);
  });
});

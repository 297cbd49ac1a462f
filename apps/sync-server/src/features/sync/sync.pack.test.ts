import { isValidSscc } from '@fulfillment/domain/barcode/check-digit';
import { eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { packageItems, packages } from '../../db/schema/packing.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { addPackStation, pickedInFull } from '../pack-stations/pack-test-fixtures.ts';
import { BASE, fulfillmentOf, ok, worker } from '../picklists/picklist-test-fixtures.ts';
import { pickMutation as mutation } from './sync-pick-fixtures.ts';
import { push, signInHandheld } from './sync-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

type Result = { status: string; code?: string; message?: string; result?: Record<string, unknown> };

/**
 * Two fulfillments picked in full (f1: 2 mugs `line_1`, 1 cap `line_2`; f2: 1 mug, 2 vitamins), a
 * pack station, and a packer signed in on a registered handheld, all through the real routes.
 */
async function packingHandheld() {
  const w = await pickedInFull(t);
  const stationId = await addPackStation(t, w.warehouseId, 'PACK-S');
  const packer = await worker(t, w.warehouseId, 'SYNC-PACKER-1', ['packer']);
  const h = await signInHandheld(t, {
    deviceId: 'pack_scanner_1',
    warehouseId: w.warehouseId,
    workerId: packer.id,
    badgeId: 'SYNC-PACKER-1',
  });
  return { ...w, h, stationId };
}

type Setup = Awaited<ReturnType<typeof packingHandheld>>;

const seal = (s: Setup, fulfillmentId: string, items: { line_id: string; qty: number }[]) => ({
  station_id: s.stationId,
  fulfillment_ids: [fulfillmentId],
  weight: 1500,
  dims: { l: 300, w: 200, h: 150 },
  items: items.map((i) => ({ fulfillment_id: fulfillmentId, ...i })),
});

const packageRows = () => t.db.select().from(packages).all();
const packEvents = () => t.db.select().from(timelineEvents).where(like(timelineEvents.type, 'package.%')).all().length;

describe('pack mutations over sync', () => {
  it('opens a session and packs + seals new packages, applied once even when pushed twice', async () => {
    const s = await packingHandheld();
    const batch = [
      mutation(1, 'pack.open_session', { station_id: s.stationId }),
      mutation(
        2,
        'pack.seal_package',
        seal(s, s.f1, [
          { line_id: 'line_1', qty: 2 },
          { line_id: 'line_2', qty: 1 },
        ]),
      ),
      mutation(3, 'pack.seal_package', seal(s, s.f2, [{ line_id: 'line_1', qty: 1 }])),
    ];
    const first = await push(t, s.h, batch);
    expect(first.status, first.text).toBe(200);
    const [open, one, two] = first.body.results as Result[];
    expect(open).toMatchObject({ status: 'applied', result: { station_id: s.stationId, created: true } });
    expect(one).toMatchObject({ status: 'applied', result: { fulfillment_ids: [s.f1] } });
    expect(two).toMatchObject({ status: 'applied', result: { fulfillment_ids: [s.f2] } });
    for (const r of [one!, two!]) {
      expect(r.result!.package_id).toMatch(/^pkg_/);
      expect(isValidSscc(r.result!.sscc as string)).toBe(true);
    }

    // The device did not hear the answer and sends the whole batch again: stored answers, nothing new.
    const again = await push(t, s.h, batch);
    expect(again.body.results.map((r: Result) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.body.results[1].result).toEqual(one!.result);
    // The same mutation under a new seq (an outbox restored from a backup): still the first answer.
    const resent = await push(t, s.h, [{ ...batch[2]!, seq: 4 }]);
    expect(resent.body.results[0]).toMatchObject({ status: 'duplicate', result: two!.result });

    const rows = packageRows();
    expect(rows.map((p) => [p.id, p.status, p.stationId])).toEqual([
      [one!.result!.package_id, 'sealed', s.stationId],
      [two!.result!.package_id, 'sealed', s.stationId],
    ]);
    expect(
      t.db
        .select()
        .from(packageItems)
        .all()
        .map((i) => i.qty),
    ).toEqual([2, 1, 1]);
    // f1 is packed in full; f2 still has its vitamins to pack.
    expect((await fulfillmentOf(t, s.f1)).status).toBe('ready_to_ship');
    expect((await fulfillmentOf(t, s.f2)).status).toBe('packing');
  });

  it('rejects an over-pack with what checkPackContents found, writes nothing, and moves on', async () => {
    const s = await packingHandheld();
    const res = await push(t, s.h, [
      mutation(1, 'pack.open_session', { station_id: s.stationId }),
      // f1 had 2 mugs picked: a third is one unit more than was picked.
      mutation(2, 'pack.seal_package', seal(s, s.f1, [{ line_id: 'line_1', qty: 3 }])),
      mutation(3, 'pack.seal_package', seal(s, s.f1, [{ line_id: 'line_1', qty: 2 }])),
    ]);
    const [, refused, next] = res.body.results as Result[];
    expect(refused).toMatchObject({ status: 'rejected', code: 'pack_contents_refused' });
    expect(refused!.result).toEqual({
      errors: [{ path: 'packages[0].items[0].qty', message: expect.stringMatching(/^over_packed: /) }],
    });
    expect(next).toMatchObject({ status: 'applied' });
    expect(res.body.last_seq).toBe(3);
    // Only the applied package exists, with only its own items and timeline entries.
    expect(packageRows().map((p) => p.id)).toEqual([next!.result!.package_id]);
    expect(
      t.db
        .select()
        .from(packageItems)
        .all()
        .map((i) => i.qty),
    ).toEqual([2]);
    expect(packEvents()).toBe(2);
  });

  it('rolls the pack back when the seal is refused, and needs an open session and packing:pack', async () => {
    const s = await packingHandheld();
    const noSession = await push(t, s.h, [
      mutation(1, 'pack.seal_package', seal(s, s.f1, [{ line_id: 'line_1', qty: 1 }])),
    ]);
    expect(noSession.body.results[0]).toMatchObject({ status: 'rejected', code: 'no_open_session' });

    // A profile that does not exist is refused by packItems; the seal never runs, nothing stays.
    const badProfile = await push(t, s.h, [
      mutation(2, 'pack.open_session', { station_id: s.stationId }),
      mutation(3, 'pack.seal_package', {
        ...seal(s, s.f1, [{ line_id: 'line_1', qty: 1 }]),
        packaging_profile_id: 'pp_01JAAAAAAAAAAAAAAAAAAAAAAA',
      }),
      mutation(4, 'pack.seal_package', { ...seal(s, s.f1, [{ line_id: 'line_1', qty: 1 }]), weight: 0 }),
    ]);
    expect(badProfile.body.results.map((r: Result) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'packaging_profile_not_found'],
      ['rejected', 'invalid_mutation'],
    ]);
    expect(packageRows()).toHaveLength(0);
    expect((await fulfillmentOf(t, s.f1)).status).toBe('picked');

    // A picker's handheld: the permission is checked per mutation, as the REST route checks it.
    const picker = await worker(t, s.warehouseId, 'SYNC-PICKER-9', ['picker']);
    const pickerHandheld = await signInHandheld(t, {
      deviceId: 'pick_scanner_9',
      warehouseId: s.warehouseId,
      workerId: picker.id,
      badgeId: 'SYNC-PICKER-9',
    });
    const forbidden = await push(t, pickerHandheld, [
      mutation(1, 'pack.seal_package', seal(s, s.f1, [{ line_id: 'line_1', qty: 1 }])),
    ]);
    expect(forbidden.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(t.db.select().from(packages).where(eq(packages.stationId, s.stationId)).all()).toHaveLength(0);
  });

  it('closes the session when the packer leaves, and takes over a station someone left open', async () => {
    const s = await packingHandheld();
    const res = await push(t, s.h, [
      mutation(1, 'pack.open_session', { station_id: s.stationId }),
      mutation(2, 'pack.close_session', { station_id: s.stationId }),
      mutation(3, 'pack.close_session', { station_id: s.stationId }),
    ]);
    expect(res.body.results.map((r: Result) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'no_open_session'],
    ]);

    // Someone else opened the station and walked away: the packer at the bench takes it over.
    const other = await worker(t, s.warehouseId, 'SYNC-PACKER-2', ['packer']);
    ok(
      await t.request('POST', `${BASE}/pack-stations/${s.stationId}/open-session`, {
        body: { worker_id: other.id },
      }),
      201,
    );
    const refused = await push(t, s.h, [mutation(4, 'pack.open_session', { station_id: s.stationId })]);
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected', code: 'pack_session_open' });
    const taken = await push(t, s.h, [mutation(5, 'pack.open_session', { station_id: s.stationId, take_over: true })]);
    expect(taken.body.results[0]).toMatchObject({ status: 'applied', result: { created: true } });
  });
});

import { isValidSscc } from '@fulfillment/domain/barcode/check-digit';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { packageItems, packages } from '../../db/schema/packing.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import { traceEvents } from '../../db/schema/traceability.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BASE, fulfillmentOf, ok, worker } from '../picklists/picklist-test-fixtures.ts';
import { packBox, packItem, pickedWave as pickedWaveOf } from './pack-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const pickedWave = () => pickedWaveOf(t);

type Wave = Awaited<ReturnType<typeof pickedWave>>;
const at = (w: Wave, action: string, body: unknown, token?: string) =>
  t.request('POST', `${BASE}/pack-stations/${w.stationId}/${action}`, { body, ...(token ? { token } : {}) });

const item = packItem;
const box = (items: unknown[]) => packBox(items);

describe('pack stations', () => {
  it('packs picked fulfillments, seals with a valid SSCC and makes them ready to ship', async () => {
    const w = await pickedWave();
    const session = ok(await at(w, 'open-session', {}, w.packer.token), 201);
    expect(session).toMatchObject({ station_id: w.stationId, worker_id: w.packer.id, status: 'open' });
    // The same worker asking again gets the open session back.
    expect(ok(await at(w, 'open-session', { worker_id: w.packer.id }), 200).session_id).toBe(session.session_id);

    const packed = ok(
      await at(
        w,
        'pack',
        {
          fulfillment_ids: [w.f1, w.f2],
          packages: [box([item(w.f1, 'line_1', 2), item(w.f1, 'line_2', 1)]), box([item(w.f2, 'line_1', 1)])],
        },
        w.packer.token,
      ),
      201,
    );
    expect(packed.package_ids).toHaveLength(2);
    expect(packed.packages[0]).toMatchObject({ status: 'open', sscc: null, weight_g: 1500, fulfillment_ids: [w.f1] });
    expect(packed.fulfillments.map((f: { status: string }) => f.status)).toEqual(['packing', 'packing']);

    const [p1, p2] = packed.package_ids as [string, string];
    const sealed = ok(await at(w, 'seal', { package_id: p1 }, w.packer.token));
    expect(sealed.package).toMatchObject({ status: 'sealed', label_status: 'pending' });
    expect(isValidSscc(sealed.package.sscc)).toBe(true);
    expect(sealed.fulfillments).toEqual([{ fulfillment_id: w.f1, status: 'ready_to_ship' }]);
    expect((await fulfillmentOf(t, w.f1)).status).toBe('ready_to_ship');

    // f2 still has its vitamins to pack: sealing its first package does not make it ready.
    const second = ok(await at(w, 'seal', { package_id: p2 }, w.packer.token));
    expect(second.fulfillments).toEqual([{ fulfillment_id: w.f2, status: 'packing' }]);
    expect(isValidSscc(second.package.sscc)).toBe(true);
    expect(second.package.sscc).not.toBe(sealed.package.sscc);
    expect(Number(second.package.sscc.slice(10, 17))).toBe(Number(sealed.package.sscc.slice(10, 17)) + 1);

    const last = ok(await at(w, 'pack', { fulfillment_ids: [w.f2], packages: [box([item(w.f2, 'line_2', 2)])] }), 201);
    const done = ok(await at(w, 'seal', { package_id: last.package_ids[0] }));
    expect(done.fulfillments).toEqual([{ fulfillment_id: w.f2, status: 'ready_to_ship' }]);

    const timeline = t.db.select().from(timelineEvents).where(eq(timelineEvents.fulfillmentId, w.f2)).all();
    expect(timeline.filter((e) => e.type === 'package.packed')).toHaveLength(2);
    expect(timeline.filter((e) => e.type === 'package.sealed')).toHaveLength(2);
    const traces = t.db.select().from(traceEvents).where(eq(traceEvents.kind, 'packed')).all();
    expect(traces).toMatchObject([{ sku: 'SKU-VIT', lot: 'LOT7', quantity: 2, packageId: last.package_ids[0] }]);
  });

  it('refuses wrong and extra items with 422 naming each, and writes nothing', async () => {
    const w = await pickedWave();
    ok(await at(w, 'open-session', { worker_id: w.packer.id }), 201);
    const res = await at(w, 'pack', {
      fulfillment_ids: [w.f1],
      packages: [
        box([
          item(w.f1, 'line_1', 3),
          item(w.f1, 'line_9', 1),
          item(w.f1, 'line_2', 1, ['SN-X']),
          item(w.f2, 'line_1', 1),
        ]),
      ],
    });
    expect([res.status, res.body.code]).toEqual([422, 'pack_contents_refused']);
    expect(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message.split(':')[0]])).toEqual([
      ['packages[0].items[0].qty', 'over_packed'],
      ['packages[0].items[1].line_id', 'not_picked'],
      ['packages[0].items[2].serials', 'wrong_serial'],
      ['packages[0].items[3].line_id', 'not_picked'],
    ]);
    expect(t.db.select().from(packages).all()).toHaveLength(0);
    expect(t.db.select().from(packageItems).all()).toHaveLength(0);
    expect((await fulfillmentOf(t, w.f1)).status).toBe('picked');

    // Already packed units count: packing them again is over-packing.
    ok(await at(w, 'pack', { fulfillment_ids: [w.f1], packages: [box([item(w.f1, 'line_2', 1)])] }), 201);
    const again = await at(w, 'pack', { fulfillment_ids: [w.f1], packages: [box([item(w.f1, 'line_2', 1)])] });
    expect([again.status, again.body.errors[0].message.split(':')[0]]).toEqual([422, 'over_packed']);
  });

  it('keeps a sealed package immutable', async () => {
    const w = await pickedWave();
    ok(await at(w, 'open-session', { worker_id: w.packer.id }), 201);
    const packed = ok(
      await at(w, 'pack', { fulfillment_ids: [w.f1], packages: [box([item(w.f1, 'line_1', 1)])] }),
      201,
    );
    const id = packed.package_ids[0];
    // An open package can still take more.
    ok(
      await at(w, 'pack', {
        fulfillment_ids: [w.f1],
        packages: [{ ...box([item(w.f1, 'line_1', 1)]), package_id: id }],
      }),
      201,
    );
    ok(await at(w, 'seal', { package_id: id }));
    const late = await at(w, 'pack', {
      fulfillment_ids: [w.f1],
      packages: [{ ...box([item(w.f1, 'line_2', 1)]), package_id: id }],
    });
    expect([late.status, late.body.code]).toEqual([409, 'package_sealed']);
    const twice = await at(w, 'seal', { package_id: id });
    expect([twice.status, twice.body.code]).toEqual([409, 'package_sealed']);
    const items = t.db
      .select()
      .from(packageItems)
      .where(and(eq(packageItems.packageId, id)))
      .all();
    expect(items.map((i) => i.qty)).toEqual([1, 1]);
  });

  it('allows one session per station, needs a session to pack, and guards roles and tenants', async () => {
    const w = await pickedWave();
    const noSession = await at(w, 'pack', { fulfillment_ids: [w.f1], packages: [box([item(w.f1, 'line_1', 1)])] });
    expect([noSession.status, noSession.body.code]).toEqual([409, 'no_open_session']);
    ok(await at(w, 'open-session', {}, w.packer.token), 201);
    const other = await worker(t, w.warehouseId, 'BADGE-K2', ['packer']);
    const second = await at(w, 'open-session', {}, other.token);
    expect([second.status, second.body.code]).toEqual([409, 'pack_session_open']);

    // The first worker closes the session: another one may take the station.
    const closeAs = (token: string) =>
      t.request('POST', `${BASE}/pack-stations/${w.stationId}/close-session`, { token });
    expect((await closeAs(other.token)).status).toBe(403);
    const closed = await closeAs(w.packer.token);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', worker_id: w.packer.id });
    expect((await closeAs(w.packer.token)).body.code).toBe('no_open_session');
    const otherSession = ok(await at(w, 'open-session', {}, other.token), 201);

    // The first packer comes back to the bench and takes it over: the session left open there ends.
    const takenOver = ok(await at(w, 'open-session', { take_over: true }, w.packer.token), 201);
    expect(takenOver).toMatchObject({ worker_id: w.packer.id, status: 'open' });
    expect(takenOver.session_id).not.toBe(otherSession.session_id);
    expect((await closeAs(other.token)).status).toBe(403);
    ok(await closeAs(w.packer.token));

    const picker = await at(w, 'open-session', {}, w.picker.token);
    expect(picker.status).toBe(403);
    const notPacker = await worker(t, w.warehouseId, 'BADGE-Q', ['qc_agent']);
    const wrongWorker = await at(w, 'open-session', { worker_id: notPacker.id });
    expect(wrongWorker.status).toBe(422);

    const foreign = await t.token({ tenants: ['other'], roles: ['admin'] });
    const res = await at(w, 'open-session', { worker_id: w.packer.id }, foreign);
    expect([res.status, res.body.code]).toEqual([404, 'resource_not_found']);

    const bad = await at(w, 'pack', { fulfillment_ids: [], packages: [] });
    expect(bad.status).toBe(400);
    const badSeal = await at(w, 'seal', { package_id: 1 });
    expect(badSeal.status).toBe(400);
  });

  it('refuses fulfillments that are not picked', async () => {
    const w = await pickedWave();
    ok(await at(w, 'open-session', { worker_id: w.packer.id }), 201);
    const f = ok(
      await t.request('POST', `${BASE}/fulfillments`, {
        body: {
          order_id: 'ord_x',
          warehouse_id: w.warehouseId,
          lines: [{ order_line_id: 'l1', sku: 'SKU-MUG', quantity: 1 }],
        },
      }),
      201,
    ).fulfillments[0].id;
    const res = await at(w, 'pack', { fulfillment_ids: [f], packages: [box([item(f, 'l1', 1)])] });
    expect([res.status, res.body.code]).toEqual([409, 'fulfillment_not_packable']);
  });
});

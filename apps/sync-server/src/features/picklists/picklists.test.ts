import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { fulfillment } from '../allocations/allocation-test-fixtures.ts';
import { onPicklistChanged } from './picklist-events.ts';
import {
  BASE,
  createPicklist,
  fulfillmentOf,
  GTIN_VIT,
  ok,
  pickWarehouse,
  state,
  wave,
  worker,
} from './picklist-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

describe('POST /picklists', () => {
  it('builds one task per reserved unit along the pick path and moves the fulfillments to picking', async () => {
    const w = await wave(t);
    const res = await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: w.warehouseId, fulfillment_ids: [w.f1, w.f2], priority: 'high', picker_group: 'zoneA' },
    });
    const body = ok(res, 201);
    expect(res.headers.get('location')).toBe(`/v1/fulfillment/picklists/${body.id}`);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(body).toMatchObject({
      id: expect.stringMatching(/^pick_/),
      picklist_id: body.id,
      warehouse_id: w.warehouseId,
      fulfillment_ids: [w.f1, w.f2],
      status: 'draft',
      priority: 'high',
      picker_group: 'zoneA',
      assigned_worker_id: null,
      assigned_device_id: null,
      timezone: 'Europe/London',
      progress: { tasks_total: 4, units_required: 6, units_picked: 0, done: false },
      inventory_confirmation: { status: 'not_due', job_id: null, error: null },
      version: 1,
      metadata: {},
    });
    // Zone B is walked first, then zone A with aisle 2 before aisle 10.
    expect(body.tasks.map((s: { location_code: string; sequence: number }) => [s.location_code, s.sequence])).toEqual([
      ['B-1-1-1', 1],
      ['A-2-1-1', 2],
      ['A-10-1-1', 3],
    ]);
    const all = body.tasks.flatMap((s: { items: unknown[] }) => s.items);
    expect(
      all.map((i: { sku: string; fulfillment_id: string; sequence: number }) => [i.sequence, i.sku, i.fulfillment_id]),
    ).toEqual([
      [1, 'SKU-VIT', w.f2],
      [2, 'SKU-CAP', w.f1],
      [3, 'SKU-MUG', w.f1],
      [4, 'SKU-MUG', w.f2],
    ]);
    expect(all[0]).toMatchObject({
      lot: 'LOT7',
      expiry: '2026-06-30',
      gtins: [GTIN_VIT],
      qty_required: 2,
      status: 'open',
    });
    for (const id of [w.f1, w.f2]) {
      expect(await fulfillmentOf(t, id)).toMatchObject({ status: 'picking', picklist_id: body.id });
    }
  });

  it('names every fulfillment that cannot be picked, and creates nothing', async () => {
    const w = await wave(t);
    const other = await pickWarehouse(t, 'MAN1');
    const notAllocated = await fulfillment(t, w.warehouseId, [{ sku: 'SKU-MUG', quantity: 1 }]);
    const elsewhere = await fulfillment(t, other.warehouseId, [{ sku: 'SKU-MUG', quantity: 1 }]);
    const missing = 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA';
    const res = await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: w.warehouseId, fulfillment_ids: [w.f1, notAllocated.id, elsewhere.id, missing] },
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.code).toBe('fulfillments_not_pickable');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'fulfillment_ids[1]',
      'fulfillment_ids[2]',
      'fulfillment_ids[3]',
    ]);
    expect((await fulfillmentOf(t, w.f1)).status).toBe('allocated');
    expect(ok(await t.request('GET', `${BASE}/picklists`)).data).toEqual([]);
  });

  it('refuses a fulfillment already on a picklist, a repeated id, a missing key, and a picker', async () => {
    const w = await wave(t);
    await createPicklist(t, w.warehouseId, [w.f1]);
    const again = await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: w.warehouseId, fulfillment_ids: [w.f1] },
    });
    expect([again.status, again.body.code]).toEqual([422, 'fulfillments_not_pickable']);
    const repeated = await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: w.warehouseId, fulfillment_ids: [w.f2, w.f2] },
    });
    expect(repeated.status).toBe(400);
    const noKey = await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: w.warehouseId, fulfillment_ids: [w.f2] },
      headers: { 'Idempotency-Key': '' },
    });
    expect(noKey.status).toBe(400);
    const picker = await worker(t, w.warehouseId, 'BADGE-X');
    const forbidden = await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: w.warehouseId, fulfillment_ids: [w.f2] },
      token: picker.token,
    });
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'forbidden']);
  });
});

describe('picklist change listeners (the sync feature queues handheld changes from here)', () => {
  it('hears every change, in the transaction of the change', async () => {
    const w = await wave(t);
    const heard: string[] = [];
    const stop = onPicklistChanged((tx, actor, id) => heard.push(`${id}:${actor.requestId.slice(0, 4)}`));
    try {
      const { id } = await createPicklist(t, w.warehouseId, [w.f1]);
      const ada = await worker(t, w.warehouseId, 'BADGE-ADA');
      ok(await t.request('POST', `${BASE}/picklists/${id}/assign`, { body: { worker_id: ada.id } }));
      expect(heard).toEqual([`${id}:req_`, `${id}:req_`]);
    } finally {
      stop();
    }
  });
});

describe('GET /picklists', () => {
  it('reads a picklist, its state, its tasks; another tenant gets 404', async () => {
    const w = await wave(t);
    const { id } = await createPicklist(t, w.warehouseId, [w.f1, w.f2]);
    const res = await t.request('GET', `${BASE}/picklists/${id}`);
    expect([res.status, res.headers.get('etag')]).toEqual([200, 'W/"1"']);
    const s = await state(t, id);
    expect(Object.keys(s).sort()).toEqual(
      [
        'assigned_worker_id',
        'judged_scan_ids',
        'picked_serials',
        'picklist_id',
        'status',
        'tasks',
        'timezone',
        'version',
        'warehouse_id',
      ].sort(),
    );
    expect(s.tasks.map((x: { sequence: number }) => x.sequence)).toEqual([1, 2, 3, 4]);
    const tasks = ok(await t.request('GET', `${BASE}/picklists/${id}/tasks?status=open&limit=3`));
    expect(tasks.data).toHaveLength(3);
    expect(tasks.next_cursor).toEqual(expect.any(String));
    const rest = ok(await t.request('GET', `${BASE}/picklists/${id}/tasks?limit=3&cursor=${tasks.next_cursor}`));
    expect(rest.data.map((x: { sequence: number }) => x.sequence)).toEqual([4]);
    const globex = await t.token({ tenants: ['globex'] });
    for (const path of ['', '/state', '/tasks']) {
      expect((await t.request('GET', `${BASE}/picklists/${id}${path}`, { token: globex })).status).toBe(404);
    }
  });

  it('lists picklists by filter, and a picker only their own', async () => {
    const w = await wave(t);
    const a = await createPicklist(t, w.warehouseId, [w.f1]);
    const b = await createPicklist(t, w.warehouseId, [w.f2]);
    const ada = await worker(t, w.warehouseId, 'BADGE-ADA');
    const ben = await worker(t, w.warehouseId, 'BADGE-BEN');
    ok(await t.request('POST', `${BASE}/picklists/${b.id}/assign`, { body: { worker_id: ada.id } }));
    const all = ok(await t.request('GET', `${BASE}/picklists?warehouse_id=${w.warehouseId}`));
    expect(all.data.map((p: { id: string }) => p.id)).toEqual([a.id, b.id]);
    expect(all.data[0].tasks).toBeUndefined();
    const drafts = ok(await t.request('GET', `${BASE}/picklists?status=draft`));
    expect(drafts.data.map((p: { id: string }) => p.id)).toEqual([a.id]);
    const mine = ok(await t.request('GET', `${BASE}/picklists`, { token: ada.token }));
    expect(mine.data.map((p: { id: string }) => p.id)).toEqual([b.id]);
    expect(ok(await t.request('GET', `${BASE}/picklists`, { token: ben.token })).data).toEqual([]);
    const spying = await t.request('GET', `${BASE}/picklists?assigned_worker_id=${ada.id}`, { token: ben.token });
    expect(spying.status).toBe(403);
    expect((await t.request('GET', `${BASE}/picklists/${b.id}`, { token: ben.token })).status).toBe(403);
    expect((await t.request('GET', `${BASE}/picklists/${b.id}`, { token: ada.token })).status).toBe(200);
    expect((await t.request('GET', `${BASE}/picklists?status=lost`)).status).toBe(400);
  });
});

describe('POST /picklists/{id}/assign and /start', () => {
  it('assigns to an active worker of the warehouse, who alone may start it', async () => {
    const w = await wave(t);
    const { id } = await createPicklist(t, w.warehouseId, [w.f1]);
    const ada = await worker(t, w.warehouseId, 'BADGE-ADA');
    const ben = await worker(t, w.warehouseId, 'BADGE-BEN');
    ok(
      await t.request('POST', `${BASE}/devices/scanner_12/register`, {
        body: { type: 'handheld', name: 'Scanner 12' },
      }),
      201,
    );

    const early = await t.request('POST', `${BASE}/picklists/${id}/start`);
    expect([early.status, early.body.code]).toEqual([409, 'picklist_not_startable']);

    const assigned = await t.request('POST', `${BASE}/picklists/${id}/assign`, {
      body: { worker_id: ada.id, device_id: 'scanner_12' },
    });
    expect(ok(assigned)).toMatchObject({
      status: 'assigned',
      assigned_worker_id: ada.id,
      assigned_device_id: 'scanner_12',
    });
    expect(assigned.headers.get('etag')).toBe('W/"2"');

    const stranger = await t.request('POST', `${BASE}/picklists/${id}/start`, { token: ben.token });
    expect(stranger.status).toBe(403);
    const started = ok(await t.request('POST', `${BASE}/picklists/${id}/start`, { token: ada.token }));
    expect(started).toMatchObject({ status: 'in_progress', started_at: '2026-01-05T09:00:00.000Z' });
    // A retried start changes nothing.
    expect(ok(await t.request('POST', `${BASE}/picklists/${id}/start`, { token: ada.token })).version).toBe(
      started.version,
    );

    const late = await t.request('POST', `${BASE}/picklists/${id}/assign`, { body: { worker_id: ben.id } });
    expect([late.status, late.body.code]).toEqual([409, 'picklist_not_assignable']);
  });

  it('refuses workers and devices that cannot take the picklist, and a stale If-Match', async () => {
    const w = await wave(t);
    const other = await pickWarehouse(t, 'MAN1');
    const { id } = await createPicklist(t, w.warehouseId, [w.f1]);
    const outsider = await worker(t, other.warehouseId, 'BADGE-OUT');
    const packer = await worker(t, w.warehouseId, 'BADGE-PACK', ['packer']);
    const ada = await worker(t, w.warehouseId, 'BADGE-ADA');
    const assign = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.request('POST', `${BASE}/picklists/${id}/assign`, { body, headers });
    const codes = [
      await assign({ worker_id: 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
      await assign({ worker_id: outsider.id }),
      await assign({ worker_id: packer.id }),
      await assign({ worker_id: ada.id, device_id: 'never-registered' }),
    ].map((r) => [r.status, r.body.code]);
    expect(codes).toEqual([
      [422, 'worker_not_found'],
      [422, 'worker_not_in_warehouse'],
      [422, 'worker_cannot_pick'],
      [422, 'device_not_found'],
    ]);
    const stale = await assign({ worker_id: ada.id }, { 'If-Match': 'W/"7"' });
    expect(stale.status).toBe(412);
    ok(await assign({ worker_id: ada.id }, { 'If-Match': 'W/"1"' }));
    const picker = await worker(t, w.warehouseId, 'BADGE-P');
    expect(
      (await t.request('POST', `${BASE}/picklists/${id}/assign`, { body: { worker_id: ada.id }, token: picker.token }))
        .status,
    ).toBe(403);
  });
});

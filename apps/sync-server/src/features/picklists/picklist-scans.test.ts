import { beforeEach, describe, expect, it } from 'vitest';
import { GS } from '@fulfillment/domain/barcode/parse-gs1';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { allocate, fulfillment } from '../allocations/allocation-test-fixtures.ts';
import {
  BASE,
  createPicklist,
  GTIN_VIT,
  ok,
  scan,
  sendScans,
  startedWave,
  state,
  worker,
} from './picklist-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

type Wave = Awaited<ReturnType<typeof startedWave>>;
const mugs = (w: Wave, o: Record<string, unknown> = {}) =>
  scan({ location_id: w.bins['A-10-1-1'], sku: 'SKU-MUG', ...o });

describe('POST /picklists/{id}/scan', () => {
  it('accepts a right scan, counts it once, and records pick.confirmed on the fulfillment', async () => {
    const w = await startedWave(t);
    const before = (await t.request('GET', `${BASE}/picklists/${w.picklistId}`)).headers.get('etag');
    const first = mugs(w, { qty: 2 });
    const res = await sendScans(t, w.picklistId, [first], w.picker.token);
    expect(ok(res).results).toEqual([
      {
        scan_id: first.scan_id,
        status: 'accepted',
        verdict: 'accepted',
        task_id: expect.stringMatching(/^task_/),
        qty: 2,
        picks: [{ task_id: expect.any(String), qty: 2 }],
      },
    ]);
    expect(res.headers.get('etag')).not.toBe(before);
    const s = await state(t, w.picklistId);
    expect(
      s.tasks.map((x: { sku: string; qty_picked: number; status: string }) => [x.sku, x.qty_picked, x.status]),
    ).toEqual([
      ['SKU-VIT', 0, 'open'],
      ['SKU-CAP', 0, 'open'],
      ['SKU-MUG', 2, 'picked'],
      ['SKU-MUG', 0, 'open'],
    ]);
    expect(s.judged_scan_ids).toEqual([first.scan_id]);
    const timeline = ok(await t.request('GET', `${BASE}/fulfillments/${w.f1}/timeline`));
    expect(timeline.data.filter((e: { type: string }) => e.type === 'pick.confirmed')).toEqual([
      expect.objectContaining({ worker_id: w.picker.id, data: expect.objectContaining({ sku: 'SKU-MUG', qty: 2 }) }),
    ]);
    const capacity = ok(await t.request('GET', `${BASE}/warehouses/${w.warehouseId}/capacity`));
    expect(JSON.stringify(capacity)).toContain('"picks_last_hour":1');
  });

  it('answers a replayed scan id with its first verdict and never picks twice', async () => {
    const w = await startedWave(t);
    const once = mugs(w);
    ok(await sendScans(t, w.picklistId, [once], w.picker.token));
    const replay = ok(await sendScans(t, w.picklistId, [once, { ...once, qty: 2 }], w.picker.token));
    expect(replay.results.map((r: { status: string; verdict: string }) => [r.status, r.verdict])).toEqual([
      ['duplicate', 'accepted'],
      ['duplicate', 'accepted'],
    ]);
    const inBatch = mugs(w);
    const batch = ok(await sendScans(t, w.picklistId, [inBatch, inBatch], w.picker.token));
    expect(batch.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'duplicate']);
    const s = await state(t, w.picklistId);
    expect(
      s.tasks.filter((x: { sku: string }) => x.sku === 'SKU-MUG').map((x: { qty_picked: number }) => x.qty_picked),
    ).toEqual([2, 0]);
  });

  it('spreads a scan over two fulfillments at one bin, and rejects an over-pick', async () => {
    const w = await startedWave(t);
    const over = mugs(w, { qty: 4 });
    const three = mugs(w, { qty: 3 });
    const res = ok(await sendScans(t, w.picklistId, [over, three], w.picker.token));
    expect(res.results[0]).toMatchObject({ status: 'rejected', verdict: 'rejected', code: 'over_pick' });
    expect(res.results[1]).toMatchObject({ status: 'accepted', qty: 3 });
    expect(res.results[1].picks.map((p: { qty: number }) => p.qty)).toEqual([2, 1]);
    const replay = ok(await sendScans(t, w.picklistId, [over], w.picker.token));
    expect(replay.results[0]).toMatchObject({ status: 'duplicate', verdict: 'rejected', code: 'over_pick' });
  });

  it('judges bins, items, barcodes, lots and expiry, recording every verdict', async () => {
    const w = await startedWave(t);
    const vit = w.bins['B-1-1-1'];
    const scans = [
      scan({ location_id: w.bins['STG-1'], sku: 'SKU-MUG' }),
      scan({ location_id: vit, sku: 'SKU-MUG' }),
      scan({ location_id: vit, barcode: ']E09780764544201' }),
      scan({ location_id: vit, barcode: `]C101${GTIN_VIT}10LOT8${GS}17260630` }),
      scan({ location_id: vit, barcode: `]C101${GTIN_VIT}10LOT7${GS}17260101` }),
      scan({ location_id: vit, barcode: `]C101${GTIN_VIT}10LOT7${GS}17260630` }),
      scan({ location_id: 'LON1:B-1-1-1', sku: 'SKU-VIT', qty: 0 }),
      scan({ location_id: 'LON1:B-1-1-1', sku: 'SKU-VIT' }),
      // The bin is done now: the next bin named is the first open task of the whole picklist.
      scan({ location_id: vit, sku: 'SKU-VIT' }),
    ];
    const res = ok(await sendScans(t, w.picklistId, scans, w.picker.token));
    expect(res.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'wrong_location',
      'wrong_item',
      'unreadable_barcode',
      'lot_mismatch',
      'expired_lot',
      'accepted',
      'invalid_qty',
      'accepted',
      'wrong_location',
    ]);
    const s = await state(t, w.picklistId);
    expect(s.tasks[0]).toMatchObject({ sku: 'SKU-VIT', qty_picked: 2, status: 'picked' });
    expect(s.judged_scan_ids).toHaveLength(9);
    type Task = { status: string; sequence: number; task_id: string; location_code: string };
    const bySequence = (a: Task, b: Task) => a.sequence - b.sequence || (a.task_id < b.task_id ? -1 : 1);
    const open = (s.tasks as Task[]).filter((task) => task.status === 'open').sort(bySequence);
    expect(res.results[0].message).toBe(`nothing is left to pick at ${w.bins['STG-1']}; next: B-1-1-1`);
    expect(res.results[8].message).toBe(`nothing is left to pick at ${vit}; next: ${open[0]!.location_code}`);
  });

  it('asks for the reserved serials, once each', async () => {
    const w = await startedWave(t);
    const phones = await fulfillment(t, w.warehouseId, [{ sku: 'SKU-PHONE', quantity: 1 }]);
    expect((await allocate(t, phones.id)).status).toBe(201);
    const list = await createPicklist(t, w.warehouseId, [phones.id]);
    ok(await t.request('POST', `${BASE}/picklists/${list.id}/assign`, { body: { worker_id: w.picker.id } }));
    ok(await t.request('POST', `${BASE}/picklists/${list.id}/start`, { token: w.picker.token }));
    const reserved = list.tasks[0].items[0].serial;
    const other = reserved === 'SN-1' ? 'SN-2' : 'SN-1';
    const at = w.bins['A-2-1-1'];
    const res = ok(
      await sendScans(
        t,
        list.id,
        [
          scan({ location_id: at, sku: 'SKU-PHONE' }),
          scan({ location_id: at, sku: 'SKU-PHONE', serial: other }),
          scan({ location_id: at, sku: 'SKU-PHONE', serial: reserved }),
        ],
        w.picker.token,
      ),
    );
    expect(res.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'serial_required',
      'wrong_item',
      'accepted',
    ]);
    expect((await state(t, list.id)).picked_serials).toEqual([reserved]);
  });

  it('rejects scans before the start, and refuses another picker and a bad body', async () => {
    const w = await startedWave(t);
    const caps = await fulfillment(t, w.warehouseId, [{ sku: 'SKU-CAP', quantity: 1 }]);
    expect((await allocate(t, caps.id)).status).toBe(201);
    const draft = await createPicklist(t, w.warehouseId, [caps.id]);
    const early = ok(await sendScans(t, draft.id, [scan({ location_id: w.bins['A-2-1-1'], sku: 'SKU-CAP' })]));
    expect(early.results[0]).toMatchObject({ status: 'rejected', code: 'picklist_not_active' });
    const ben = await worker(t, w.warehouseId, 'BADGE-BEN');
    expect((await sendScans(t, w.picklistId, [mugs(w)], ben.token)).status).toBe(403);
    const admin = ok(await sendScans(t, w.picklistId, [mugs(w)]));
    expect(admin.results[0].status).toBe('accepted');
    expect((await sendScans(t, w.picklistId, [{ ...mugs(w), sku: undefined }], w.picker.token)).status).toBe(400);
    expect((await sendScans(t, w.picklistId, [], w.picker.token)).status).toBe(400);
  });
});

describe('POST /picklists/{id}/short', () => {
  it('closes the rest of a task as short, and refuses what cannot be short', async () => {
    const w = await startedWave(t);
    const s = await state(t, w.picklistId);
    const cap = s.tasks.find((x: { sku: string }) => x.sku === 'SKU-CAP');
    const short = (body: Record<string, unknown>, token = w.picker.token) =>
      t.request('POST', `${BASE}/picklists/${w.picklistId}/short`, { body, token });
    const res = ok(await short({ task_id: cap.task_id, qty_short: 1, reason: 'bin empty' }));
    expect(res.task).toMatchObject({ status: 'short', qty_short: 1, short_reason: 'bin empty' });
    expect(res.adjustment_id).toMatch(/^adj_/);
    const again = await short({ task_id: cap.task_id, qty_short: 1, reason: 'bin empty' });
    expect([again.status, again.body.code]).toEqual([409, 'task_not_open']);
    const mug = s.tasks.find((x: { sku: string }) => x.sku === 'SKU-MUG');
    const tooMany = await short({ task_id: mug.task_id, qty_short: 3, reason: 'x' });
    expect([tooMany.status, tooMany.body.code]).toEqual([422, 'invalid_qty']);
    const unknown = await short({ task_id: 'task_01JAAAAAAAAAAAAAAAAAAAAAAA', qty_short: 1, reason: 'x' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'task_not_found']);
    const timeline = ok(await t.request('GET', `${BASE}/fulfillments/${w.f1}/timeline`));
    expect(timeline.data.map((e: { type: string }) => e.type)).toContain('pick.short');
  });
});

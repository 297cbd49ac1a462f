import { describe, expect, it } from 'vitest';
import { recallLot } from '../../adapters/inventory/embedded-inventory-stock.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { allocate, BASE, fulfillment, stock, warehouseWithBins } from './allocation-test-fixtures.ts';

describe('POST /allocations/request', () => {
  it('allocates every line, says where, and moves the fulfillment to allocated', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 5);
    stock(t, { warehouseId, locationId: bins[1]! }, 'SKU-2', 1);
    const f = await fulfillment(t, warehouseId, [
      { sku: 'SKU-1', quantity: 2 },
      { sku: 'SKU-2', quantity: 1 },
    ]);
    const res = await allocate(t, f.id);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`${BASE}/allocations/${res.body.id}`);
    expect(res.body).toMatchObject({
      allocation_id: res.body.id,
      fulfillment_id: f.id,
      status: 'allocated',
      strategy: 'fifo',
    });
    expect(res.body.reservation_id).toMatch(/^res_/);
    expect(res.body.lines[0]).toMatchObject({
      line_id: f.lines[0]!.id,
      order_line_id: 'line_1',
      requested: 2,
      allocated: 2,
      status: 'allocated',
    });
    expect(res.body.lines[0].locations).toEqual([
      expect.objectContaining({ warehouse_id: warehouseId, location_id: bins[0], qty: 2, picked: 0 }),
    ]);

    const got = await t.request('GET', `${BASE}/fulfillments/${f.id}`);
    expect(got.body).toMatchObject({ status: 'allocated', allocation_id: res.body.id });
    expect(got.body.lines[0].allocated).toEqual([{ location: bins[0], lot_id: null, qty: 2 }]);
    expect(got.body.allocations.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    const types = got.body.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['allocation.requested', 'allocation.allocated', 'fulfillment.status_changed']),
    );

    const again = await t.request('GET', `${BASE}/allocations/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('allocated');
  });

  it('answers partial and failed per line with the reason, and leaves the fulfillment waiting', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 1);
    const f = await fulfillment(t, warehouseId, [
      { sku: 'SKU-1', quantity: 3 },
      { sku: 'SKU-NONE', quantity: 1 },
    ]);
    const res = await allocate(t, f.id);
    expect(res.body.status).toBe('partial');
    expect(
      res.body.lines.map((l: { status: string; reason: string | null; allocated: number }) => [
        l.status,
        l.reason,
        l.allocated,
      ]),
    ).toEqual([
      ['partial', 'out_of_stock', 1],
      ['failed', 'unknown_sku', 0],
    ]);
    expect((await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.status).toBe('awaiting_allocation');
  });

  it('takes the oldest stock first (fifo) and the first expiry first (lot_expiry), never an expired or recalled lot', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    const at = (i: number) => ({ warehouseId, locationId: bins[i]! });
    stock(t, at(0), 'MED', 5, { lot: 'L-NEW', expiry: '2026-12-31', receivedAt: '2025-06-01T00:00:00Z' });
    stock(t, at(1), 'MED', 5, { lot: 'L-SOON', expiry: '2026-03-31', receivedAt: '2025-09-01T00:00:00Z' });
    stock(t, at(2), 'MED', 5, { lot: 'L-GONE', expiry: '2026-01-01', receivedAt: '2025-01-01T00:00:00Z' });
    stock(t, at(3), 'MED', 5, { lot: 'L-RECALL', expiry: '2026-02-01', receivedAt: '2025-02-01T00:00:00Z' });
    recallLot(t.db, 'acme', 'MED', 'L-RECALL', '2026-01-02T00:00:00Z');

    const fifo = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'MED', quantity: 2 }])).id, 'fifo');
    expect(fifo.body.lines[0].locations.map((l: { lot: string }) => l.lot)).toEqual(['L-NEW']);
    const fefo = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'MED', quantity: 4 }])).id, 'lot_expiry');
    expect(fefo.body.lines[0].locations).toEqual([
      expect.objectContaining({ lot: 'L-SOON', expiry: '2026-03-31', qty: 4 }),
    ]);
    const rest = await allocate(
      t,
      (await fulfillment(t, warehouseId, [{ sku: 'MED', quantity: 20 }])).id,
      'lot_expiry',
    );
    expect(rest.body.lines[0]).toMatchObject({ status: 'partial', allocated: 4 });
    expect(rest.body.lines[0].locations.map((l: { lot: string; qty: number }) => [l.lot, l.qty])).toEqual([
      ['L-SOON', 1],
      ['L-NEW', 3],
    ]);
  });

  it('reports only_expired_stock when expired lots are all there is', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'OLD', 5, { lot: 'L1', expiry: '2025-12-31' });
    const res = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'OLD', quantity: 1 }])).id, 'lot_expiry');
    expect(res.body.lines[0]).toMatchObject({ status: 'failed', reason: 'only_expired_stock' });
  });

  it('nearest_warehouse prefers the fulfillment’s warehouse and falls back to the others', async () => {
    const t = await createTestApp();
    const london = await warehouseWithBins(t, 'LON1');
    const leeds = await warehouseWithBins(t, 'LDS1');
    stock(t, { warehouseId: leeds.warehouseId, locationId: leeds.bins[0]! }, 'SKU-9', 10, {
      receivedAt: '2024-01-01T00:00:00Z',
    });
    stock(t, { warehouseId: london.warehouseId, locationId: london.bins[0]! }, 'SKU-9', 2);
    const res = await allocate(
      t,
      (await fulfillment(t, london.warehouseId, [{ sku: 'SKU-9', quantity: 3 }])).id,
      'nearest_warehouse',
    );
    expect(
      res.body.lines[0].locations.map((l: { warehouse_id: string; qty: number }) => [l.warehouse_id, l.qty]),
    ).toEqual([
      [london.warehouseId, 2],
      [leeds.warehouseId, 1],
    ]);
    const fifo = await allocate(
      t,
      (await fulfillment(t, london.warehouseId, [{ sku: 'SKU-9', quantity: 3 }])).id,
      'fifo',
    );
    expect(fifo.body.lines[0]).toMatchObject({ status: 'failed', allocated: 0 });
  });

  it('allocates a subset of lines by order line id, and refuses bad references with 422', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 5);
    const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 3 }]);
    const bad = [
      [{ fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA' }, 'fulfillment_not_found'],
      [{ fulfillment_id: f.id, lines: [{ line_id: 'nope', sku: 'SKU-1', qty: 1 }] }, 'line_not_found'],
      [{ fulfillment_id: f.id, lines: [{ line_id: 'line_1', sku: 'SKU-2', qty: 1 }] }, 'line_sku_mismatch'],
      [{ fulfillment_id: f.id, lines: [{ line_id: 'line_1', sku: 'SKU-1', qty: 4 }] }, 'line_qty_exceeded'],
    ] as const;
    for (const [body, code] of bad) {
      const res = await t.request('POST', `${BASE}/allocations/request`, { body });
      expect(res.status, code).toBe(422);
      expect(res.body.code).toBe(code);
    }
    const some = await t.request('POST', `${BASE}/allocations/request`, {
      body: { fulfillment_id: f.id, lines: [{ line_id: 'line_1', sku: 'SKU-1', qty: 2 }] },
    });
    expect(some.body.lines[0]).toMatchObject({ requested: 2, allocated: 2 });
  });

  it('refuses a second allocation while one holds stock, and a cancelled fulfillment (409)', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 5);
    const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 1 }]);
    await allocate(t, f.id);
    expect((await allocate(t, f.id)).body.code).toBe('allocation_already_active');
    const g = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 1 }]);
    await t.request('POST', `${BASE}/fulfillments/${g.id}/cancel`);
    const res = await allocate(t, g.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('fulfillment_not_allocatable');
  });

  it('replays for the same Idempotency-Key without reserving twice', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 2);
    const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 2 }]);
    const body = { fulfillment_id: f.id };
    const first = await t.request('POST', `${BASE}/allocations/request`, { body, idempotencyKey: 'alloc-1' });
    const retry = await t.request('POST', `${BASE}/allocations/request`, { body, idempotencyKey: 'alloc-1' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const other = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 1 }])).id);
    expect(other.body.status).toBe('failed');
  });
});

describe('confirm-pick and release', () => {
  async function allocated(quantity = 3) {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 5);
    const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity }]);
    const res = await allocate(t, f.id);
    return { t, f, allocation: res.body, bin: bins[0]!, warehouseId };
  }

  it('confirms picked totals idempotently and takes them out of stock once', async () => {
    const { t, allocation, bin, warehouseId } = await allocated();
    const picks = { picks: [{ line_id: 'line_1', location_id: bin, qty: 2 }] };
    const first = await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, { body: picks });
    expect(first.status, first.text).toBe(200);
    expect(first.body.lines[0].locations[0].picked).toBe(2);
    const again = await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, { body: picks });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    // 5 on the shelf, 3 reserved for this one, 2 of them picked: 3 left, 1 still reserved, so 2 free.
    const next = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 3 }])).id);
    expect(next.body.lines[0]).toMatchObject({ status: 'partial', allocated: 2 });
  });

  it('refuses picking more than reserved, or taking back a confirmed pick (409)', async () => {
    const { t, allocation, bin } = await allocated();
    const over = await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, {
      body: { picks: [{ line_id: 'line_1', location_id: bin, qty: 4 }] },
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('pick_exceeds_reservation');
    await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, {
      body: { picks: [{ line_id: 'line_1', location_id: bin, qty: 2 }] },
    });
    const back = await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, {
      body: { picks: [{ line_id: 'line_1', location_id: bin, qty: 1 }] },
    });
    expect(back.body.code).toBe('pick_decreased');
    const nowhere = await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, {
      body: { picks: [{ line_id: 'line_1', location_id: 'loc_x', qty: 1 }] },
    });
    expect(nowhere.status).toBe(422);
  });

  it('confirms everything with no body', async () => {
    const { t, allocation } = await allocated();
    const res = await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`);
    expect(res.body.lines[0].locations[0]).toMatchObject({ qty: 3, picked: 3 });
  });

  it('releases stock back, moves an allocated fulfillment back to awaiting_allocation, and is harmless twice', async () => {
    const { t, f, allocation, warehouseId } = await allocated(5);
    const res = await t.request('POST', `${BASE}/allocations/${allocation.id}/release`, {
      body: { reason: 'wave cancelled' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'released', release_reason: 'wave cancelled' });
    expect((await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.status).toBe('awaiting_allocation');
    expect((await t.request('POST', `${BASE}/allocations/${allocation.id}/release`)).status).toBe(200);
    const next = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 5 }])).id);
    expect(next.body.status).toBe('allocated');
    expect((await t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`)).body.code).toBe(
      'allocation_not_confirmable',
    );
  });

  it("hides another tenant's allocation (404)", async () => {
    const { t, allocation } = await allocated();
    const globex = await t.token({ tenants: ['globex'] });
    expect((await t.request('GET', `${BASE}/allocations/${allocation.id}`, { token: globex })).status).toBe(404);
    expect((await t.request('POST', `${BASE}/allocations/${allocation.id}/release`, { token: globex })).status).toBe(
      404,
    );
  });
});

describe('bulk allocation and release on cancel', () => {
  it('allocates many fulfillments in a job, with progress, outcomes and an error report', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 250);
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) ids.push((await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 2 }])).id);
    const cancelled = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 1 }]);
    await t.request('POST', `${BASE}/fulfillments/${cancelled.id}/cancel`);
    const accepted = await t.request('POST', `${BASE}/allocations/bulk`, {
      body: { fulfillment_ids: [...ids, cancelled.id], strategy: 'fifo' },
    });
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.headers.get('location')).toBe(accepted.body.status_url);
    await t.runJobs();
    const job = await t.request('GET', accepted.body.status_url);
    expect(job.body).toMatchObject({ status: 'succeeded', type: 'allocations.bulk' });
    expect(job.body.progress).toMatchObject({ total: 131, processed: 131, succeeded: 130, failed: 1 });
    expect(job.body.result).toEqual({ allocated: 125, partial: 0, failed: 5, already_allocated: 0 });
    expect(job.body.errors).toEqual([
      expect.objectContaining({ item: cancelled.id, code: 'fulfillment_not_allocatable' }),
    ]);
    const allocatedNow = await t.request('GET', `${BASE}/fulfillments?status=allocated&limit=200`);
    expect(allocatedNow.body.data).toHaveLength(125);
  });

  it('refuses unknown fulfillment ids up front (422) and enqueues nothing', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', `${BASE}/allocations/bulk`, {
      body: { fulfillment_ids: ['ful_01JAAAAAAAAAAAAAAAAAAAAAAA'] },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('fulfillment_ids[0]');
  });

  it('releases the allocation of a cancelled fulfillment through a job, so the stock is free again', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 2);
    const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 2 }]);
    const allocation = (await allocate(t, f.id)).body;
    const cancel = await t.request('POST', `${BASE}/fulfillments/${f.id}/cancel`);
    expect(cancel.status).toBe(200);
    const timeline = (await t.request('GET', `${BASE}/fulfillments/${f.id}/timeline`)).body.data;
    const jobId = timeline.find((e: { type: string }) => e.type === 'fulfillment.cancelled').data.release_job_id;
    expect(jobId).toMatch(/^job_/);
    await t.runJobs();
    expect((await t.request('GET', `${BASE}/jobs/${jobId}`)).body.status).toBe('succeeded');
    expect((await t.request('GET', `${BASE}/allocations/${allocation.id}`)).body).toMatchObject({
      status: 'released',
      release_reason: 'fulfillment cancelled',
    });
    expect((await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.status).toBe('cancelled');
    const next = await allocate(t, (await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 2 }])).id);
    expect(next.body.status).toBe('allocated');
  });
});

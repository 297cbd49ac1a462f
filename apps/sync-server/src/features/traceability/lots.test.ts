import { describe, expect, it } from 'vitest';
import { recallLot } from '../../adapters/inventory/embedded-inventory-stock.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { fulfillment, stock } from '../allocations/allocation-test-fixtures.ts';
import { allocatedLine, BASE, consumeLot, pickAll, trace, tracedStock } from './traceability-test-fixtures.ts';

async function picked(quantity = 4) {
  const t = await createTestApp();
  const { warehouseId, bin } = await tracedStock(t);
  const { f, line, allocation } = await allocatedLine(t, warehouseId, 'MED', quantity);
  await pickAll(t, allocation.id);
  return { t, f, line, allocation, warehouseId, bin };
}

const consumedRows = (t: Awaited<ReturnType<typeof createTestApp>>) =>
  (t.db.$client.prepare('select count(*) as n from lot_consumptions').get() as { n: number }).n;

describe('POST /lot/consume', () => {
  it('records a lot by its code, with timeline and trace, and says how much of the line is consumed', async () => {
    const { t, f, line, allocation, bin, warehouseId } = await picked();
    const picker = await t.token({ roles: ['picker'], deviceId: 'dev_scanner_2' });
    const res = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L1', qty: 3 }, { token: picker });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      fulfillment_id: f.id,
      line_id: line.id,
      order_line_id: 'line_1',
      sku: 'MED',
      lot: 'L1',
      lot_id: expect.stringMatching(/^lot_/),
      expiry: '2026-06-30',
      qty: 3,
      consumed_at: '2026-01-05T09:00:00.000Z',
      line_qty: 4,
      line_consumed: 3,
    });
    expect(res.body.id).toMatch(/^lc_/);

    const timeline = (await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'lot.consumed')).toMatchObject({
      device_id: 'dev_scanner_2',
      data: { line_id: line.id, lot: 'L1', qty: 3 },
    });
    const chain = await trace(t, 'lot=L1');
    expect(chain.body.events.at(-1)).toMatchObject({
      kind: 'lot_consumed',
      lot: 'L1',
      lot_id: res.body.lot_id,
      expiry: '2026-06-30',
      quantity: 3,
      fulfillment_id: f.id,
      allocation_id: allocation.id,
      location_id: bin,
      warehouse_id: warehouseId,
      device_id: 'dev_scanner_2',
    });
  });

  it('takes the lot_id a reservation gave for the line, and refuses one that was not reserved for it', async () => {
    const { t, f } = await picked();
    const lotId = (await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.lines[0].allocated[0].lot_id;
    const res = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot_id: lotId, qty: 1 });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ lot: 'L1', lot_id: lotId });
    const other = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot_id: 'lot_unknown', qty: 1 });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'lot_not_found', errors: [{ path: 'lot_id' }] });
  });

  it('refuses an unknown lot, or a lot of another SKU (422 lot_not_found)', async () => {
    const { t, f } = await picked();
    stock(t, { warehouseId: 'wh_x', locationId: 'loc_x' }, 'OTHER', 5, { lot: 'L-OTHER' });
    for (const lot of ['NOPE', 'L-OTHER']) {
      const res = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot, qty: 1 });
      expect(res.status, lot).toBe(422);
      expect(res.body).toMatchObject({ code: 'lot_not_found', errors: [{ path: 'lot' }] });
    }
  });

  it('refuses a lot recalled after it was allocated (422 lot_recalled)', async () => {
    const { t, f } = await picked();
    recallLot(t.db, 'acme', 'MED', 'L1', '2026-01-05T08:00:00Z');
    const res = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L1', qty: 1 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('lot_recalled');
    expect(consumedRows(t)).toBe(0);
  });

  it('refuses a lot whose expiry is before the business date (422 lot_expired), but not on its expiry day', async () => {
    const t = await createTestApp();
    const { warehouseId } = await tracedStock(t);
    const at = { warehouseId, locationId: 'loc_any' };
    stock(t, at, 'MED', 5, { lot: 'L-YESTERDAY', expiry: '2026-01-04' });
    stock(t, at, 'MED', 5, { lot: 'L-TODAY', expiry: '2026-01-05' });
    const f = await fulfillment(t, warehouseId, [{ sku: 'MED', quantity: 2 }]);
    const expired = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L-YESTERDAY', qty: 1 });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('lot_expired');
    expect(expired.body.detail).toContain('2026-01-04');
    const today = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L-TODAY', qty: 1 });
    expect(today.status, today.text).toBe(201);
    t.clock.advance(24 * 3600 * 1000);
    const tomorrow = await consumeLot(
      t,
      { fulfillment_id: f.id, line_id: 'line_1', lot: 'L-TODAY', qty: 1 },
      { token: await t.token() },
    );
    expect(tomorrow.body.code).toBe('lot_expired');
  });

  it('refuses more than the line’s quantity across lots and calls (422 lot_qty_exceeded)', async () => {
    const { t, f, warehouseId } = await picked(4);
    stock(t, { warehouseId, locationId: 'loc_any' }, 'MED', 5, { lot: 'L2', expiry: '2027-01-01' });
    expect((await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L1', qty: 3 })).status).toBe(201);
    const over = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L2', qty: 2 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'lot_qty_exceeded', errors: [{ path: 'qty', message: 'at most 1' }] });
    const rest = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L2', qty: 1 });
    expect(rest.body).toMatchObject({ lot: 'L2', line_consumed: 4 });
  });

  it('requires an Idempotency-Key, and a retry with it consumes once', async () => {
    const { t, f } = await picked();
    const body = { fulfillment_id: f.id, line_id: 'line_1', lot: 'L1', qty: 2 };
    const missing = await t.app.request(`${BASE}/lot/consume`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe('idempotency_key_required');
    const first = await consumeLot(t, body, { idempotencyKey: 'scan-42' });
    const retry = await consumeLot(t, body, { idempotencyKey: 'scan-42' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(consumedRows(t)).toBe(1);
  });

  it('refuses unknown references (422), a cancelled fulfillment (409), bad bodies (400) and wrong roles (403)', async () => {
    const { t, f, warehouseId } = await picked();
    const unknown = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_7', lot: 'L1', qty: 1 });
    expect(unknown.body.code).toBe('line_not_found');
    const g = await fulfillment(t, warehouseId, [{ sku: 'MED', quantity: 1 }]);
    await t.request('POST', `${BASE}/fulfillments/${g.id}/cancel`);
    const cancelled = await consumeLot(t, { fulfillment_id: g.id, line_id: 'line_1', lot: 'L1', qty: 1 });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.code).toBe('fulfillment_not_open');

    const base = { fulfillment_id: f.id, line_id: 'line_1' };
    for (const body of [
      { ...base, qty: 1 },
      { ...base, lot: 'L1', lot_id: 'lot_x', qty: 1 },
      { ...base, lot: 'L1', qty: 0 },
      { ...base, lot: 'L 1', qty: 1 },
    ]) {
      expect((await consumeLot(t, body)).status, JSON.stringify(body)).toBe(400);
    }
    const qc = await t.token({ roles: ['qc_agent'] });
    expect((await consumeLot(t, { ...base, lot: 'L1', qty: 1 }, { token: qc })).status).toBe(403);
    expect(consumedRows(t)).toBe(0);
  });
});

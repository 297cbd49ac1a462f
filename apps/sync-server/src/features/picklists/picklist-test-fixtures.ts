import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { inventoryStock } from '../../db/schema/inventory.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { allocate, BASE, fulfillment, stock } from '../allocations/allocation-test-fixtures.ts';

/** Set-up shared by the picklist tests: a stocked warehouse, allocated fulfillments, workers with keys. */

export { BASE };
export const GTIN_VIT = '09506000134352';

type Res = Awaited<ReturnType<TestApp['request']>>;
export function ok(res: Res, status = 200) {
  expect(res.status, res.text).toBe(status);
  return res.body;
}

/**
 * Zone A (walked second) with bins in aisle 10 and 2, zone B (walked first), a staging zone, and a
 * second warehouse. Bin codes follow aisle-bay-level-position, so the pick path comes from the parts.
 */
export async function pickWarehouse(t: TestApp, code = 'LON1') {
  // Barcodes are unique per tenant; codes only per warehouse.
  const bin = (c: string) => ({ code: c, barcode: `${code}:${c}` });
  const res = await t.request('POST', `${BASE}/warehouses`, {
    body: {
      code,
      name: code,
      address: { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' },
      timezone: 'Europe/London',
      zones: [
        { code: 'A', name: 'Pick A', type: 'pick', pick_sequence: 2, locations: [bin('A-10-1-1'), bin('A-2-1-1')] },
        { code: 'B', name: 'Pick B', type: 'pick', pick_sequence: 1, locations: [bin('B-1-1-1')] },
        { code: 'STG', name: 'Staging', type: 'staging', pick_sequence: 9, locations: [bin('STG-1')] },
      ],
    },
  });
  expect(res.status, res.text).toBe(201);
  const list = await t.request('GET', `${BASE}/warehouses/${res.body.id}/locations?limit=200`);
  const bins = Object.fromEntries(list.body.data.map((l: { id: string; code: string }) => [l.code, l.id])) as Record<
    string,
    string
  >;
  return { warehouseId: res.body.id as string, bins };
}

export async function worker(t: TestApp, warehouseId: string, badge: string, roles = ['picker']) {
  const body = ok(
    await t.request('POST', `${BASE}/warehouses/${warehouseId}/workers`, {
      body: { name: badge, badge_id: badge, roles },
    }),
    201,
  );
  const token = await t.token({ kind: 'worker', roles: roles as never, workerId: body.id, subject: body.id });
  return { id: body.id as string, token };
}

/**
 * Stock: 10 mugs at A-10-1-1, 10 caps at A-2-1-1, vitamins of lot LOT7 (expiring mid-year) at B-1-1-1,
 * three serialised phones at A-2-1-1. Fulfillment f1: 2 mugs, 1 cap; f2: 1 mug, 2 vitamins (with a
 * GTIN). Both allocated.
 */
export async function wave(t: TestApp) {
  const { warehouseId, bins } = await pickWarehouse(t);
  const at = (code: string) => ({ warehouseId, locationId: bins[code]! });
  stock(t, at('A-10-1-1'), 'SKU-MUG', 10);
  stock(t, at('A-2-1-1'), 'SKU-CAP', 10);
  stock(t, at('B-1-1-1'), 'SKU-VIT', 10, { lot: 'LOT7', expiry: '2026-06-30' });
  stock(t, at('A-2-1-1'), 'SKU-PHONE', 3, { serials: ['SN-1', 'SN-2', 'SN-3'] });
  const f1 = await fulfillment(t, warehouseId, [
    { sku: 'SKU-MUG', quantity: 2 },
    { sku: 'SKU-CAP', quantity: 1 },
  ]);
  const f2 = await createWithAttributes(t, warehouseId, [
    { sku: 'SKU-MUG', quantity: 1 },
    { sku: 'SKU-VIT', quantity: 2, attributes: { gtin: GTIN_VIT } },
  ]);
  for (const f of [f1.id, f2.id]) expect((await allocate(t, f)).status).toBe(201);
  return { warehouseId, bins, f1: f1.id, f2: f2.id };
}

export async function createWithAttributes(
  t: TestApp,
  warehouseId: string,
  lines: { sku: string; quantity: number; attributes?: Record<string, unknown> }[],
) {
  const body = ok(
    await t.request('POST', `${BASE}/fulfillments`, {
      body: {
        order_id: `ord_${Math.random().toString(36).slice(2, 8)}`,
        warehouse_id: warehouseId,
        lines: lines.map((l, i) => ({ order_line_id: `line_${i + 1}`, ...l })),
      },
    }),
    201,
  );
  return body.fulfillments[0] as { id: string };
}

export async function createPicklist(t: TestApp, warehouseId: string, fulfillmentIds: string[], token?: string) {
  return ok(
    await t.request('POST', `${BASE}/picklists`, {
      body: { warehouse_id: warehouseId, fulfillment_ids: fulfillmentIds, priority: 'high', picker_group: 'zoneA' },
      ...(token ? { token } : {}),
    }),
    201,
  );
}

/** A wave picklist assigned to a fresh picker and started by them. */
export async function startedWave(t: TestApp) {
  const w = await wave(t);
  const picker = await worker(t, w.warehouseId, 'BADGE-P1');
  const picklist = await createPicklist(t, w.warehouseId, [w.f1, w.f2]);
  ok(await t.request('POST', `${BASE}/picklists/${picklist.id}/assign`, { body: { worker_id: picker.id } }));
  ok(await t.request('POST', `${BASE}/picklists/${picklist.id}/start`, { token: picker.token }));
  return { ...w, picker, picklistId: picklist.id as string };
}

let scanSeq = 0;
export const scan = (o: Record<string, unknown>) => ({
  scan_id: `scan-${++scanSeq}`,
  qty: 1,
  timestamp: '2026-01-05T09:01:00.000Z',
  ...o,
});

export async function sendScans(t: TestApp, picklistId: string, scans: unknown[], token?: string) {
  return t.request('POST', `${BASE}/picklists/${picklistId}/scan`, { body: { scans }, ...(token ? { token } : {}) });
}

export async function state(t: TestApp, picklistId: string) {
  return ok(await t.request('GET', `${BASE}/picklists/${picklistId}/state`));
}

export function onHand(t: TestApp, locationId: string, sku: string) {
  const rows = t.db
    .select()
    .from(inventoryStock)
    .where(and(eq(inventoryStock.locationId, locationId), eq(inventoryStock.sku, sku)))
    .all();
  return {
    onHand: rows.reduce((n, r) => n + r.onHand, 0),
    reserved: rows.reduce((n, r) => n + r.reserved, 0),
  };
}

export async function fulfillmentOf(t: TestApp, id: string) {
  return ok(await t.request('GET', `${BASE}/fulfillments/${id}`));
}

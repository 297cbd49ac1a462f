import { expect } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { allocate, BASE, fulfillment, stock, warehouseWithBins } from '../allocations/allocation-test-fixtures.ts';

export { BASE };

type Send = { token?: string; idempotencyKey?: string };

export const assignSerials = (t: TestApp, body: Record<string, unknown>, o: Send = {}) =>
  t.request('POST', `${BASE}/serials/assign`, { body, ...o });

export const consumeLot = (t: TestApp, body: Record<string, unknown>, o: Send = {}) =>
  t.request('POST', `${BASE}/lot/consume`, { body, ...o });

export const trace = (t: TestApp, query: string, o: Send = {}) => t.request('GET', `${BASE}/traceability?${query}`, o);

/** Kinds and fulfillments of a chain's events, for compact assertions. */
export const steps = (events: { kind: string; fulfillment_id: string | null }[]) =>
  events.map((e) => [e.kind, e.fulfillment_id]);

/**
 * A warehouse with `SKU-S` received as serial units `SN-1`…`SN-n` and `MED` as lot `L1`
 * (expiring 2026-06-30), both in bin 0; the clock stands at 2026-01-05.
 */
export async function tracedStock(t: TestApp, serials = 3, lotQty = 10) {
  const { warehouseId, bins } = await warehouseWithBins(t);
  const at = { warehouseId, locationId: bins[0]! };
  stock(t, at, 'SKU-S', serials, { serials: Array.from({ length: serials }, (_, i) => `SN-${i + 1}`) });
  stock(t, at, 'MED', lotQty, { lot: 'L1', expiry: '2026-06-30' });
  return { warehouseId, bin: bins[0]! };
}

/** A fulfillment of one line, allocated (fifo), with the allocation. */
export async function allocatedLine(t: TestApp, warehouseId: string, sku: string, quantity: number) {
  const f = await fulfillment(t, warehouseId, [{ sku, quantity }]);
  const allocation = await allocate(t, f.id);
  expect(allocation.status, allocation.text).toBe(201);
  return { f, line: f.lines[0]!, allocation: allocation.body as { id: string } };
}

/** Confirms everything the allocation reserved as picked. */
export async function pickAll(t: TestApp, allocationId: string) {
  const res = await t.request('POST', `${BASE}/allocations/${allocationId}/confirm-pick`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

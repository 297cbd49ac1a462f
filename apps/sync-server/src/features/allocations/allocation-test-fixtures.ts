import { expect } from 'vitest';
import { receiveStock } from '../../adapters/inventory/embedded-inventory-stock.ts';
import type { TestApp } from '../../testing/test-app.ts';

export const BASE = '/v1/fulfillment';

/** A warehouse with one pick zone of `bins` bins, made through the API; returns its id and bin ids in order. */
export async function warehouseWithBins(t: TestApp, code = 'LON1', bins = 4) {
  const res = await t.request('POST', `${BASE}/warehouses`, {
    body: {
      code,
      name: code,
      address: { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' },
      timezone: 'Europe/London',
      zones: [
        {
          code: 'A',
          name: 'Pick A',
          type: 'pick',
          locations: Array.from({ length: bins }, (_, i) => ({ code: `${code}-A-01-0${i + 1}-1` })),
        },
      ],
    },
  });
  expect(res.status, res.text).toBe(201);
  const locations = await t.request('GET', `${BASE}/warehouses/${res.body.id}/locations`);
  return { warehouseId: res.body.id as string, bins: locations.body.data.map((l: { id: string }) => l.id) as string[] };
}

/** Goods receipt in the embedded Inventory Service. */
export function stock(
  t: TestApp,
  at: { warehouseId: string; locationId: string },
  sku: string,
  quantity: number,
  o: { lot?: string; expiry?: string; serials?: string[]; receivedAt?: string } = {},
) {
  return receiveStock(t.db, {
    tenant_id: 'acme',
    warehouse_id: at.warehouseId,
    location_id: at.locationId,
    sku,
    quantity,
    lot: o.lot,
    expiry: o.expiry,
    serials: o.serials,
    received_at: o.receivedAt ?? '2026-01-01T00:00:00.000Z',
  });
}

export async function fulfillment(
  t: TestApp,
  warehouseId: string | undefined,
  lines: { sku: string; quantity: number }[],
) {
  const res = await t.request('POST', `${BASE}/fulfillments`, {
    body: {
      order_id: `ord_${Math.random().toString(36).slice(2, 8)}`,
      ...(warehouseId ? { warehouse_id: warehouseId } : {}),
      lines: lines.map((l, i) => ({ order_line_id: `line_${i + 1}`, ...l })),
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.fulfillments[0] as { id: string; lines: { id: string; order_line_id: string; sku: string }[] };
}

export async function allocate(
  t: TestApp,
  fulfillmentId: string,
  strategy = 'fifo',
  extra: Record<string, unknown> = {},
) {
  return t.request('POST', `${BASE}/allocations/request`, {
    body: { fulfillment_id: fulfillmentId, strategy, ...extra },
  });
}

import type { MiddlewareHandler } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpInventoryTestApp } from '../../testing/http-inventory-app.ts';
import { recallLot, receiveStock } from '../../adapters/inventory/embedded-inventory-stock.ts';
import { fulfillment, warehouseWithBins } from '../allocations/allocation-test-fixtures.ts';
import { consumeLot } from './traceability-test-fixtures.ts';

/** Lot consumption with INVENTORY_MODE=http: lots are read from an Inventory Service on loopback. */

let down = false;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  down = false;
  while (stops.length) await stops.pop()!();
});

const intercept: MiddlewareHandler = async (c, next) => {
  if (down) return c.json({ code: 'maintenance' }, 503);
  await next();
};

async function setup() {
  const { t, inventoryDb, close } = await createHttpInventoryTestApp({ intercept });
  stops.push(close);
  const { warehouseId, bins } = await warehouseWithBins(t);
  for (const [lot, expiry] of [
    ['L1', '2026-06-30'],
    ['L-OLD', '2025-12-31'],
  ] as const) {
    receiveStock(inventoryDb, {
      tenant_id: 'acme',
      warehouse_id: warehouseId,
      location_id: bins[0]!,
      sku: 'MED',
      quantity: 5,
      lot,
      expiry,
      received_at: '2026-01-01T00:00:00Z',
    });
  }
  const f = await fulfillment(t, warehouseId, [{ sku: 'MED', quantity: 4 }]);
  return { t, f, inventoryDb };
}

describe('lot consumption through the http Inventory Service', () => {
  it('reads the lot across the wire and refuses what it says is unknown, expired or recalled', async () => {
    const { t, f, inventoryDb } = await setup();
    const send = (lot: string) => consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot, qty: 1 });

    const ok = await send('L1');
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ lot: 'L1', lot_id: expect.stringMatching(/^lot_/), expiry: '2026-06-30' });
    expect((await send('NOPE')).body.code).toBe('lot_not_found');
    expect((await send('L-OLD')).body.code).toBe('lot_expired');
    recallLot(inventoryDb, 'acme', 'MED', 'L1', '2026-01-05T08:30:00Z');
    expect((await send('L1')).body.code).toBe('lot_recalled');
  });

  it('answers 503 inventory_unavailable while the Inventory Service is down, recording nothing', async () => {
    const { t, f } = await setup();
    down = true;
    const res = await consumeLot(t, { fulfillment_id: f.id, line_id: 'line_1', lot: 'L1', qty: 1 });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('inventory_unavailable');
    expect(t.db.$client.prepare('select count(*) as n from lot_consumptions').get()).toEqual({ n: 0 });
  });
});

import type { MiddlewareHandler } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpInventoryTestApp } from '../../testing/http-inventory-app.ts';
import { allocate, BASE, fulfillment, warehouseWithBins } from './allocation-test-fixtures.ts';
import { receiveStock } from '../../adapters/inventory/embedded-inventory-stock.ts';

/**
 * The allocation hand-off with INVENTORY_MODE=http: a real Inventory Service process stand-in on
 * loopback (its own database), reached through the http adapter, with outages injected at its door.
 */

let fault: 'none' | 'fail' | 'hang' = 'none';
let reservationsMade = 0;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  fault = 'none';
  reservationsMade = 0;
  while (stops.length) await stops.pop()!();
});

const intercept: MiddlewareHandler = async (c, next) => {
  if (fault === 'fail') return c.json({ code: 'boom' }, 500);
  if (fault === 'hang') await new Promise((r) => setTimeout(r, 400));
  if (c.req.method === 'POST' && c.req.path === '/reservations') reservationsMade++;
  await next();
};

async function setup() {
  const { t, inventoryDb, close } = await createHttpInventoryTestApp({ intercept, timeoutMs: 150, retries: 1 });
  stops.push(close);
  const { warehouseId, bins } = await warehouseWithBins(t);
  receiveStock(inventoryDb, {
    tenant_id: 'acme',
    warehouse_id: warehouseId,
    location_id: bins[0]!,
    sku: 'SKU-1',
    quantity: 4,
    received_at: '2026-01-01T00:00:00Z',
  });
  const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 3 }]);
  return { t, f, bin: bins[0]! };
}

describe('allocation through the http Inventory Service', () => {
  it('allocates, confirms picks and releases across the wire', async () => {
    const { t, f, bin } = await setup();
    const res = await allocate(t, f.id);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'allocated',
      lines: [{ allocated: 3, locations: [{ location_id: bin, qty: 3 }] }],
    });
    const picked = await t.request('POST', `${BASE}/allocations/${res.body.id}/confirm-pick`, {
      body: { picks: [{ line_id: 'line_1', location_id: bin, qty: 3 }] },
    });
    expect(picked.status, picked.text).toBe(200);
    expect(picked.body.lines[0].locations[0].picked).toBe(3);
    const over = await t.request('POST', `${BASE}/allocations/${res.body.id}/confirm-pick`, {
      body: { picks: [{ line_id: 'line_1', location_id: bin, qty: 9 }] },
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('pick_exceeds_reservation');
    const released = await t.request('POST', `${BASE}/allocations/${res.body.id}/release`);
    expect(released.body.status).toBe('released');
    const health = await t.request('GET', '/health', { token: null });
    expect(health.body.subsystems.inventory_service).toMatchObject({ status: 'ok', mode: 'http' });
  });

  it('answers 502 while the Inventory Service fails, keeps the allocation pending, and resumes it once back', async () => {
    const { t, f } = await setup();
    fault = 'fail';
    const down = await allocate(t, f.id);
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body.code).toBe('inventory_unavailable');
    const detail = await t.request('GET', `${BASE}/fulfillments/${f.id}`);
    expect(detail.body.status).toBe('awaiting_allocation');
    expect(detail.body.allocations).toEqual([
      expect.objectContaining({ status: 'pending', last_error: expect.objectContaining({ status: 502 }) }),
    ]);
    expect((await t.request('GET', '/health', { token: null })).body.subsystems.inventory_service.status).toBe(
      'degraded',
    );

    fault = 'none';
    const back = await allocate(t, f.id);
    expect(back.status, back.text).toBe(201);
    expect(back.body).toMatchObject({ id: detail.body.allocations[0].id, status: 'allocated', last_error: null });
    expect(reservationsMade).toBe(1);
  });

  it('answers 504 when it times out, and a retry never reserves twice', async () => {
    const { t, f } = await setup();
    fault = 'hang';
    const slow = await allocate(t, f.id);
    expect(slow.status).toBe(504);
    fault = 'none';
    await new Promise((r) => setTimeout(r, 500)); // the hung attempts complete server-side meanwhile
    const retry = await allocate(t, f.id);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body.lines[0].allocated).toBe(3);
    // 4 on the shelf, 3 reserved once (however many attempts reached the server): 1 left.
    const g = await fulfillment(t, (await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.warehouse_id, [
      { sku: 'SKU-1', quantity: 2 },
    ]);
    expect((await allocate(t, g.id)).body.lines[0]).toMatchObject({ status: 'partial', allocated: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { inventoryReservationUnits } from '../../db/schema/inventory.ts';
import { signPayload } from '../../platform/signatures.ts';
import { createTestApp, TEST_INVENTORY_CALLBACK_SECRET, type TestApp } from '../../testing/test-app.ts';
import { allocate, BASE, fulfillment, stock, warehouseWithBins } from './allocation-test-fixtures.ts';

const EVENTS = `${BASE}/allocations/events`;

async function send(t: TestApp, body: unknown, o: { secret?: string; at?: Date; path?: string } = {}) {
  const raw = JSON.stringify(body);
  const signature = signPayload(o.secret ?? TEST_INVENTORY_CALLBACK_SECRET, raw, o.at ?? t.clock.now());
  return t.request('POST', o.path ?? EVENTS, {
    token: null,
    rawBody: raw,
    headers: { 'Fulfillment-Signature': signature },
  });
}

/** A fulfillment allocated 1 of 3, then the Inventory Service finds more stock and reserves it on its own. */
async function partlyAllocated() {
  const t = await createTestApp();
  const { warehouseId, bins } = await warehouseWithBins(t);
  stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 1);
  const f = await fulfillment(t, warehouseId, [{ sku: 'SKU-1', quantity: 3 }]);
  const allocation = (await allocate(t, f.id)).body;
  expect(allocation.status).toBe('partial');
  // The inventory's side of a later top-up: two more units found and reserved for the same line.
  const [extra] = stock(t, { warehouseId, locationId: bins[1]! }, 'SKU-1', 2);
  t.db
    .insert(inventoryReservationUnits)
    .values({
      reservationId: allocation.reservation_id,
      stockId: extra!,
      lineId: allocation.lines[0].line_id,
      seq: 1,
      quantity: 2,
    })
    .run();
  const event = {
    event_id: 'evt-inv-1',
    type: 'reservation.updated',
    tenant_id: 'acme',
    reservation: {
      reservation_id: allocation.reservation_id,
      allocation_id: allocation.id,
      status: 'allocated',
      lines: [],
    },
  };
  return { t, f, allocation, event, bins };
}

describe('POST /allocations/events', () => {
  it('applies a signed event once, reading the reservation back, and the fulfillment becomes allocated', async () => {
    const { t, f, allocation, event, bins } = await partlyAllocated();
    const first = await send(t, event);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false, applied: true });
    const got = await t.request('GET', `${BASE}/allocations/${allocation.id}`);
    expect(got.body.status).toBe('allocated');
    expect(
      got.body.lines[0].locations.map((l: { location_id: string; qty: number }) => [l.location_id, l.qty]),
    ).toEqual([
      [bins[0], 1],
      [bins[1], 2],
    ]);
    expect((await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.status).toBe('allocated');

    for (let i = 0; i < 2; i++) {
      const again = await send(t, event);
      expect(again.body).toEqual({ received: true, duplicate: true, applied: false });
    }
    const timeline = (await t.request('GET', `${BASE}/fulfillments/${f.id}/timeline?limit=200`)).body.data;
    expect(timeline.filter((e: { type: string }) => e.type === 'allocation.allocated')).toHaveLength(1);
    expect(timeline.at(-1).actor).toEqual({ type: 'integration', id: 'inventory-service' });
  });

  it('refuses a bad signature, a stale timestamp and a missing header with 401, changing nothing', async () => {
    const { t, allocation, event } = await partlyAllocated();
    expect((await send(t, event, { secret: 'not-the-secret-at-all' })).body.code).toBe('signature_mismatch');
    const stale = await send(t, event, { at: new Date(t.clock.now().getTime() - 10 * 60_000) });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('signature_stale');
    const unsigned = await t.request('POST', EVENTS, { token: null, body: event });
    expect(unsigned.status).toBe(401);
    expect((await t.request('GET', `${BASE}/allocations/${allocation.id}`)).body.status).toBe('partial');
  });

  it('acknowledges but ignores an event for an allocation this tenant does not have', async () => {
    const { t, event } = await partlyAllocated();
    const other = await send(t, { ...event, event_id: 'evt-x', tenant_id: 'globex' });
    expect(other.body).toEqual({ received: true, duplicate: false, applied: false });
  });

  it('refuses malformed or invalid events with 400', async () => {
    const { t, event } = await partlyAllocated();
    const raw = '{"event_id": ';
    const bad = await t.request('POST', EVENTS, {
      token: null,
      rawBody: raw,
      headers: { 'Fulfillment-Signature': signPayload(TEST_INVENTORY_CALLBACK_SECRET, raw, t.clock.now()) },
    });
    expect(bad.status).toBe(400);
    expect((await send(t, { ...event, type: 'something.else' })).status).toBe(400);
    expect(
      (await send(t, { ...event, tenant_id: 'globex' }, { path: `/v1/acme/fulfillment/allocations/events` })).body.code,
    ).toBe('tenant_mismatch');
  });
});

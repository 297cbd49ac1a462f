import { describe, expect, it } from 'vitest';
import { signPayload } from '../../platform/signatures.ts';
import { createTestApp, TEST_CARRIER_CALLBACK_SECRET, type TestApp } from '../../testing/test-app.ts';
import { BASE, fulfillmentOf, ok } from '../picklists/picklist-test-fixtures.ts';
import { labelledShipment } from './shipment-test-fixtures.ts';

const HOOK = `${BASE}/webhook/carrier`;

async function send(t: TestApp, body: unknown, o: { secret?: string; at?: Date; signature?: string } = {}) {
  const raw = JSON.stringify(body);
  const signature = o.signature ?? signPayload(o.secret ?? TEST_CARRIER_CALLBACK_SECRET, raw, o.at ?? t.clock.now());
  return t.request('POST', HOOK, { token: null, rawBody: raw, headers: { 'Fulfillment-Signature': signature } });
}

const update = (event_id: string, tracking_number: string, status: string, occurred_at: string) => ({
  event_id,
  tenant_id: 'acme',
  tracking_number,
  status,
  occurred_at,
  location: 'London SW1',
});

async function timelineTypes(t: TestApp, fulfillmentId: string) {
  const timeline = ok(await t.request('GET', `${BASE}/fulfillments/${fulfillmentId}/timeline?limit=200`));
  return timeline.data.map((e: { type: string }) => e.type) as string[];
}

describe('POST /webhook/carrier', () => {
  it('applies a signed update once even when delivered three times, and closes the fulfillment on delivery', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    ok(await t.request('POST', `${BASE}/shipments/${s.shipmentId}/book`, { body: {} }));

    const moving = update('c-1', s.trackingNumber, 'in_transit', '2026-01-05T10:00:00Z');
    expect(ok(await send(t, moving))).toMatchObject({ duplicate: false, applied: true, status: 'in_transit' });
    expect((await fulfillmentOf(t, s.f1)).status).toBe('shipped');

    const delivered = update('c-2', s.trackingNumber, 'delivered', '2026-01-06T12:30:00Z');
    const receipts = [];
    for (let i = 0; i < 3; i++) receipts.push(ok(await send(t, delivered)));
    expect(receipts.map((r) => [r.duplicate, r.applied])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
    const shipment = ok(await t.request('GET', `${BASE}/shipments/${s.shipmentId}`));
    expect(shipment).toMatchObject({ status: 'delivered', delivered_at: '2026-01-06T12:30:00.000Z' });
    expect(shipment.tracking.events.map((e: { event_id: string }) => e.event_id)).toEqual(['c-1', 'c-2']);
    expect((await fulfillmentOf(t, s.f1)).status).toBe('closed');
    const types = await timelineTypes(t, s.f1);
    expect(types.filter((x) => x === 'shipment.delivered')).toHaveLength(1);
    expect(types).toContain('shipment.shipped');
  });

  it('subscribes to tracking (POST /track) and answers the history received since', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    const track = (body: unknown) => t.request('POST', `${BASE}/shipments/${s.shipmentId}/track`, { body });
    const subscribed = ok(await track({}));
    expect(subscribed.tracking).toEqual({ mode: 'webhook', events: [] });
    ok(await send(t, update('c-1', s.trackingNumber, 'in_transit', '2026-01-05T10:00:00Z')));
    const polled = ok(await track({ mode: 'poll' }));
    expect(polled.tracking.mode).toBe('webhook');
    expect(polled.tracking.events).toMatchObject([{ event_id: 'c-1', status: 'in_transit', location: 'London SW1' }]);
    expect((await track({ mode: 'sometimes' })).status).toBe(400);
  });

  it('refuses to track a shipment without a label yet', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    const fresh = ok(
      await t.request('POST', `${BASE}/vendor-shipments`, {
        body: {
          vendor_id: 'v1',
          reason: 'repair',
          rma_reference: 'RMA-1',
          from_warehouse_id: s.warehouseId,
          to_address: { name: 'Vendor', line1: '1 Road', city: 'Leeds', postal_code: 'LS1 1AA', country: 'GB' },
          lines: [{ sku: 'SKU-1', qty: 1 }],
          packages: [{ weight: 500, dimensions: { l: 100, w: 100, h: 100 } }],
        },
      }),
      201,
    );
    const res = await t.request('POST', `${BASE}/shipments/${fresh.id}/track`, { body: {} });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('label_required');
  });

  it('never moves a shipment back for a late update, but keeps it in the history', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    ok(await send(t, update('c-1', s.trackingNumber, 'delivered', '2026-01-06T12:00:00Z')));
    const late = ok(await send(t, update('c-2', s.trackingNumber, 'out_for_delivery', '2026-01-06T08:00:00Z')));
    expect(late).toMatchObject({ applied: true, status: 'delivered' });
    const shipment = ok(await t.request('GET', `${BASE}/shipments/${s.shipmentId}`));
    expect(shipment.status).toBe('delivered');
    expect(shipment.tracking.events).toHaveLength(2);
    const failed = ok(await send(t, update('c-3', s.trackingNumber, 'failed', '2026-01-07T08:00:00Z')));
    expect(failed.status).toBe('delivered');
  });

  it('refuses a bad signature, a stale timestamp and a missing header, and changes nothing', async () => {
    const t = await createTestApp();
    const s = await labelledShipment(t);
    const body = update('c-9', s.trackingNumber, 'delivered', '2026-01-05T10:00:00Z');
    const forged = await send(t, body, { secret: 'not-the-carrier-secret-at-all' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('signature_mismatch');
    const stale = await send(t, body, { at: new Date(t.clock.now().getTime() - 10 * 60_000) });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('signature_stale');
    const missing = await t.request('POST', HOOK, { token: null, body });
    expect(missing.status).toBe(401);
    expect(ok(await t.request('GET', `${BASE}/shipments/${s.shipmentId}`)).status).toBe('label_generated');
    // Refused deliveries were not recorded as received: the genuine one still applies.
    expect(ok(await send(t, body)).applied).toBe(true);
  });

  it('refuses a body over the size limit with 413 before reading it as an event', async () => {
    const t = await createTestApp();
    const huge = update('c-big', 'SBX00000000000', 'in_transit', '2026-01-05T10:00:00Z');
    const res = await send(t, { ...huge, description: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('acknowledges an update for an unknown shipment without applying it, and rejects malformed ones', async () => {
    const t = await createTestApp();
    const unknown = ok(await send(t, update('c-1', 'SBX00000000000', 'in_transit', '2026-01-05T10:00:00Z')));
    expect(unknown).toMatchObject({ received: true, applied: false, shipment_id: null });
    const bad = await send(t, { event_id: 'c-2', tenant_id: 'acme', status: 'teleported', occurred_at: 'soon' });
    expect(bad.status).toBe(400);
    const nameless = await send(t, {
      event_id: 'c-3',
      tenant_id: 'acme',
      status: 'delivered',
      occurred_at: '2026-01-05T10:00:00Z',
    });
    expect(nameless.status).toBe(400);
  });
});

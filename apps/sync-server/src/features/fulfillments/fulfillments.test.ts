import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fulfillments } from '../../db/schema/fulfillments.ts';
import { eventOutbox, timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const BASE = '/v1/fulfillment/fulfillments';
const order = (o: Record<string, unknown> = {}) => ({
  order_id: 'ord_123',
  source: 'order_service',
  requested_ship_date: '2025-09-01T09:00:00Z',
  lines: [
    { order_line_id: 'line_1', sku: 'SKU-1', quantity: 2, attributes: { gift: true } },
    { order_line_id: 'line_2', sku: 'SKU-2', quantity: 1 },
  ],
  metadata: { channel: 'web' },
  ...o,
});

async function create(t: TestApp, o: Record<string, unknown> = {}) {
  const res = await t.request('POST', BASE, { body: order(o) });
  expect(res.status).toBe(201);
  return res.body.fulfillment_id as string;
}

/** Status moves beyond `cancelled` belong to later features; tests put rows where they need them. */
function forceStatus(t: TestApp, id: string, status: typeof fulfillments.$inferSelect.status) {
  t.db.update(fulfillments).set({ status }).where(eq(fulfillments.id, id)).run();
}

describe('POST /fulfillments', () => {
  it('creates a unit in status created with lines as given, and says where it lives', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', BASE, { body: order() });
    expect(res.status).toBe(201);
    expect(res.body.fulfillment_id).toMatch(/^ful_[0-9A-Z]{26}$/);
    expect(res.body.status).toBe('created');
    expect(res.headers.get('location')).toBe(`${BASE}/${res.body.fulfillment_id}`);
    const [unit] = res.body.fulfillments;
    expect(unit).toMatchObject({
      id: res.body.fulfillment_id,
      order_id: 'ord_123',
      source: 'order_service',
      status: 'created',
      warehouse_id: null,
      requested_ship_date: '2025-09-01T09:00:00.000Z',
      version: 1,
      metadata: { channel: 'web' },
      created_at: '2026-01-05T09:00:00.000Z',
    });
    expect(unit.lines).toEqual([
      expect.objectContaining({
        order_line_id: 'line_1',
        sku: 'SKU-1',
        qty: 2,
        attributes: { gift: true },
        allocated: [],
      }),
      expect.objectContaining({ order_line_id: 'line_2', sku: 'SKU-2', qty: 1, attributes: {} }),
    ]);
  });

  it('records the creation on the timeline and in the event outbox, in the same transaction', async () => {
    const t = await createTestApp();
    const id = await create(t);
    const timeline = t.db.select().from(timelineEvents).where(eq(timelineEvents.fulfillmentId, id)).all();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ type: 'fulfillment.created', actorId: 'usr_test', actorType: 'user' });
    expect(timeline[0]!.requestId).toMatch(/^req_/);
    const events = t.db.select().from(eventOutbox).all();
    expect(events.map((e) => e.type)).toEqual(['fulfillment.created']);
  });

  it('refuses duplicate order lines, zero or fractional quantities, and too many lines', async () => {
    const t = await createTestApp();
    const dup = await t.request('POST', BASE, {
      body: order({
        lines: [
          { order_line_id: 'a', sku: 'S', quantity: 1 },
          { order_line_id: 'a', sku: 'S', quantity: 1 },
        ],
      }),
    });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('lines[1].order_line_id');
    for (const quantity of [0, -1, 1.5]) {
      const res = await t.request('POST', BASE, {
        body: order({ lines: [{ order_line_id: 'a', sku: 'S', quantity }] }),
      });
      expect(res.status, String(quantity)).toBe(400);
    }
    const many = Array.from({ length: 501 }, (_, i) => ({ order_line_id: `l${i}`, sku: 'S', quantity: 1 }));
    expect((await t.request('POST', BASE, { body: order({ lines: many }) })).status).toBe(400);
    expect((await t.request('POST', BASE, { body: order({ order_id: 'x'.repeat(129) }) })).status).toBe(400);
    expect(t.db.select().from(fulfillments).all()).toHaveLength(0);
  });

  it('refuses an unknown warehouse with 422 and writes nothing', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', BASE, { body: order({ warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA' }) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('warehouse_not_found');
    expect(t.db.select().from(fulfillments).all()).toHaveLength(0);
  });
});

describe('GET /fulfillments/{id}', () => {
  it('returns lines, allocations, shipments, tasks and the timeline', async () => {
    const t = await createTestApp();
    const id = await create(t);
    const res = await t.request('GET', `${BASE}/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, allocations: [], shipments: [], tasks: [], packages: [] });
    expect(res.body.lines).toHaveLength(2);
    expect(res.body.timeline).toEqual([
      expect.objectContaining({ type: 'fulfillment.created', actor: { type: 'user', id: 'usr_test' } }),
    ]);
  });

  it('answers 404 for an unknown id', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', `${BASE}/ful_01JAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('resource_not_found');
  });
});

describe('GET /fulfillments', () => {
  it('filters by order, status (one or several), warehouse and creation time', async () => {
    const t = await createTestApp();
    const a = await create(t, { order_id: 'ord_a' });
    const b = await create(t, { order_id: 'ord_b' });
    t.clock.advance(60_000);
    const c = await create(t, { order_id: 'ord_b' });
    forceStatus(t, b, 'picking');
    const ids = async (q: string) =>
      (await t.request('GET', `${BASE}?${q}`)).body.data.map((f: { id: string }) => f.id);
    expect(await ids('order_id=ord_b')).toEqual([b, c]);
    expect(await ids('status=picking')).toEqual([b]);
    expect(await ids('status=created,picking')).toEqual([a, b, c]);
    expect(await ids('created_after=2026-01-05T09:00:30Z')).toEqual([c]);
    expect(await ids('created_before=2026-01-05T09:00:30Z')).toEqual([a, b]);
    expect(await ids('warehouse_id=wh_01JAAAAAAAAAAAAAAAAAAAAAAA')).toEqual([]);
    const bad = await t.request('GET', `${BASE}?status=lost`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/unknown status lost/);
  });
});

describe('PATCH /fulfillments/{id}', () => {
  it('moves the requested ship date, merges metadata, bumps the version and records the change', async () => {
    const t = await createTestApp();
    const id = await create(t);
    const res = await t.request('PATCH', `${BASE}/${id}`, {
      body: { requested_ship_date: '2025-09-03T10:00:00+01:00', metadata: { channel: null, priority: 'high' } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      requested_ship_date: '2025-09-03T09:00:00.000Z',
      metadata: { priority: 'high' },
      version: 2,
    });
    const timeline = await t.request('GET', `${BASE}/${id}/timeline`);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual([
      'fulfillment.created',
      'fulfillment.updated',
    ]);
    expect(timeline.body.data[1].data.changes.requested_ship_date).toEqual({
      from: '2025-09-01T09:00:00.000Z',
      to: '2025-09-03T09:00:00.000Z',
    });
  });

  it('refuses an empty patch, server-owned fields and an unknown warehouse', async () => {
    const t = await createTestApp();
    const id = await create(t);
    expect((await t.request('PATCH', `${BASE}/${id}`, { body: {} })).status).toBe(400);
    expect((await t.request('PATCH', `${BASE}/${id}`, { body: { status: 'shipped' } })).status).toBe(400);
    const wh = await t.request('PATCH', `${BASE}/${id}`, { body: { warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(wh.status).toBe(422);
  });

  it('refuses to change the date once shipped (409) and leaves the record as it was', async () => {
    const t = await createTestApp();
    const id = await create(t);
    forceStatus(t, id, 'shipped');
    const res = await t.request('PATCH', `${BASE}/${id}`, { body: { requested_ship_date: '2025-10-01T00:00:00Z' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ship_date_change_not_allowed');
    expect((await t.request('GET', `${BASE}/${id}`)).body.version).toBe(1);
  });
});

describe('POST /fulfillments/{id}/cancel', () => {
  it('cancels with a reason, emits fulfillment.cancelled and records it', async () => {
    const t = await createTestApp();
    const id = await create(t);
    const res = await t.request('POST', `${BASE}/${id}/cancel`, { body: { reason: 'customer asked' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancel_reason: 'customer asked', version: 2 });
    const events = t.db
      .select()
      .from(eventOutbox)
      .all()
      .map((e) => e.type);
    expect(events).toEqual(['fulfillment.created', 'fulfillment.cancelled']);
    const detail = await t.request('GET', `${BASE}/${id}`);
    expect(detail.body.timeline.at(-1)).toMatchObject({
      type: 'fulfillment.cancelled',
      data: { reason: 'customer asked' },
    });
  });

  it('cancels with no body at all', async () => {
    const t = await createTestApp();
    const id = await create(t);
    expect((await t.request('POST', `${BASE}/${id}/cancel`)).status).toBe(200);
  });

  it.each(['shipped', 'closed'] as const)('refuses once %s with 409 fulfillment_not_cancellable', async (status) => {
    const t = await createTestApp();
    const id = await create(t);
    forceStatus(t, id, status);
    const res = await t.request('POST', `${BASE}/${id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('fulfillment_not_cancellable');
    expect(t.db.select().from(eventOutbox).all()).toHaveLength(1);
  });

  it('refuses a second cancel with 409, but replays it for the same Idempotency-Key', async () => {
    const t = await createTestApp();
    const id = await create(t);
    const first = await t.request('POST', `${BASE}/${id}/cancel`, { idempotencyKey: 'cancel-1' });
    const replay = await t.request('POST', `${BASE}/${id}/cancel`, { idempotencyKey: 'cancel-1' });
    const again = await t.request('POST', `${BASE}/${id}/cancel`);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('fulfillment_already_cancelled');
  });

  it('takes no further changes once cancelled: the status machine has no way out', async () => {
    const t = await createTestApp();
    const id = await create(t);
    await t.request('POST', `${BASE}/${id}/cancel`);
    const patch = await t.request('PATCH', `${BASE}/${id}`, { body: { requested_ship_date: '2025-10-01T00:00:00Z' } });
    expect(patch.status).toBe(409);
  });
});

describe('GET /fulfillments/{id}/timeline', () => {
  it('records actor, device, worker and request id of each change and pages through them', async () => {
    const t = await createTestApp();
    const id = await create(t);
    const handheld = await t.token({
      roles: ['supervisor'],
      subject: 'usr_sup',
      deviceId: 'scanner_12',
      workerId: 'wkr_1',
    });
    await t.request('PATCH', `${BASE}/${id}`, {
      token: handheld,
      body: { metadata: { n: 1 } },
      headers: { 'X-Request-Id': 'req-trace-0001' },
    });
    await t.request('PATCH', `${BASE}/${id}`, { body: { metadata: { n: 2 } } });
    const first = await t.request('GET', `${BASE}/${id}/timeline?limit=2`);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[1]).toMatchObject({
      actor: { type: 'user', id: 'usr_sup' },
      device_id: 'scanner_12',
      worker_id: 'wkr_1',
      request_id: 'req-trace-0001',
    });
    const next = await t.request('GET', `${BASE}/${id}/timeline?limit=2&cursor=${first.body.next_cursor}`);
    expect(next.body.data).toHaveLength(1);
    expect(next.body.next_cursor).toBeNull();
  });

  it('answers 404 for an unknown fulfillment', async () => {
    const t = await createTestApp();
    expect((await t.request('GET', `${BASE}/ful_01JAAAAAAAAAAAAAAAAAAAAAAA/timeline`)).status).toBe(404);
  });
});

describe('fulfillments and warehouses', () => {
  async function warehouse(t: TestApp, code: string, status: 'active' | 'inactive' = 'active') {
    const res = await t.request('POST', '/v1/fulfillment/warehouses', {
      body: {
        code,
        name: code,
        status,
        address: { line1: '1 Road', city: 'London', postal_code: 'E1 1AA', country: 'GB' },
        timezone: 'Europe/London',
      },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('splits an order into one unit per ship-from warehouse', async () => {
    const t = await createTestApp();
    const london = await warehouse(t, 'LON1');
    const leeds = await warehouse(t, 'LDS1');
    const res = await t.request('POST', BASE, {
      body: order({
        warehouse_id: london,
        lines: [
          { order_line_id: 'a', sku: 'S1', quantity: 1 },
          { order_line_id: 'b', sku: 'S2', quantity: 2, warehouse_id: leeds },
          { order_line_id: 'c', sku: 'S3', quantity: 3 },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const units = res.body.fulfillments;
    expect(units).toHaveLength(2);
    expect(units[0]).toMatchObject({ warehouse_id: london, order_id: 'ord_123' });
    expect(units[0].lines.map((l: { order_line_id: string }) => l.order_line_id)).toEqual(['a', 'c']);
    expect(units[1]).toMatchObject({ warehouse_id: leeds });
    expect(units[1].lines.map((l: { order_line_id: string }) => l.order_line_id)).toEqual(['b']);
    expect(res.body.fulfillment_id).toBe(units[0].id);
    const byOrder = await t.request('GET', `${BASE}?order_id=ord_123`);
    expect(byOrder.body.data).toHaveLength(2);
    const inLeeds = await t.request('GET', `${BASE}?warehouse_id=${leeds}`);
    expect(inLeeds.body.data.map((f: { id: string }) => f.id)).toEqual([units[1].id]);
  });

  it('refuses an inactive warehouse, or another tenant’s, with 422 naming the field', async () => {
    const t = await createTestApp();
    const closed = await warehouse(t, 'OLD1', 'inactive');
    const res = await t.request('POST', BASE, {
      body: order({ lines: [{ order_line_id: 'a', sku: 'S', quantity: 1, warehouse_id: closed }] }),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'warehouse_inactive', errors: [{ path: 'lines[0].warehouse_id' }] });
    const globex = await t.token({ tenants: ['globex'] });
    const foreign = await t.request('POST', BASE, {
      token: globex,
      body: order({ warehouse_id: await warehouse(t, 'ACM2') }),
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('warehouse_not_found');
  });

  it('moves the warehouse before allocation and refuses once allocated (409)', async () => {
    const t = await createTestApp();
    const london = await warehouse(t, 'LON1');
    const leeds = await warehouse(t, 'LDS1');
    const id = await create(t, { warehouse_id: london });
    const moved = await t.request('PATCH', `${BASE}/${id}`, { body: { warehouse_id: leeds } });
    expect(moved.status).toBe(200);
    expect(moved.body.warehouse_id).toBe(leeds);
    forceStatus(t, id, 'allocated');
    const refused = await t.request('PATCH', `${BASE}/${id}`, { body: { warehouse_id: london } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('warehouse_change_not_allowed');
  });
});
